#!/usr/bin/env bash
# Builds a pinned CLI from the Go module proxy (no release site is reachable)
# into .bin/: `build-cli.sh terraform` or `build-cli.sh tofu`. The version is
# the one tools/terraform-cli (the pinned, newest Terraform that builds here),
# tools/terraform-legacy-cli (the oldest Terraform the provider promises) or
# tools/opentofu-cli requires; `build-cli.sh terraform-legacy` builds the
# second into .bin/terraform-legacy. Built binaries
# are cached per version under ~/.cache, so later runs and fresh clones on the
# same machine skip the build (about 10 minutes for Terraform, 6 for OpenTofu).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-terraform}" in
  terraform)
    module="$root/tools/terraform-cli"; path=github.com/hashicorp/terraform; package=$path; name=Terraform
    ldflags="-s -w -X github.com/hashicorp/terraform/version.dev=no" ;;
  terraform-legacy)
    module="$root/tools/terraform-legacy-cli"; path=github.com/hashicorp/terraform; package=$path; name=Terraform
    ldflags="-s -w -X github.com/hashicorp/terraform/version.dev=no" ;;
  tofu)
    module="$root/tools/opentofu-cli"; path=github.com/opentofu/opentofu; package=$path/cmd/tofu; name=OpenTofu
    ldflags="-s -w -X github.com/opentofu/opentofu/version.dev=no" ;;
  *) echo "usage: $0 terraform|terraform-legacy|tofu" >&2; exit 2 ;;
esac
binary=${1:-terraform}
version=$(awk -v p="$path" '$1 == "require" && $2 == p {print $3}' "$module/go.mod" | sed 's/^v//')
[ -n "$version" ] || { echo "build-cli: no pinned version in $module/go.mod" >&2; exit 1; }
dest="$root/.bin/$binary"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-googlechat"
cached="$cache_dir/$binary-$version"

# Capture, then match: a pipe into head would end the CLI with SIGPIPE.
version_of() { TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null || true; }
is_version() { [ -x "$1" ] && grep -qx "$name v$version" <<<"$(version_of "$1")"; }

if is_version "$dest"; then
  exit 0
fi
if ! is_version "$cached"; then
  echo "Building $name v$version from the Go module proxy..."
  mkdir -p "$cache_dir"
  (cd "$module" && go build -trimpath -ldflags "$ldflags" -o "$cached.tmp" "$package")
  mv "$cached.tmp" "$cached"
fi
mkdir -p "$root/.bin"
cp "$cached" "$dest"
grep -x "$name v$version" <<<"$(version_of "$dest")"
