#!/usr/bin/env bash
# Runs every package's tests through Nx, then prints one closing "N passed, N failed" line.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
rm -rf tmp/test-reports
# Types first (sources and tests of every package); a type error fails the run like a test.
npx nx run-many -t typecheck --output-style=static --parallel=2 "$@"
typecheck=$?
npx nx run-many -t test --output-style=static --parallel=1 "$@"
status=$?
# The Python companion package (python/): pytest on Debian's python3, counted through its JUnit report.
/usr/bin/python3 -m pytest python/tests -q -p no:cacheprovider --junitxml=tmp/test-reports/python.xml || status=1
[ $typecheck -eq 0 ] || { echo "typecheck failed (see above)"; status=1; }
node tools/test-summary.mjs tmp/test-reports || status=1
exit $status
