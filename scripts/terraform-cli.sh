#!/usr/bin/env bash
# Builds the pinned Terraform CLI from the Go module proxy (no release site is
# reachable) into .bin/terraform. The version is the one tools/terraform-cli
# requires. Built binaries are cached per version under ~/.cache, so later
# runs and fresh clones on the same machine skip the ~10 minute build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module="$root/tools/terraform-cli"
version=$(awk '$1 == "require" && $2 == "github.com/hashicorp/terraform" {print $3}' "$module/go.mod" | sed 's/^v//')
[ -n "$version" ] || { echo "terraform-cli: no pinned version in $module/go.mod" >&2; exit 1; }
dest="$root/.bin/terraform"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-googlechat"
cached="$cache_dir/terraform-$version"

is_version() { [ -x "$1" ] && "$1" version 2>/dev/null | head -n 1 | grep -qx "Terraform v$version"; }

if is_version "$dest"; then
  exit 0
fi
if ! is_version "$cached"; then
  echo "Building Terraform v$version from the Go module proxy (about 10 minutes the first time)..."
  mkdir -p "$cache_dir"
  (cd "$module" && go build -trimpath \
    -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" \
    -o "$cached.tmp" github.com/hashicorp/terraform)
  mv "$cached.tmp" "$cached"
fi
mkdir -p "$root/.bin"
cp "$cached" "$dest"
"$dest" version | head -n 1
