#!/usr/bin/env bash
# Runs every package's tests through Nx, then prints one closing "N passed, N failed" line.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
rm -rf tmp/test-reports
npx nx run-many -t test --output-style=static --parallel=1 "$@"
status=$?
node tools/test-summary.mjs tmp/test-reports || status=1
exit $status
