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
# ${IDP_RELEASE_BASE_URL:-$GITHUB_SERVER_URL/<owner/name>/releases/download}/v<version>/<asset>, or,
# with IDP_RELEASE_TOKEN (a private or internal platform repository, whose download URLs need a
# token), through the REST API at GITHUB_API_URL: the release by tag, then its asset with
# Accept: application/octet-stream. Only https is fetched, or http from this machine (127.0.0.1,
# localhost: the tests' servers). The token goes to curl in a config file, never on its command line.
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

# curl's --proto value for URL: https anywhere, http only from this machine; else exits.
allowed_protocol() {
  case "$1" in
    *@*) echo "refusing to download $1: no user information (\"@\") in download URLs" >&2; exit 1 ;;
    https://*) echo '=https' ;;
    http://127.0.0.1:* | http://127.0.0.1/* | http://localhost:* | http://localhost/*) echo '=http' ;;
    *) echo "refusing to download $1: only https (or http from this machine)" >&2; exit 1 ;;
  esac
}

install_release() {
  local version=$1 dest=$2 expected repository base url proto
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
  # The download stays in RUNNER_TEMP (or TMPDIR) and goes when the script ends.
  tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/idp-download.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  if [ -n "${IDP_RELEASE_TOKEN:-}" ]; then
    local api=${GITHUB_API_URL:-https://api.github.com} release
    url="$api/repos/$repository/releases/tags/v$version"
    proto=$(allowed_protocol "$url")
    ( umask 077; printf 'header = "Authorization: Bearer %s"\nheader = "X-GitHub-Api-Version: 2022-11-28"\n' "$IDP_RELEASE_TOKEN" > "$tmp/auth" )
    release=$(curl --fail --silent --show-error --proto "$proto" --retry 3 --config "$tmp/auth" \
      --header "Accept: application/vnd.github+json" "$url")
    url=$(jq -r --arg name "$asset" '[.assets[] | select(.name == $name) | .url][0] // ""' <<<"$release")
    [ -n "$url" ] || { echo "release v$version of $repository has no asset $asset" >&2; exit 1; }
    proto=$(allowed_protocol "$url")
    # GitHub answers 302 to its storage (or 200): curl does not send the token to another host.
    curl --fail --silent --show-error --location --proto "$proto" --proto-redir "$proto" --retry 3 --config "$tmp/auth" \
      --header "Accept: application/octet-stream" --output "$tmp/$asset" "$url"
  else
    base=${IDP_RELEASE_BASE_URL:-${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download}
    url="$base/v$version/$asset"
    proto=$(allowed_protocol "$url")
    curl --fail --silent --show-error --location --proto "$proto" --proto-redir "$proto" --retry 3 --output "$tmp/$asset" "$url"
  fi
  if ! echo "$expected  $tmp/$asset" | sha256sum --check --strict --status; then
    echo "sha256 of $url is $(sha256sum "$tmp/$asset" | cut -d' ' -f1), not the $expected pinned in action/checksums.txt: refusing to install it" >&2
    exit 1
  fi
  provenance "$tmp/$asset" "$repository"
  mkdir -p "$dest"
  tar -xzf "$tmp/$asset" -C "$dest"
}

# The build provenance release.yml attests for every tarball, checked with GitHub's CLI on top of the
# pinned sha256 where gh is installed and logged in (GH_TOKEN): attested by the platform repository's
# release.yml. When it cannot be checked (no gh, not logged in, GitHub's API not answering for the
# repository), says why and goes on; a tarball gh refuses while the API answers is never unpacked.
# IDP_PROVENANCE=skip (IDP_PROVENANCE_WHY: the reason) leaves it to the sha256.
provenance() {
  local file=$1 repository=$2
  if [ "${IDP_PROVENANCE:-check}" = skip ]; then
    echo "build provenance of $asset not checked (${IDP_PROVENANCE_WHY:-IDP_PROVENANCE=skip}); its pinned sha256 matched" >&2
  elif ! command -v gh >/dev/null 2>&1; then
    echo "build provenance of $asset not checked: GitHub's CLI (gh) is not installed; its pinned sha256 matched" >&2
  elif ! gh auth status >/dev/null 2>&1; then
    echo "build provenance of $asset not checked: gh is not logged in (set GH_TOKEN); its pinned sha256 matched" >&2
  elif ! gh attestation verify "$file" --repo "$repository" --signer-workflow "$repository/.github/workflows/release.yml" >"$tmp/provenance" 2>&1; then
    if ! gh api "repos/$repository" >/dev/null 2>&1; then
      echo "build provenance of $asset not checked: GitHub's API did not answer for $repository with this token; its pinned sha256 matched" >&2
      return 0
    fi
    echo "the build provenance of $asset does not verify as built by $repository's release.yml (gh attestation verify): refusing to install it;" \
      "IDP_PROVENANCE=skip installs on the pinned sha256 alone (a host without artifact attestations)" >&2
    sed 's/^/  /' "$tmp/provenance" >&2
    exit 1
  else
    echo "build provenance of $asset verified: attested by $repository (gh attestation verify)" >&2
  fi
}

install_source() {
  local src=$1 dest=$2 dist
  dist=$(cd "$src" && scripts/build-release | tail -n 1)
  mkdir -p "$dest"
  # The multi-call binary and its links (-P: the links stay links, one binary on disk).
  cp -P "$src/$dist"/idp "$src/$dist"/idp-* "$dest/"
  cp -R "$src/$dist/templates" "$dest/"
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
