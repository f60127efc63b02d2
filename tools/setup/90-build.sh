#!/usr/bin/env bash
# setup-for: generate
# TypeScript builds of every package (tsup: ESM + CJS + .d.ts), cached by Nx.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$VSTDS_ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
npx nx run-many -t build --output-style=static --parallel=2
