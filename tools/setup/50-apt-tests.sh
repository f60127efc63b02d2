#!/usr/bin/env bash
# The test packages (tools/setup/apt-test-packages.sh) that 10-apt.sh installs in the background:
# waits for that install, then installs whatever is still missing in the foreground (nothing after a
# good background run; everything, with apt's own error, after a failed one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/apt-test-packages.sh"
wait_for_apt_background
apt_install_missing "${test_packages[@]}"
