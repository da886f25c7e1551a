package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// The provider block may be empty: endpoint and token come from the environment.
func TestAccProvider_environmentFallbacks(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	t.Setenv("GOOGLE_CHAT_ENDPOINT", env.Emulator.URL+"/")
	t.Setenv("GOOGLE_OAUTH_ACCESS_TOKEN", "user:carol@example.com")
	t.Setenv("GOOGLE_CHAT_CREDENTIALS", "")
	t.Setenv("GOOGLE_CREDENTIALS", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
provider "googlechat" {}

resource "google_chat_space" "env" {
  provider     = googlechat
  display_name = "Configured from the environment"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_space.env", tfjsonpath.New("display_name"), knownvalue.StringExact("Configured from the environment")),
			},
			Check: func(*terraform.State) error {
				return env.CheckCreatedBy("Configured from the environment", "user:carol@example.com")
			},
		}},
	})
}

// A provider configured from values known only after apply plans without a
// client (no crash, no API call) and works once the values are known.
func TestAccProvider_configurationKnownOnlyAtApply(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "endpoint" {
  input = %q
}

provider "googlechat" {
  endpoint     = terraform_data.endpoint.output
  access_token = "user:alice@example.com"
}

resource "google_chat_space" "late" {
  provider     = googlechat
  display_name = "Configured late"
}
`, env.Emulator.URL+"/"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_space.late", tfjsonpath.New("space_type"), knownvalue.StringExact("SPACE")),
			},
		}},
	})
}
