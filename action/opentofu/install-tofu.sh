#!/usr/bin/env bash
# Installs OpenTofu VERSION from a mirror of its GitHub releases, for action/opentofu/action.yml:
#
#   install-tofu.sh VERSION BASE_URL
#
# downloads BASE_URL/vVERSION/tofu_VERSION_linux_ARCH.tar.gz and tofu_VERSION_SHA256SUMS (the
# layout of https://github.com/opentofu/opentofu/releases/download), checks the archive against
# the sums, unpacks `tofu` into $RUNNER_TEMP/tofu-VERSION and adds that folder to GITHUB_PATH.
# Only https is fetched, or http from this machine (the tests' mirror). Nothing is unpacked before
# its checksum has matched. Every value is a file argument: none is interpolated into code.
set -euo pipefail
version=${1:?version} base=${2:?mirror base URL}
case "$version" in
  [0-9]*.[0-9]*.[0-9]*) ;;
  *) echo "::error::tofu_version \"$version\" is not MAJOR.MINOR.PATCH"; exit 1 ;;
esac
case "$base" in
  *@*) echo "::error::refusing to download OpenTofu from $base: no user information (\"@\") in the mirror URL"; exit 1 ;;
  https://*) proto='=https' ;;
  http://127.0.0.1:* | http://127.0.0.1/* | http://localhost:* | http://localhost/*) proto='=http' ;;
  *) echo "::error::refusing to download OpenTofu from $base: only https (or http from this machine)"; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "::error::OpenTofu has no linux build for $(uname -m) that this action knows"; exit 1 ;;
esac
archive="tofu_${version}_linux_${arch}.tar.gz" sums="tofu_${version}_SHA256SUMS"
tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tofu-download.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for file in "$archive" "$sums"; do
  curl --fail --silent --show-error --location --proto "$proto" --proto-redir "$proto" --retry 3 \
    --output "$tmp/$file" "${base%/}/v$version/$file"
done
expected=$(awk -v a="$archive" '$2 == a || $2 == "*" a { print $1 }' "$tmp/$sums")
if [ -z "$expected" ] || ! echo "$expected  $tmp/$archive" | sha256sum --check --strict --status; then
  echo "::error::$archive from $base does not match its sha256 in $sums; nothing was installed"
  exit 1
fi
dest="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tofu-$version"
mkdir -p "$dest"
tar -xzf "$tmp/$archive" -C "$dest" tofu
echo "$dest" >> "${GITHUB_PATH:-/dev/null}"
echo "OpenTofu $version ($arch) from $base, sha256 $expected"
