#!/usr/bin/env bash
# npm dependencies, exactly as locked. Re-runs only when package-lock.json changed since the last install.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$VSTDS_ROOT"
stamp="node_modules/.vstds-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  log "npm: node_modules up to date"
  exit 0
fi
npm ci --no-audit --no-fund
echo "$want" > "$stamp"
