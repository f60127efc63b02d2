#!/usr/bin/env bash
# kill -9 of the main `vstds generate` process at random points, N times, each followed by a rerun
# of the same command (which resumes), until the dataset is complete. Prints, for the final
# dataset: rows lost, duplicate rows, and whether every chunk file is byte-identical to an
# uninterrupted run. Usage: bash tools/bench/kill-main.sh [N=5] [SEED=1]
set -uo pipefail
n=${1:-5}
RANDOM=${2:-1}
repo=$(cd "$(dirname "$0")/../.." && pwd)
vstds=(node "$repo/packages/cli/dist/bin.js")
root=$(mktemp -d /tmp/vstds-killmain-XXXXXX)
trap 'rm -rf "$root"' EXIT
cat > "$root/jx10.yaml" <<YAML
plugin_path: http://drobilla.net/plugins/mda/JX10
param_spec: mda_jx10
output_dir: $root/ds
num_samples: 200
samples_per_file: 10
num_workers: 2
seed: 909
YAML
"${vstds[@]}" generate --config "$root/jx10.yaml" --output "$root/ref" --quiet 2>/dev/null
kills=0
while [ "$kills" -lt "$n" ]; do
  touch "$root/start"
  "${vstds[@]}" generate --config "$root/jx10.yaml" --quiet 2>>"$root/runs.err" &
  pid=$!
  # a random point once the run writes rows (a .partial chunk is open): 0-5 s later it is
  # mid-chunk, at a chunk boundary or in the manifest update (a fixed delay would mostly hit
  # startup on a loaded machine)
  while kill -0 "$pid" 2>/dev/null && [ -z "$(find "$root/ds" -name '*.partial' -newer "$root/start" 2>/dev/null)" ]; do sleep 0.05; done
  sleep "$((RANDOM % 5)).$((RANDOM % 10))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"; wait "$pid" 2>/dev/null
    kills=$((kills + 1))
    listed=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['chunks']))" "$root/ds/dataset_info.json" 2>/dev/null || echo 0)
    echo "kill -9 #$kills: $listed chunks listed"
  else
    wait "$pid"; echo "run finished before its kill (exit $?)"; break
  fi
done
"${vstds[@]}" generate --config "$root/jx10.yaml" --quiet 2>"$root/final.err"
echo "final run: exit $?: $(tail -n 1 "$root/final.err")"
echo "locks of killed runs taken over: $(grep -c 'taking over the lock' "$root/runs.err" "$root/final.err" | awk -F: '{s += $NF} END {print s}')"
/usr/bin/python3 - "$root/ds" "$root/ref" <<'PY'
import glob, hashlib, os, sys, h5py
ds, ref = sys.argv[1:]
ids = []
for f in sorted(glob.glob(os.path.join(ds, '*.h5'))):
    with h5py.File(f, 'r') as h: ids += h['global_ids'][:].tolist()
sha = lambda p: hashlib.sha256(open(p, 'rb').read()).hexdigest()
same = all(sha(os.path.join(ds, os.path.basename(f))) == sha(f) for f in glob.glob(os.path.join(ref, '*.h5')))
print(f'rows lost {200 - len(set(ids))}, duplicate rows {len(ids) - len(set(ids))}, chunk files byte-identical to an uninterrupted run: {same}')
PY
