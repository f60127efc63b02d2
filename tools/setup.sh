#!/usr/bin/env bash
# Idempotent fresh-machine setup, sized to the command that needs it:
#   bash tools/setup.sh --for generate   what `npm run generate` needs: the main job's Debian packages,
#                                        npm dependencies, the native addons and the TypeScript builds
#   bash tools/setup.sh [--for test]     all of that plus what the tests need: test instruments (DPF,
#                                        JUCE, fault synth), services, browsers, Python packages
# Steps live in tools/setup/NN-*.sh and run in name order; a step whose header has the line
# `# setup-for: generate` belongs to both profiles, every other step to `test` only. Every step checks
# whether its result is already there, so a second run takes seconds; each may be run alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export VSTDS_ROOT="$root"
profile=test
while [ $# -gt 0 ]; do
  case "$1" in
    --for) profile="${2:-}"; shift 2 ;;
    --for=*) profile="${1#--for=}"; shift ;;
    *) echo "tools/setup.sh: unknown argument '$1' (expected --for generate|test)" >&2; exit 2 ;;
  esac
done
case "$profile" in generate|test) ;; *) echo "tools/setup.sh: --for: expected generate or test, got '$profile'" >&2; exit 2 ;; esac
export VSTDS_SETUP_PROFILE="$profile"
start=$(date +%s)
for step in "$root"/tools/setup/[0-9][0-9]-*.sh; do
  name="$(basename "$step" .sh)"
  if [ "$profile" = generate ] && ! grep -qx '# setup-for: generate' "$step"; then continue; fi
  t0=$(date +%s)
  bash "$step"
  echo "[setup] $name done in $(( $(date +%s) - t0 ))s"
done
echo "[setup] $profile profile complete in $(( $(date +%s) - start ))s"
