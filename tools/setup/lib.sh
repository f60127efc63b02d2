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

# The arguments that are not installed Debian packages, one per line.
apt_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

# One apt transaction, waiting for another one (the background install) to release the dpkg lock.
apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "$@"
}

# Installs the Debian packages of the arguments that are not installed yet (one apt transaction).
apt_install_missing() {
  local missing
  mapfile -t missing < <(apt_missing "$@")
  if [ ${#missing[@]} -eq 0 ]; then
    log "apt: all $# packages present"
    return 0
  fi
  log "apt: installing ${missing[*]}"
  as_root apt-get update -q
  APT_LISTS_UPDATED=1
  apt_install "${missing[@]}"
}

# The background install of apt_install_missing_in_background: its pid, log and exit status.
APT_BACKGROUND_DIR="$CACHE_DIR/apt-background"

# apt_install_missing as a background process that outlives the calling step; wait_for_apt_background
# joins it. The apt lists are refreshed first only if this step has not just done it: a refresh
# while a later step reads them (35-juce-synth.sh's apt-get download) could fail that step.
apt_install_missing_in_background() {
  local missing
  mapfile -t missing < <(apt_missing "$@")
  rm -rf "$APT_BACKGROUND_DIR"
  if [ ${#missing[@]} -eq 0 ]; then
    log "apt: all $# packages present"
    return 0
  fi
  mkdir -p "$APT_BACKGROUND_DIR"
  log "apt: installing ${missing[*]} in the background (log: $APT_BACKGROUND_DIR/log)"
  local update=true
  [ "${APT_LISTS_UPDATED:-0}" = 1 ] || update="as_root apt-get update -q"
  (
    set +e
    $update && apt_install "${missing[@]}"
    echo $? > "$APT_BACKGROUND_DIR/status"
  ) </dev/null >"$APT_BACKGROUND_DIR/log" 2>&1 &
  echo $! > "$APT_BACKGROUND_DIR/pid"
}

# Waits for the background install, if one runs, and says how it ended.
wait_for_apt_background() {
  [ -f "$APT_BACKGROUND_DIR/pid" ] || return 0
  local pid t0
  pid="$(cat "$APT_BACKGROUND_DIR/pid")"
  t0=$(date +%s)
  while [ ! -f "$APT_BACKGROUND_DIR/status" ] && kill -0 "$pid" 2>/dev/null; do sleep 1; done
  local status
  status="$(cat "$APT_BACKGROUND_DIR/status" 2>/dev/null || echo 'none (the process ended without one)')"
  if [ "$status" = 0 ]; then
    log "apt: the background install finished (waited $(( $(date +%s) - t0 ))s)"
  else
    log "apt: the background install failed, status $status; the end of $APT_BACKGROUND_DIR/log:" >&2
    tail -20 "$APT_BACKGROUND_DIR/log" >&2 || true
  fi
  rm -f "$APT_BACKGROUND_DIR/pid"
}

# Debian's dpf-plugins source package: test instruments and the CLAP headers.
DPF_VERSION="1.6+ds"
DPF_DEBIAN_VERSION="1.6+ds-2"
dpf_source_dir() { echo "$CACHE_DIR/dpf-plugins-$DPF_VERSION"; }
