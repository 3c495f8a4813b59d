#!/usr/bin/env bash
# Puts the idp-* tools on PATH for the composite action (action.yml) — and for anyone else.
#
#   install.sh source  SOURCE_DIR DEST_DIR   build from a checkout (release mode, static Swift runtime)
#   install.sh release VERSION DEST_DIR      download the release tarball for this runner's
#                                            architecture and check it against action/checksums.txt
#
# Prints the folder holding the binaries. Everything is a file argument: no value is interpolated
# into code, and nothing is executed before its checksum has been verified.
set -euo pipefail
mode=${1:?mode}
here=$(cd "$(dirname "$0")" && pwd)

case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) echo "unsupported architecture: $(uname -m)" >&2; exit 1 ;;
esac

case "$mode" in
  source)
    src=${2:?source folder}
    dest=${3:?destination folder}
    dist=$(cd "$src" && scripts/build-release | tail -n 1)
    mkdir -p "$dest"
    cp "$src/$dist"/idp-* "$dest/"
    ;;
  release)
    version=${2:?version}
    dest=${3:?destination folder}
    case "$version" in
      [0-9]*.[0-9]*.[0-9]*) ;;
      *) echo "version \"$version\" is not MAJOR.MINOR.PATCH (or use version: source)" >&2; exit 1 ;;
    esac
    asset="mini-idp-linux-$arch.tar.gz"
    expected=$(awk -v v="$version" -v a="$asset" '$1 == v && $3 == a { print $2 }' "$here/checksums.txt")
    if [ -z "$expected" ]; then
      echo "no pinned sha256 for $asset of version $version in action/checksums.txt; use a released version or version: source" >&2
      exit 1
    fi
    repository=${IDP_RELEASE_REPOSITORY:?IDP_RELEASE_REPOSITORY (owner/name of the platform repository)}
    server=${GITHUB_SERVER_URL:-https://github.com}
    mkdir -p "$dest"
    tmp=$(mktemp -d "${RUNNER_TEMP:-/tmp}/idp-download.XXXXXX")
    curl --fail --silent --show-error --location --proto '=https' --output "$tmp/$asset" \
      "$server/$repository/releases/download/v$version/$asset"
    echo "$expected  $tmp/$asset" | sha256sum --check --strict --quiet
    tar -xzf "$tmp/$asset" -C "$dest"
    rm -rf "$tmp"
    ;;
  *)
    echo "usage: install.sh source SRC DEST | install.sh release VERSION DEST" >&2
    exit 2
    ;;
esac
chmod 0755 "$dest"/idp-*
"$dest/idp-sanitize-branch" --version >/dev/null
echo "$dest"
