#!/usr/bin/env bash
# The project's own JUCE-wrapped VST3 instrument (tools/fixtures/juce-synth), Surge XT's stand-in in
# tests, built against Debian's JUCE 7.0.5. The JUCE .debs are only unpacked (dpkg -x), never
# installed: installing juce-modules-source would pull in webkit and gtk.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The plain instrument and its Surge-XT-like variants (tools/fixtures/juce-synth/README.md).
names=(VstdsJuceSynth VstdsJuceSlowSynth VstdsJuceClockSynth)
src="$VSTDS_ROOT/tools/fixtures/juce-synth"
juce_root="$CACHE_DIR/juce-7.0.5"
build="$CACHE_DIR/juce-synth-build"
build_log="$build/build.log"

fail() { echo "[setup] juce-synth: ERROR: $*" >&2; exit 1; }

[ -f "$src/CMakeLists.txt" ] || fail "fixture source $src/CMakeLists.txt is missing"
# Only what the build reads counts: a README edit must not cost a rebuild.
up_to_date=1
for n in "${names[@]}"; do
  so="$PLUGINS_DIR/vst3/$n.vst3/Contents/x86_64-linux/$n.so"
  if [ ! -f "$so" ] || [ -n "$(find "$src/CMakeLists.txt" "$src/src" -type f -newer "$so" | head -1)" ]; then
    up_to_date=0
  fi
done
if [ "$up_to_date" = 1 ]; then
  log "juce-synth: ${names[*]} present and newer than their sources"
  exit 0
fi

# 1. Debian's JUCE, unpacked into the cache.
if [ ! -f "$juce_root/.unpacked" ]; then
  debs="$CACHE_DIR/juce-debs"
  rm -rf "$debs" "$juce_root"
  mkdir -p "$debs" "$juce_root"
  if ! (cd "$debs" && apt-get download juce-modules-source juce-modules-source-data >/dev/null 2>&1); then
    log "juce-synth: apt-get download failed, refreshing apt lists once"
    as_root apt-get update -q >/dev/null || fail "apt-get update failed (needed to download the JUCE .debs)"
    (cd "$debs" && apt-get download juce-modules-source juce-modules-source-data) ||
      fail "apt-get download juce-modules-source juce-modules-source-data failed in $debs"
  fi
  for deb in "$debs"/juce-modules-source_*.deb "$debs"/juce-modules-source-data_*.deb; do
    [ -f "$deb" ] || fail "expected .deb not downloaded: $deb"
    version="$(dpkg-deb -f "$deb" Version)"
    case "$version" in
      7.0.5*) ;;
      *) fail "$deb is JUCE $version, the fixture is written for JUCE 7.0.5" ;;
    esac
    dpkg -x "$deb" "$juce_root" || fail "dpkg -x $deb $juce_root failed"
  done
  # Debian ships juceaide prebuilt (usr/lib/<triplet>/juce/juceaide); it must run on this machine.
  aide="$(ls "$juce_root"/usr/lib/*/juce/juceaide 2>/dev/null | head -1)"
  [ -x "$aide" ] || fail "no juceaide in the unpacked juce-modules-source under $juce_root/usr/lib"
  if ldd "$aide" | grep -q 'not found'; then
    fail "$aide lacks shared libraries: $(ldd "$aide" | grep 'not found' | tr -s ' \t\n' ' ')"
  fi
  rm -rf "$debs"
  touch "$juce_root/.unpacked"
  log "juce-synth: JUCE $version unpacked into $juce_root"
fi

# 2. Configure and build (Release, no LTO). The JUCE modules are compiled once for the three bundles
# (CMakeLists.txt); the build directory is kept, so a change to src/ recompiles only the synth itself.
# Ninja when it is there (Debian's image has it) schedules the few large units better than make.
generator="Unix Makefiles"
command -v ninja >/dev/null 2>&1 && generator="Ninja"
# CMake refuses to switch generators in a configured build directory (a cache from before this step used make).
if [ -f "$build/CMakeCache.txt" ] && ! grep -qx "CMAKE_GENERATOR:INTERNAL=$generator" "$build/CMakeCache.txt"; then
  rm -rf "$build"
fi
mkdir -p "$build"
t0=$(date +%s)
if ! cmake -G "$generator" -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJUCE_ROOT="$juce_root" >"$build_log" 2>&1; then
  tail -30 "$build_log" >&2
  fail "cmake configure failed (full log: $build_log)"
fi
if ! cmake --build "$build" --config Release -j"$(nproc)" >>"$build_log" 2>&1; then
  grep -E 'error|Error' "$build_log" | head -30 >&2 || tail -30 "$build_log" >&2
  fail "build failed (full log: $build_log)"
fi
for name in "${names[@]}"; do
  built="$build/${name}_artefacts/Release/VST3/$name.vst3"
  [ -f "$built/Contents/x86_64-linux/$name.so" ] || fail "build finished but $built/Contents/x86_64-linux/$name.so is missing"
done

# 3. Install the bundles; swap each in whole so a concurrent test never sees half a bundle.
mkdir -p "$PLUGINS_DIR/vst3"
for name in "${names[@]}"; do
  built="$build/${name}_artefacts/Release/VST3/$name.vst3"
  out="$PLUGINS_DIR/vst3/$name.vst3"
  rm -rf "$out.partial"
  cp -r "$built" "$out.partial"
  touch "$out.partial/Contents/x86_64-linux/$name.so"
  rm -rf "$out"
  mv "$out.partial" "$out"
done
log "juce-synth: built ${names[*]} in $(( $(date +%s) - t0 ))s"
