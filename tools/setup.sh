#!/usr/bin/env bash
# Idempotent fresh-machine setup: system packages, npm dependencies, test plugins, native and TS builds.
# Every step checks whether its result is already there, so a second run takes seconds.
# Steps live in tools/setup/NN-*.sh and run in name order; each may be run alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export VSTDS_ROOT="$root"
start=$(date +%s)
for step in "$root"/tools/setup/[0-9][0-9]-*.sh; do
  name="$(basename "$step" .sh)"
  t0=$(date +%s)
  bash "$step"
  echo "[setup] $name done in $(( $(date +%s) - t0 ))s"
done
echo "[setup] complete in $(( $(date +%s) - start ))s"
