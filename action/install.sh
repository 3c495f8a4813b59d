#!/usr/bin/env bash
# Puts the idp-* tools in a folder, for the composite action (action.yml) and for developers
# (scripts/install):
#
#   install.sh auto    SOURCE_DIR DEST_DIR   the release of SOURCE_DIR's version when action/checksums.txt
#                                            (of that same checkout) pins it, else a build from SOURCE_DIR
#   install.sh release VERSION DEST_DIR      download that release for this machine's architecture and
#                                            check it against the sha256 pinned in action/checksums.txt
#   install.sh source  SOURCE_DIR DEST_DIR   build from a checkout (release mode, static Swift runtime)
#   install.sh plan    VERSION SOURCE_DIR    print what VERSION (auto, source, X.Y.Z) installs:
#                                            "release X.Y.Z" or "source"
#
# Releases come from IDP_RELEASE_REPOSITORY (owner/name) at
# ${IDP_RELEASE_BASE_URL:-$GITHUB_SERVER_URL/<owner/name>/releases/download}/v<version>/<asset>; only
# https is fetched, or http from this machine (127.0.0.1, localhost: the tests' release server).
# Nothing is unpacked, let alone run, before its checksum has matched. Prints the folder holding
# the binaries. Every value is a file argument: none is interpolated into code.
set -euo pipefail
mode=${1:?mode}
here=$(cd "$(dirname "$0")" && pwd)

case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) echo "unsupported architecture: $(uname -m)" >&2; exit 1 ;;
esac
asset="mini-idp-linux-$arch.tar.gz"

# The sha256 pinned for VERSION's asset, or nothing.
pinned() {
  awk -v v="$1" -v a="$asset" '$1 == v && $3 == a { print $2 }' "$here/checksums.txt"
}

install_release() {
  local version=$1 dest=$2 expected repository base url
  case "$version" in
    [0-9]*.[0-9]*.[0-9]*) ;;
    *) echo "version \"$version\" is not MAJOR.MINOR.PATCH (or use version: source)" >&2; exit 1 ;;
  esac
  expected=$(pinned "$version")
  if [ -z "$expected" ]; then
    echo "no pinned sha256 for $asset of version $version in action/checksums.txt: refusing to install it (use a released version, or version: source)" >&2
    exit 1
  fi
  repository=${IDP_RELEASE_REPOSITORY:?IDP_RELEASE_REPOSITORY (owner/name of the platform repository)}
  base=${IDP_RELEASE_BASE_URL:-${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download}
  url="$base/v$version/$asset"
  case "$url" in
    https://*) proto='=https' ;;
    http://127.0.0.1:* | http://127.0.0.1/* | http://localhost:* | http://localhost/*) proto='=http' ;;
    *) echo "refusing to download $url: only https (or http from this machine)" >&2; exit 1 ;;
  esac
  # The download stays in RUNNER_TEMP (or TMPDIR) and goes when the script ends.
  tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/idp-download.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  curl --fail --silent --show-error --location --proto "$proto" --proto-redir "$proto" --retry 3 --output "$tmp/$asset" "$url"
  if ! echo "$expected  $tmp/$asset" | sha256sum --check --strict --status; then
    echo "sha256 of $url is $(sha256sum "$tmp/$asset" | cut -d' ' -f1), not the $expected pinned in action/checksums.txt: refusing to install it" >&2
    exit 1
  fi
  mkdir -p "$dest"
  tar -xzf "$tmp/$asset" -C "$dest"
}

install_source() {
  local src=$1 dest=$2 dist
  dist=$(cd "$src" && scripts/build-release | tail -n 1)
  mkdir -p "$dest"
  cp "$src/$dist"/idp-* "$dest/"
}

# "release X.Y.Z" or "source" for a version input.
plan() {
  local input=$1 src=$2 version
  case "$input" in
    source) echo source ;;
    auto)
      version=$(sed -n 's/^ *public static let current = "\([0-9.]*\)".*/\1/p' "$src/Sources/IDPCore/Version.swift")
      if [ -n "$version" ] && [ -n "$(pinned "$version")" ]; then echo "release $version"; else echo source; fi
      ;;
    *) echo "release $input" ;;
  esac
}

case "$mode" in
  plan)
    plan "${2:?version}" "${3:?source folder}"
    exit 0
    ;;
  auto)
    src=${2:?source folder}
    dest=${3:?destination folder}
    read -r method version < <(plan auto "$src")
    if [ "$method" = release ]; then
      echo "installing release $version (pinned in action/checksums.txt)" >&2
      install_release "$version" "$dest"
    else
      echo "no release of this checkout's version is pinned in action/checksums.txt: building from source" >&2
      install_source "$src" "$dest"
    fi
    ;;
  release)
    install_release "${2:?version}" "${3:?destination folder}"
    dest=$3
    ;;
  source)
    install_source "${2:?source folder}" "${3:?destination folder}"
    dest=$3
    ;;
  *)
    echo "usage: install.sh auto SRC DEST | install.sh release VERSION DEST | install.sh source SRC DEST | install.sh plan VERSION SRC" >&2
    exit 2
    ;;
esac
chmod 0755 "$dest"/idp-*
"$dest/idp-sanitize-branch" --version >/dev/null
echo "$dest"
