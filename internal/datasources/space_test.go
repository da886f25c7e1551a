package datasources_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

func TestAccSpaceDataSource_readsASpaceTheConfigurationDidNotCreate(t *testing.T) {
	env := testenv.New(t)
	client := env.Client(chatapi.AuthModeUser)
	space, err := client.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{
		Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Existing space",
			SpaceDetails: &chat.SpaceDetails{Description: "made by hand"}},
		Memberships: []*chat.Membership{{Member: &chat.User{Name: env.User(0), Type: "HUMAN"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config:      env.Config(testenv.Data("google_chat_space", "missing", "provider", "googlechat", "name", testenv.Quote("spaces/AAAAAAAAAAA"))),
			ExpectError: regexp.MustCompile(`(?s)Unable to Read Chat Space.*404 NOT_FOUND`),
		},
		{
			Config:      env.Config(testenv.Data("google_chat_space", "bad", "provider", "googlechat", "name", testenv.Quote("AAAA"))),
			ExpectError: regexp.MustCompile(`(?s)with data.google_chat_space.bad,.*name\s+=.*must be spaces/\{space\}`),
		},
		{
			Config: env.Config(fmt.Sprintf(`
data "google_chat_space" "existing" {
  provider = googlechat
  name     = %q
}
`, space.Name)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.google_chat_space.existing", tfjsonpath.New("display_name"), knownvalue.StringExact("Existing space")),
				statecheck.ExpectKnownValue("data.google_chat_space.existing", tfjsonpath.New("description"), knownvalue.StringExact("made by hand")),
				statecheck.ExpectKnownValue("data.google_chat_space.existing", tfjsonpath.New("space_type"), knownvalue.StringExact("SPACE")),
				statecheck.ExpectKnownValue("data.google_chat_space.existing", tfjsonpath.New("joined_direct_human_user_count"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.google_chat_space.existing", tfjsonpath.New("permission_settings").AtMapKey("post_messages").AtMapKey("members_allowed"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.google_chat_space.existing", tfjsonpath.New("access_settings").AtMapKey("access_state"), knownvalue.StringExact("PRIVATE")),
			},
		},
	})
}
