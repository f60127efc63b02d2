#!/usr/bin/env bash
# setup-for: generate
# npm dependencies as locked. Re-runs only when package-lock.json changed since the last install.
# Not `npm ci`: the registry reachable here lacks other platforms' optional packages (e.g.
# @nx/nx-darwin-arm64), so the lock cannot list them and `npm ci` rejects it as out of sync;
# `npm install` follows the lock for everything it does list.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$VSTDS_ROOT"
stamp="node_modules/.vstds-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  log "npm: node_modules up to date"
  exit 0
fi
npm install --no-audit --no-fund
sha256sum package-lock.json | cut -d' ' -f1 > "$stamp"
