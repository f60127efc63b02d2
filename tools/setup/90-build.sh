#!/usr/bin/env bash
# setup-for: generate
# TypeScript builds of every package (tsup: ESM + CJS + .d.ts), cached by Nx.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$VSTDS_ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
npx nx run-many -t build --output-style=static --parallel=2
# `npx vstds …` needs the bin link; npm makes it at install time from packages/cli/bin/vstds.js.
if ! node_modules/.bin/vstds --version >/dev/null 2>&1; then
  echo "[setup] node_modules/.bin/vstds missing or broken: re-linking workspace bins" >&2
  npm rebuild --ignore-scripts @vstds/cli >/dev/null
  node_modules/.bin/vstds --version >/dev/null
fi
