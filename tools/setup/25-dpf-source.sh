#!/usr/bin/env bash
# setup-for: generate
# Debian's dpf-plugins source package, unpacked into the cache: its DPF copy carries the CLAP headers
# the host addon is built against (the main job), and its plugins are the test instruments
# (built by 30-dpf-plugins.sh for the tests only).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

src="$(dpf_source_dir)"
if [ -f "$src/dpf/distrho/src/clap/entry.h" ]; then
  log "dpf-source: $src present"
  exit 0
fi
mkdir -p "$CACHE_DIR"
dl="$CACHE_DIR/dpf-download"
rm -rf "$dl"; mkdir -p "$dl"
opts="$(apt_src_opts)"
# shellcheck disable=SC2086
as_root apt-get $opts update -q
# The .debian.tar.xz may be missing on a mirror; the .dsc and the upstream tarball are all we need.
# shellcheck disable=SC2086
(cd "$dl" && as_root apt-get $opts source --download-only "dpf-plugins=$DPF_DEBIAN_VERSION" || true)
dsc="$dl/dpf-plugins_$DPF_DEBIAN_VERSION.dsc"
tarball="$dl/dpf-plugins_${DPF_VERSION}.orig.tar.xz"
[ -f "$dsc" ] && [ -f "$tarball" ] || { echo "dpf-source: could not download $dsc and $tarball" >&2; exit 1; }
want="$(awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f && $3 ~ /orig\.tar\.xz$/ {print $1}' "$dsc")"
got="$(sha256sum "$tarball" | cut -d' ' -f1)"
if [ -z "$want" ] || [ "$want" != "$got" ]; then
  echo "dpf-source: sha256 of $tarball is $got, the .dsc says '$want'" >&2
  exit 1
fi
log "dpf-source: orig tarball verified ($got)"
tmp="$CACHE_DIR/dpf-extract"
rm -rf "$tmp"; mkdir -p "$tmp"
tar -xJf "$tarball" -C "$tmp"
rm -rf "$src"
mv "$tmp/dpf-plugins-$DPF_VERSION" "$src"
rm -rf "$tmp" "$dl"
log "dpf-source: unpacked into $src"
