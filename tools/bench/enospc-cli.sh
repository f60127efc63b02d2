#!/usr/bin/env bash
# ENOSPC during a chunk write, at the CLI level: `vstds generate` (built CLI) into a 30 MB tmpfs
# that holds two of four 11 MB chunks; then the tmpfs is grown and the same command resumes.
# Prints the exit code and last line of the full-disk run, what the manifest listed, and for the
# resumed dataset: rows lost, duplicate rows, and whether every chunk file is byte-identical to an
# uninterrupted run. Needs root (mount). Usage: bash tools/bench/enospc-cli.sh
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
vstds=(node "$repo/packages/cli/dist/bin.js")
root=$(mktemp -d /tmp/vstds-enospc-XXXXXX)
mnt=$root/mnt
mkdir "$mnt"
mount -t tmpfs -o size=30m tmpfs "$mnt" || { echo "enospc-cli: cannot mount a tmpfs (needs root)"; exit 2; }
trap 'umount "$mnt"; rm -rf "$root"' EXIT
cat > "$root/jx10.yaml" <<YAML
plugin_path: http://drobilla.net/plugins/mda/JX10
param_spec: mda_jx10
output_dir: $mnt/ds
num_samples: 40
samples_per_file: 10
num_workers: 1
seed: 404
YAML
"${vstds[@]}" generate --config "$root/jx10.yaml" --quiet 2>"$root/full.err"
echo "full disk: exit $?: $(tail -n 1 "$root/full.err")"
python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print('full disk: manifest lists chunks', [c['index'] for c in m['chunks']], 'completed_samples', m['completed_samples'])" "$mnt/ds/dataset_info.json"
echo "full disk: partial files left: $(find "$mnt/ds" -name '*.partial' | wc -l)"
mount -o remount,size=100m "$mnt"
"${vstds[@]}" generate --config "$root/jx10.yaml" --quiet 2>"$root/resume.err"
echo "resumed: exit $?: $(tail -n 1 "$root/resume.err")"
"${vstds[@]}" generate --config "$root/jx10.yaml" --output "$root/ref" --quiet 2>/dev/null
/usr/bin/python3 - "$mnt/ds" "$root/ref" <<'PY'
import glob, hashlib, json, os, sys, h5py
ds, ref = sys.argv[1:]
ids = []
for f in sorted(glob.glob(os.path.join(ds, '*.h5'))):
    with h5py.File(f, 'r') as h: ids += h['global_ids'][:].tolist()
sha = lambda p: hashlib.sha256(open(p, 'rb').read()).hexdigest()
same = all(sha(os.path.join(ds, os.path.basename(f))) == sha(f) for f in glob.glob(os.path.join(ref, '*.h5')))
print(f'resumed: rows lost {40 - len(set(ids))}, duplicate rows {len(ids) - len(set(ids))}, chunk files byte-identical to an uninterrupted run: {same}')
PY
