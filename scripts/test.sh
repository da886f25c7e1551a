#!/usr/bin/env bash
# Everything CI runs (`make test`): lint, docs up to date and valid, the
# release config, unit tests, and the acceptance suite on the pinned
# Terraform (the newest that builds here), on the oldest Terraform the
# provider promises, on OpenTofu, and once more under chaos (random 503s,
# 429s, resets and lost answers; the seed is printed for replay).
#
# The suites mostly wait on paced writes, so the two other CLIs are built in
# the background while lint and the first suite run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .bin
make --no-print-directory terraform-cli "$PWD/.bin/test.terraformrc"

log=.bin/other-clis.log
( ./scripts/build-cli.sh terraform-legacy && ./scripts/build-cli.sh tofu ) >"$log" 2>&1 &
builds=$!
trap 'kill $builds 2>/dev/null || true' EXIT

make --no-print-directory lint docs-check release-check
make --no-print-directory testall

echo "Waiting for the Terraform 1.11 and OpenTofu builds..."
if ! wait "$builds"; then
  cat "$log"
  echo "building the other CLIs failed" >&2
  exit 1
fi
trap - EXIT
make --no-print-directory testacc-legacy
make --no-print-directory testacc-opentofu
make --no-print-directory testacc-chaos
