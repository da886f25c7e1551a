#!/usr/bin/env bash
# The quick start, offline: starts the Chat API emulator, applies
# examples/quick-start with the provider built from this checkout, and shows
# what it made. Needs no Google account.
#
# It runs with the first supported CLI (Terraform or OpenTofu 1.11 or newer)
# among: $DEMO_CLI, `terraform` on PATH, `tofu` on PATH. Only when there is
# none does it build the pinned Terraform into .bin/ (scripts/build-cli.sh,
# about 10 minutes the first time; the tests always use the pinned builds).
# `demo.sh --which-cli` prints the CLI it would use ("pinned" for the build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.bin"
work="$bin/demo"

# supported CLI: true when CLI is Terraform or OpenTofu >= 1.11.
supported() {
  local out first
  [ -n "$1" ] && [ -x "$1" ] || return 1
  # Capture, then match: a pipe into head would end the CLI with SIGPIPE.
  out=$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$1" version 2>/dev/null) || return 1
  first=${out%%$'\n'*}
  [[ $first =~ ^(Terraform|OpenTofu)\ v([0-9]+)\.([0-9]+)\. ]] || return 1
  local major=${BASH_REMATCH[2]} minor=${BASH_REMATCH[3]}
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 11 ]; }
}

terraform=""
for candidate in "${DEMO_CLI:-}" "$(command -v terraform || true)" "$(command -v tofu || true)"; do
  if supported "$candidate"; then
    terraform=$candidate
    break
  fi
done
if [ "${1:-}" = "--which-cli" ]; then
  # Say which CLI the demo would use, and do nothing else (for tests).
  echo "${terraform:-pinned}"
  exit 0
fi
if [ -z "$terraform" ]; then
  [ -z "${DEMO_CLI:-}" ] || echo "DEMO_CLI=$DEMO_CLI is not Terraform or OpenTofu 1.11 or newer." >&2
  echo "No Terraform or OpenTofu 1.11 or newer on PATH: using the pinned Terraform in .bin/."
  "$root/scripts/build-cli.sh" terraform >/dev/null
  terraform="$bin/terraform"
fi
cli_version=$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$terraform" version 2>/dev/null || true)
cli_version=${cli_version%%$'\n'*}
# OpenTofu looks providers up on its own registry host.
host=registry.terraform.io
case "$cli_version" in OpenTofu*) host=registry.opentofu.org ;; esac

rm -rf "$work"
mkdir -p "$work"
go build -o "$bin/terraform-provider-googlechat" "$root"
go build -o "$bin/chat-emulator" "$root/cmd/chat-emulator"

"$bin/chat-emulator" -listen 127.0.0.1:0 -addr-file "$work/emulator.url" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  [ -s "$work/emulator.url" ] && break
  sleep 0.1
done
[ -s "$work/emulator.url" ] || { echo "the emulator did not start:" >&2; cat "$work/emulator.log" >&2; exit 1; }
endpoint=$(cat "$work/emulator.url")

# Use the provider just built instead of one from a registry.
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "$host/seed-da88c8a3/googlechat" = "$bin"
  }
  direct {}
}
RC
cp "$root/examples/quick-start/"*.tf "$work/"

export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export GOOGLE_CHAT_ENDPOINT="$endpoint" GOOGLE_OAUTH_ACCESS_TOKEN="app" TF_VAR_user_access_token="user:alice@example.com"
unset GOOGLE_CHAT_CREDENTIALS GOOGLE_CREDENTIALS GOOGLE_APPLICATION_CREDENTIALS

cd "$work"
echo "== $(basename "$terraform") apply of examples/quick-start ($cli_version, $terraform) against the emulator at $endpoint (acting as the Chat app, and as alice for the pin and the reaction)"
# The warning box about dev_overrides is expected here; leave it out.
"$terraform" apply -auto-approve -input=false -no-color 2>&1 | awk '/^Warning: Provider development overrides/ {skip = 1} !skip {print} skip && /releases\.$/ {skip = 0}'
test "${PIPESTATUS[0]}" -eq 0
echo
echo "== What Terraform made"
"$terraform" state list
echo
echo "== Its members, as the Chat API reports them"
members=$(curl -s -H "Authorization: Bearer user:bob@example.com" \
  "${endpoint}v1/$("$terraform" output -raw space_name)/members")
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys
for m in json.load(sys.stdin).get("memberships", []):
    print("  %-40s %-12s %s" % (m["member"]["name"], m["role"], m["state"]))' <<<"$members"
else
  echo "$members"
fi
echo
echo "== The card message, as members see it"
curl -s -H "Authorization: Bearer user:bob@example.com" \
  "${endpoint}v1/$("$terraform" output -raw space_name)/messages/client-welcome" |
  if command -v python3 >/dev/null; then python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin), indent=2, ensure_ascii=False))"; else cat; fi
echo
echo "Space: $("$terraform" output -raw space_name)  URL: $("$terraform" output -raw space_uri)"
