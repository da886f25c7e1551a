#!/usr/bin/env bash
# The quick start, offline: starts the Chat API emulator, applies
# examples/quick-start with the provider built from this checkout, and shows
# what it made. Needs no Google account.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.bin"
work="$bin/demo"
terraform="$bin/terraform"

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
    "registry.terraform.io/seed-da88c8a3/googlechat" = "$bin"
  }
  direct {}
}
RC
cp "$root/examples/quick-start/"*.tf "$work/"

export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export GOOGLE_CHAT_ENDPOINT="$endpoint" GOOGLE_OAUTH_ACCESS_TOKEN="app"
unset GOOGLE_CHAT_CREDENTIALS GOOGLE_CREDENTIALS GOOGLE_APPLICATION_CREDENTIALS

cd "$work"
echo "== terraform apply of examples/quick-start against the emulator at $endpoint (acting as the Chat app)"
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
