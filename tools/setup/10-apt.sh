#!/usr/bin/env bash
# setup-for: generate
# System packages from Debian 12. Installs only what is missing: the main job's packages for
# `--for generate`, and the test packages too for `--for test`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

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
# What the tests need on top.
packages=(
  lilv-utils
  zam-plugins
  x42-plugins
  redis-server
  # a real one-node Slurm cluster in the tests (packages/cli/test/scale-out/slurm-cluster.e2e.test.ts)
  slurm-wlm munge
  python3-h5py python3-numpy
  # h5py reading compressed chunks: `import hdf5plugin` + Debian's Blosc and LZ4 filter plugins
  python3-hdf5plugin hdf5-filter-plugin-blosc-serial hdf5-filter-plugin
  # train/val/test splits (packages/splits: H5Pset_virtual) and the Python reader's tests (python/)
  python3-pytest python3-torch python3-setuptools python3-pip
  jupyter-core jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel
  # JUCE test instrument headers (tools/fixtures/juce-synth)
  libfreetype-dev libx11-dev libxext-dev libxrandr-dev libxinerama-dev libxcursor-dev
  libpng-dev libjpeg-dev zlib1g-dev
  # the JUCE instrument's build generator (tools/setup/35-juce-synth.sh; make is the fallback)
  ninja-build
  # LV2 instruments and effects from Debian (vst-host lv2-features tests, cli debian-instruments e2e)
  setbfree synthv1-lv2 calf-plugins lv2-examples avldrums.lv2 dragonfly-reverb-lv2
  # headless browser and a font for the report tests (packages/report, driven by playwright-core)
  chromium fonts-dejavu-core
)
if [ "${VSTDS_SETUP_PROFILE:-test}" = generate ]; then
  apt_install_missing "${generate_packages[@]}"
else
  apt_install_missing "${generate_packages[@]}" "${packages[@]}"
fi
