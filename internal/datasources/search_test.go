package datasources_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// spaces.search without administrator access finds the caller's spaces by
// name; bad queries and orders fail at plan with no call.
func TestAccSpacesDataSource_search(t *testing.T) {
	env := testenv.New(t)
	name := "tf-acc search " + acctest.RandString(6)
	config := env.Config(testenv.Resource("google_chat_space", "room", "provider", "googlechat", "display_name", testenv.Quote(name)) +
		testenv.Data("google_chat_spaces", "found", "provider", "googlechat",
			"query", testenv.Quote(fmt.Sprintf(`space_type = "SPACE" AND display_name:%q`, name)),
			"order_by", `"create_time DESC"`, "depends_on", "[google_chat_space.room]"))
	bad := func(query, more string) string {
		return env.Config(testenv.Data("google_chat_spaces", "bad", "provider", "googlechat", "query", testenv.Quote(query)) + more)
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.google_chat_spaces.found", tfjsonpath.New("spaces"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.google_chat_spaces.found", tfjsonpath.New("spaces").AtSliceIndex(0).AtMapKey("display_name"),
					knownvalue.StringExact(name)),
			},
		},
		{Config: bad(`display_name:"x"`, ""), ExpectError: regexp.MustCompile(`(?s)Invalid Search Query.*needs\s+space_type`), PlanOnly: true},
		{Config: bad(`space_type = "SPACE" AND customer = "customers/my_customer"`, ""), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)customer can be searched only with administrator access`)},
		{Config: bad(`space_type = "SPACE" OR display_name:"x"`, ""), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)only AND is\s+supported`)},
	}, "google_chat_space")
}
