# The Debian packages only the tests run (sourced by 10-apt.sh, which starts their install, and by
# 50-apt-tests.sh, which waits for it).
test_packages=(
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
  # LV2 instruments and effects from Debian (vst-host lv2-features tests, cli debian-instruments e2e)
  setbfree synthv1-lv2 calf-plugins lv2-examples avldrums.lv2 dragonfly-reverb-lv2
  # headless browser and a font for the report tests (packages/report, driven by playwright-core)
  chromium fonts-dejavu-core
)
