#!/usr/bin/env bash
# setup-for: generate
# Native addons (cmake-js, offline headers). Rebuilds only when a native source is newer than the prebuild.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$VSTDS_ROOT"
for pkg in packages/*; do
  [ -f "$pkg/CMakeLists.txt" ] || continue
  out="$pkg/prebuilds/linux-x64/node.napi.node"
  if [ -f "$out" ] && [ -z "$(find "$pkg/CMakeLists.txt" "$pkg/native" -newer "$out" -type f 2>/dev/null | head -1)" ]; then
    log "native: $pkg up to date"
    continue
  fi
  log "native: building $pkg"
  node tools/build-native.mjs "$pkg"
done
