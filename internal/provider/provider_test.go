package provider_test

import (
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
			Check: func(*terraformState) error {
				return env.CheckCreatedBy("Configured from the environment", "user:carol@example.com")
			},
		}},
	})
}

type terraformState = terraform.State
