package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// attributeError matches a diagnostic that Terraform attached to attribute
// (its source line is shown) and whose text contains phrase.
func attributeError(block, attribute, phrase string) *regexp.Regexp {
	words := strings.Fields(regexp.QuoteMeta(phrase))
	return regexp.MustCompile(`(?s)with ` + regexp.QuoteMeta(block) + `,.*\d+:\s+` + attribute + `\s+=.*` + strings.Join(words, `\s+`))
}

// blockError matches a diagnostic on a resource whose attribute is missing.
func blockError(phrase string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.Join(strings.Fields(regexp.QuoteMeta(phrase)), `\s+`))
}

func TestAccSpace_invalidConfigurationsMakeNoWrites(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	const bad = "google_chat_space.bad"
	many := make([]string, 50)
	for i := range many {
		many[i] = fmt.Sprintf("%q", fmt.Sprintf("users/u%d@example.com", i))
	}
	space := func(attrs string) string {
		return env.Config("resource \"google_chat_space\" \"bad\" {\n  provider = googlechat\n" + attrs + "\n}\n")
	}
	appSpace := func(attrs string) string {
		return env.Config("resource \"google_chat_space\" \"bad\" {\n  provider = googlechatapp\n" + attrs + "\n}\n")
	}
	providerOnly := func(attrs string) string {
		return fmt.Sprintf("provider \"googlechat\" {\n  endpoint = %q\n%s\n}\n\nresource \"google_chat_space\" \"bad\" {\n  display_name = \"x\"\n  provider = googlechat\n}\n",
			env.Emulator.URL+"/", attrs)
	}
	host := "registry.terraform.io"
	if testenv.OpenTofu() {
		host = "registry.opentofu.org"
	}
	providerBlock := `provider["` + host + `/hashicorp/googlechat"]`
	cases := []invalidCase{
		{"SPACE needs display_name", space(`description = "d"`), blockError("display_name is required when space_type is SPACE")},
		{"display_name too long", space(fmt.Sprintf("display_name = %q", strings.Repeat("x", 129))), attributeError(bad, "display_name", "UTF-8 character count must be between 1 and 128")},
		{"description too long", space(fmt.Sprintf("display_name = \"x\"\n  description = %q", strings.Repeat("d", 4097))), attributeError(bad, "description", "UTF-8 character count must be between 1 and 4096")},
		{"guidelines too long", space(fmt.Sprintf("display_name = \"x\"\n  guidelines = %q", strings.Repeat("g", 5001))), attributeError(bad, "guidelines", "UTF-8 character count must be between 1 and 5000")},
		{"unknown space_type", space(`space_type = "ROOM"`), attributeError(bad, "space_type", `value must be one of`)},
		{"GROUP_CHAT with display_name", space(`space_type = "GROUP_CHAT"
  display_name = "x"
  initial_members = ["users/bob@example.com", "users/carol@example.com"]`), attributeError(bad, "display_name", "only allowed when space_type is SPACE")},
		{"GROUP_CHAT with one member", space(`space_type = "GROUP_CHAT"
  initial_members = ["users/bob@example.com"]`), attributeError(bad, "initial_members", "needs at least two users")},
		{"DM with two members", space(`space_type = "DIRECT_MESSAGE"
  initial_members = ["users/bob@example.com", "users/carol@example.com"]`), attributeError(bad, "initial_members", "exactly one user")},
		{"DM with description", space(`space_type = "DIRECT_MESSAGE"
  description = "d"
  initial_members = ["users/bob@example.com"]`), attributeError(bad, "description", "not allowed for a DIRECT_MESSAGE")},
		{"bot DM on a SPACE", space(`display_name = "x"
  single_user_bot_dm = true`), attributeError(bad, "single_user_bot_dm", "requires space_type")},
		{"bot DM with members", space(`space_type = "DIRECT_MESSAGE"
  single_user_bot_dm = true
  initial_members = ["users/bob@example.com"]`), attributeError(bad, "initial_members", "takes no initial_members")},
		{"group in a group chat", space(`space_type = "GROUP_CHAT"
  initial_members = ["users/bob@example.com", "groups/engineering"]`), attributeError(bad, "initial_members", "can only be added to spaces whose space_type is SPACE")},
		{"member without prefix", space(`display_name = "x"
  initial_members = ["bob@example.com"]`), attributeError(bad, "initial_members", "must be users/{id or email} or groups/{id}")},
		{"the app as an initial member", space(`display_name = "x"
  initial_members = ["users/app"]`), attributeError(bad, "initial_members", "value must be none of")},
		{"more than 49 members", space(fmt.Sprintf("display_name = \"x\"\n  initial_members = [%s]", strings.Join(many, ", "))), attributeError(bad, "initial_members", "set must contain at most 49 elements")},
		{"bad history_state", space(`display_name = "x"
  history_state = "ON"`), attributeError(bad, "history_state", "value must be one of")},
		{"bad deletion_policy", space(`display_name = "x"
  deletion_policy = "KEEP"`), attributeError(bad, "deletion_policy", "value must be one of")},
		{"bad preset", space(`display_name = "x"
  predefined_permission_settings = "OPEN"`), attributeError(bad, "predefined_permission_settings", "value must be one of")},
		{"bad audience", space(`display_name = "x"
  access_settings = { audience = "everyone" }`), blockError("Attribute access_settings.audience must be audiences/{audience}")},
		{"bad access audience", space(`display_name = "x"
  access_settings = { access_permission_settings = { discover_space = ["everyone"] } }`),
			blockError("access_settings.access_permission_settings.discover_space")},
		{"join without discover", space(`display_name = "x"
  access_settings = { access_permission_settings = { discover_space = [], join_space = ["audiences/default"] } }`),
			blockError("access_settings.access_permission_settings.join_space: audiences/default may join but not discover the space")},
		{"app credentials grant access", appSpace(`display_name = "x"
  access_settings = { access_permission_settings = { discover_space = ["audiences/default"] } }`),
			blockError("access_settings.access_permission_settings.discover_space: changing access permission settings needs user credentials")},
		{"permissions on a group chat", space(`space_type = "GROUP_CHAT"
  initial_members = ["users/bob@example.com", "users/carol@example.com"]
  permission_settings = { manage_apps = { managers_allowed = true, assistant_managers_allowed = true, members_allowed = true } }`), attributeError(bad, "permission_settings", "only supported when space_type is SPACE")},
		{"app credentials create a group chat", appSpace(`space_type = "GROUP_CHAT"
  initial_members = ["users/bob@example.com", "users/carol@example.com"]`), attributeError(bad, "space_type", "needs user credentials")},
		{"app credentials add a group", appSpace(`display_name = "x"
  initial_members = ["groups/engineering"]`), attributeError(bad, "initial_members", "Chat apps can't add Google groups")},
		{"plain http endpoint", "provider \"googlechat\" {\n  endpoint = \"http://chat.example.com/\"\n}\n\nresource \"google_chat_space\" \"bad\" {\n  provider = googlechat\n  display_name = \"x\"\n}\n", attributeError(providerBlock, "endpoint", "plain http:// for a host that is not loopback")},
		{"credentials and token", providerOnly(`  credentials = "{}"
  access_token = "user:alice@example.com"`), attributeError(providerBlock, "credentials", "cannot be specified when")},
		{"bad request_timeout", providerOnly(`  access_token = "x"
  request_timeout = "soon"`), attributeError(providerBlock, "request_timeout", "must be a positive duration")},
		{"negative max_retries", providerOnly(`  access_token = "x"
  max_retries = -1`), attributeError(providerBlock, "max_retries", "must be between 0 and 100")},
		{"bad auth_mode", providerOnly(`  access_token = "x"
  auth_mode = "robot"`), attributeError(providerBlock, "auth_mode", "value must be one of")},
		{"bad customer", providerOnly(`  access_token = "x"
  customer = "my_customer"`), attributeError(providerBlock, "customer", "must be customers/{customer}")},
		{"bad scope", providerOnly(`  access_token = "x"
  scopes = ["chat.bot"]`), attributeError(providerBlock, "scopes", "must be a full scope URL")},
		{"credentials not JSON nor file", providerOnly(`  credentials = "/no/such/key.json"`), attributeError(providerBlock, "credentials", "neither JSON content nor a readable file")},
	}
	planRefusesAll(t, env, "configurations", cases)
	if len(cases) < 25 {
		t.Errorf("the catalogue shrank to %d cases", len(cases))
	}
}
