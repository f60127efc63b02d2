#!/usr/bin/env bash
# Real third-party instruments (Kars, Nekobi) built as VST3 and CLAP, and an effect with a long tail
# (MVerb, VST3) from Debian's dpf-plugins source package (unpacked by 25-dpf-source.sh), plus the
# project's own DPF fault-injection instrument.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

src="$(dpf_source_dir)"
fault_src="$VSTDS_ROOT/tools/fixtures/fault-synth"
[ -d "$src/plugins" ] || bash "$(dirname "${BASH_SOURCE[0]}")/25-dpf-source.sh"

need=0
for p in Kars Nekobi; do
  [ -f "$PLUGINS_DIR/vst3/$p.vst3/Contents/x86_64-linux/$p.so" ] || need=1
  [ -f "$PLUGINS_DIR/clap/$p.clap" ] || need=1
done
[ -f "$PLUGINS_DIR/vst3/MVerb.vst3/Contents/x86_64-linux/MVerb.so" ] || need=1
if [ -d "$fault_src" ]; then
  so="$PLUGINS_DIR/vst3/VstdsFault.vst3/Contents/x86_64-linux/VstdsFault.so"
  if [ ! -f "$so" ] || [ -n "$(find "$fault_src" -newer "$so" -type f | head -1)" ]; then need=1; fi
fi
if [ "$need" = 0 ]; then
  log "dpf-plugins: VST3 and CLAP test plugins present"
  exit 0
fi

mkdir -p "$PLUGINS_DIR/vst3" "$PLUGINS_DIR/clap"
jobs="$(nproc)"
make -C "$src/plugins/Nekobi" vst3 clap FILES_UI= -j"$jobs" >/dev/null
make -C "$src/plugins/Kars" vst3 clap -j"$jobs" >/dev/null
make -C "$src/plugins/MVerb" vst3 FILES_UI= -j"$jobs" >/dev/null
rm -rf "$PLUGINS_DIR/vst3/MVerb.vst3"
cp -r "$src/bin/MVerb.vst3" "$PLUGINS_DIR/vst3/MVerb.vst3"
for p in Kars Nekobi; do
  rm -rf "$PLUGINS_DIR/vst3/$p.vst3"
  cp -r "$src/bin/$p.vst3" "$PLUGINS_DIR/vst3/$p.vst3"
  cp "$src/bin/$p.clap" "$PLUGINS_DIR/clap/$p.clap.partial"
  mv "$PLUGINS_DIR/clap/$p.clap.partial" "$PLUGINS_DIR/clap/$p.clap"
done

if [ -d "$fault_src" ]; then
  # Our own instrument is built inside the DPF tree so DPF's makefiles find their includes.
  rm -rf "$src/plugins/VstdsFault"
  cp -r "$fault_src" "$src/plugins/VstdsFault"
  make -C "$src/plugins/VstdsFault" vst3 -j"$jobs" >/dev/null
  rm -rf "$PLUGINS_DIR/vst3/VstdsFault.vst3"
  cp -r "$src/bin/VstdsFault.vst3" "$PLUGINS_DIR/vst3/VstdsFault.vst3"
fi
log "dpf-plugins: built into $PLUGINS_DIR/vst3 and $PLUGINS_DIR/clap"
