# shellcheck shell=bash
# Shared by scripts/*: install what a step needs when it is missing, quietly and idempotently.
# Debian packages via apt-get (root, or sudo when available), Python packages via pip.

_apt_updated=""

# ensure_apt PACKAGE... : installs the Debian packages that are not installed yet.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
  echo "installing (apt): ${missing[*]}" >&2
  if [ -z "$_apt_updated" ]; then
    $sudo apt-get update -qq >&2
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# ensure_pip MODULE SPEC : installs SPEC with pip unless python can import MODULE.
ensure_pip() {
  local module=$1 spec=$2
  python3 -c "import $module" >/dev/null 2>&1 && return 0
  echo "installing (pip): $spec" >&2
  python3 -m pip install --quiet --disable-pip-version-check "$spec" >&2
}

# ensure_command COMMAND SPEC : installs SPEC with pip unless COMMAND is on PATH.
ensure_command() {
  local command=$1 spec=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  echo "installing (pip): $spec" >&2
  python3 -m pip install --quiet --disable-pip-version-check "$spec" >&2
  hash -r
}
