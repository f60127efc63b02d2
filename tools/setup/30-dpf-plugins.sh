#!/usr/bin/env bash
# Real third-party VST3 instruments (Kars, Nekobi) built from Debian's dpf-plugins source package,
# plus the project's own DPF fault-injection instrument when its source exists.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

version="1.6+ds"
out="$PLUGINS_DIR/vst3"
src="$CACHE_DIR/dpf-plugins-$version"
fault_src="$VSTDS_ROOT/tools/fixtures/fault-synth"

need=0
for p in Kars Nekobi; do [ -f "$out/$p.vst3/Contents/x86_64-linux/$p.so" ] || need=1; done
if [ -d "$fault_src" ]; then
  so="$out/VstdsFault.vst3/Contents/x86_64-linux/VstdsFault.so"
  if [ ! -f "$so" ] || [ -n "$(find "$fault_src" -newer "$so" -type f | head -1)" ]; then need=1; fi
fi
if [ "$need" = 0 ]; then
  log "dpf-plugins: VST3 instruments present"
  exit 0
fi

mkdir -p "$out" "$CACHE_DIR"
if [ ! -d "$src" ]; then
  dl="$CACHE_DIR/dpf-download"
  rm -rf "$dl"; mkdir -p "$dl"
  opts="$(apt_src_opts)"
  # shellcheck disable=SC2086
  as_root apt-get $opts update -q
  # The .debian.tar.xz may be missing on a mirror; the .dsc and the upstream tarball are all we need.
  # shellcheck disable=SC2086
  (cd "$dl" && as_root apt-get $opts source --download-only "dpf-plugins=1.6+ds-2" || true)
  dsc="$dl/dpf-plugins_1.6+ds-2.dsc"
  tarball="$dl/dpf-plugins_${version}.orig.tar.xz"
  [ -f "$dsc" ] && [ -f "$tarball" ] || { echo "dpf-plugins: could not download $dsc and $tarball" >&2; exit 1; }
  want="$(awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f && $3 ~ /orig\.tar\.xz$/ {print $1}' "$dsc")"
  got="$(sha256sum "$tarball" | cut -d' ' -f1)"
  if [ -z "$want" ] || [ "$want" != "$got" ]; then
    echo "dpf-plugins: sha256 of $tarball is $got, the .dsc says '$want'" >&2
    exit 1
  fi
  log "dpf-plugins: orig tarball verified ($got)"
  tmp="$CACHE_DIR/dpf-extract"
  rm -rf "$tmp"; mkdir -p "$tmp"
  tar -xJf "$tarball" -C "$tmp"
  mv "$tmp/dpf-plugins-$version" "$src"
  rm -rf "$tmp" "$dl"
fi

jobs="$(nproc)"
make -C "$src/plugins/Nekobi" vst3 FILES_UI= -j"$jobs" >/dev/null
make -C "$src/plugins/Kars" vst3 -j"$jobs" >/dev/null
for p in Kars Nekobi; do
  rm -rf "$out/$p.vst3"
  cp -r "$src/bin/$p.vst3" "$out/$p.vst3"
done

if [ -d "$fault_src" ]; then
  # Our own instrument is built inside the DPF tree so DPF's makefiles find their includes.
  rm -rf "$src/plugins/VstdsFault"
  cp -r "$fault_src" "$src/plugins/VstdsFault"
  make -C "$src/plugins/VstdsFault" vst3 -j"$jobs" >/dev/null
  rm -rf "$out/VstdsFault.vst3"
  cp -r "$src/bin/VstdsFault.vst3" "$out/VstdsFault.vst3"
fi
log "dpf-plugins: built into $out"
