#!/usr/bin/env bash
# tslab (TypeScript Jupyter kernel) for notebooks/, installed apart from the npm workspace because it
# ships TypeScript 5.0 whose `tsc` would shadow the workspace's; registered with Debian's python3
# (the default python3 on PATH may be another interpreter without Jupyter). Idempotent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
nb="$VSTDS_ROOT/notebooks"
bin="$nb/node_modules/.bin/tslab"
stamp="$nb/node_modules/.vstds-lock.sha256"
want="$(sha256sum "$nb/package.json" "$nb/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ ! -x "$bin" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "tslab: installing into notebooks/node_modules"
  # zeromq ships prebuilt addons in its package; its install script (blocked by npm 11) is not needed.
  (cd "$nb" && flock /tmp/vstds-npm.lock npm ci --no-audit --no-fund --ignore-scripts)
  echo "$want" > "$stamp"
fi
kernel_json="$(jupyter kernelspec list --json 2>/dev/null | /usr/bin/python3 -c 'import json,sys; k=json.load(sys.stdin)["kernelspecs"].get("tslab"); print(k["resource_dir"] + "/kernel.json" if k else "")' || true)"
if [ -n "$kernel_json" ] && [ -f "$kernel_json" ] && grep -qF "\"$bin\"" "$kernel_json"; then
  log "tslab: kernel registered"
  exit 0
fi
log "tslab: registering the kernel ($bin)"
as_root "$bin" install --python=/usr/bin/python3 --binary="$bin" >/dev/null
