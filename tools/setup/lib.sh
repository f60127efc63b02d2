# Shared helpers for setup steps (sourced, not run).
VSTDS_ROOT="${VSTDS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
PLUGINS_DIR="$VSTDS_ROOT/.plugins"
CACHE_DIR="$VSTDS_ROOT/.plugins/cache"

# Runs a command as root: directly when we are root (CI, containers), else through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

log() { echo "[setup] $*"; }

# Private apt configuration for source packages, derived from the machine's own deb sources so that
# no mirror address lives in this repository and the machine's apt state is left untouched.
apt_src_opts() {
  local dir="$CACHE_DIR/apt-src"
  mkdir -p "$dir/lists/partial"
  if [ ! -s "$dir/sources.sources" ]; then
    local found=0
    : > "$dir/sources.sources"
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      sed -e 's/^Types:.*$/Types: deb-src/' "$f" >> "$dir/sources.sources"
      printf '\n' >> "$dir/sources.sources"
      found=1
    done
    if [ "$found" = 0 ] && [ -f /etc/apt/sources.list ]; then
      grep -E '^deb ' /etc/apt/sources.list | sed -e 's/^deb /deb-src /' > "$dir/sources.list"
      : > "$dir/sources.sources"
    fi
  fi
  local list="$dir/sources.sources"
  [ -s "$list" ] || list="$dir/sources.list"
  echo "-o Dir::Etc::SourceList=$list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$dir/lists"
}

# Installs the Debian packages of the arguments that are not installed yet (one apt transaction).
apt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "apt: all $# packages present"
    return 0
  fi
  log "apt: installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Debian's dpf-plugins source package: test instruments and the CLAP headers.
DPF_VERSION="1.6+ds"
DPF_DEBIAN_VERSION="1.6+ds-2"
dpf_source_dir() { echo "$CACHE_DIR/dpf-plugins-$DPF_VERSION"; }
