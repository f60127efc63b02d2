#!/usr/bin/env bash
# System packages from Debian 12. Installs only what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

packages=(
  build-essential cmake pkg-config xz-utils
  juce-modules-source-data
  liblilv-dev lv2-dev lilv-utils
  libfftw3-dev
  zam-plugins mda-lv2
  redis-server
  # a real one-node Slurm cluster in the tests (packages/cli/test/scale-out/slurm-cluster.e2e.test.ts)
  slurm-wlm munge
  python3-h5py python3-numpy
  jupyter-core jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel
  # JUCE test instrument headers (tools/fixtures/juce-synth)
  libfreetype-dev libx11-dev libxext-dev libxrandr-dev libxinerama-dev libxcursor-dev
  libpng-dev libjpeg-dev zlib1g-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "apt: all ${#packages[@]} packages present"
  exit 0
fi
log "apt: installing ${missing[*]}"
as_root apt-get update -q
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
