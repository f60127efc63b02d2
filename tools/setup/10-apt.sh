#!/usr/bin/env bash
# setup-for: generate
# System packages from Debian 12. Installs only what is missing: the main job's packages for
# `--for generate`, and the test packages too for `--for test` (tools/setup/apt-test-packages.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/apt-test-packages.sh"

# What `npm run generate` needs: compilers and headers for the native addons (VST3 SDK from Debian's
# JUCE data package, lilv, FFTW) and the quickstart instrument (mda JX10, LV2).
generate_packages=(
  build-essential cmake pkg-config xz-utils
  juce-modules-source-data
  liblilv-dev lv2-dev
  libfftw3-dev
  # the split writer's HDF5 virtual datasets (packages/splits, H5Pset_virtual)
  libhdf5-dev
  # the frozen wall clock of `reproducible: auto|strict` (vst-host deterministicClockEnv)
  libfaketime
  mda-lv2
)
# What the test instruments' builds (tools/setup/30-dpf-plugins.sh, 35-juce-synth.sh) compile against.
build_packages=(
  # JUCE test instrument headers (tools/fixtures/juce-synth)
  libfreetype-dev libx11-dev libxext-dev libxrandr-dev libxinerama-dev libxcursor-dev
  libpng-dev libjpeg-dev zlib1g-dev
  # the JUCE instrument's build generator (tools/setup/35-juce-synth.sh; make is the fallback)
  ninja-build
)
if [ "${VSTDS_SETUP_PROFILE:-test}" = generate ]; then
  apt_install_missing "${generate_packages[@]}"
else
  apt_install_missing "${generate_packages[@]}" "${build_packages[@]}"
  # What only the tests run (servers, Python, plugins, Chromium: half of a fresh machine's setup
  # time) installs in the background while the instruments and addons compile; 50-apt-tests.sh
  # waits for it before anything uses it.
  apt_install_missing_in_background "${test_packages[@]}"
fi
