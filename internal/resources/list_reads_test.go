package resources_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// planFunc is a plan check written as a function.
type planFunc func(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse)

func (f planFunc) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	f(ctx, req, resp)
}

// recordPlan writes the refreshed state and every planned change of a plan
// into out, so plans made two ways can be compared.
func recordPlan(out *string) plancheck.PlanCheck {
	return planFunc(func(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
		var lines []string
		if req.Plan.PriorState != nil && req.Plan.PriorState.Values != nil {
			for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
				values, _ := json.Marshal(r.AttributeValues)
				lines = append(lines, "state "+r.Address+" "+string(values))
			}
		}
		for _, rc := range req.Plan.ResourceChanges {
			change, _ := json.Marshal([]any{rc.Change.Actions, rc.Change.After, rc.Change.AfterUnknown})
			lines = append(lines, "change "+rc.Address+" "+string(change))
		}
		slices.Sort(lines)
		*out = strings.Join(lines, "\n")
		if *out == "" {
			resp.Error = fmt.Errorf("the plan has no state")
		}
	})
}

// A plan whose memberships are answered from list calls (its named spaces
// always by get) has the same refreshed state and the same changes as one
// that reads every object with its own get, before and after members are
// removed and promoted out of band; and it costs one members.list per space
// where gets cost one call per membership.
func TestAccRefresh_listReadsMatchGets(t *testing.T) {
	env := testenv.New(t)
	name := named("lists")
	const spaces = 6
	users := []string{env.User(1), env.User(2)}
	body := fmt.Sprintf(`
resource "google_chat_space" "room" {
  provider     = googlechat
  count        = %d
  space_type   = "SPACE"
  display_name = "%s ${count.index}"
  description  = "room ${count.index}"
}

resource "google_chat_membership" "m" {
  provider = googlechat
  count    = %d
  space    = google_chat_space.room[floor(count.index / 2)].name
  member   = %s[count.index %% 2]
}
`, spaces, name, 2*spaces, testenv.List(users...))
	listing := env.Config(body)
	env.ProviderSettings = "list_reads = false"
	getting := env.Config(body)
	env.ProviderSettings = ""

	// calls checks the reads of the plan's refresh in the emulator's log
	// (emulator runs).
	calls := func(wantMemberGets, wantMemberLists int) plancheck.PlanCheck {
		return planFunc(func(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
			if env.Emulator == nil {
				return
			}
			gets, lists, spaceLists := 0, 0, 0
			for _, r := range env.Emulator.Requests() {
				switch {
				case r.RPC == "chat.spaces.members.get":
					gets++
				case r.RPC == "chat.spaces.members.list" && r.Status == 200:
					lists++
				case r.RPC == "chat.spaces.list":
					spaceLists++
				}
			}
			// Named spaces are read with spaces.get: a list entry has no
			// permission settings (guide S14), so listing them is waste.
			if spaceLists != 0 {
				resp.Error = fmt.Errorf("the refresh listed the caller's spaces %d times; named spaces are read with spaces.get", spaceLists)
				return
			}
			exact := gets == wantMemberGets && lists == wantMemberLists
			if env.Emulator.Chaos() != nil {
				// Retries after injected faults repeat calls; a get where
				// none is wanted is still wrong.
				exact = gets >= wantMemberGets && lists >= wantMemberLists && (wantMemberGets > 0 || gets == 0)
			}
			if !exact {
				resp.Error = fmt.Errorf("the refresh made %d members.get and %d members.list; want %d and %d", gets, lists, wantMemberGets, wantMemberLists)
			}
		})
	}
	clearLog := func() {
		if env.Emulator != nil {
			env.Emulator.ClearRequests()
		}
	}
	member := func(space int, user string) string {
		return fmt.Sprintf(`google_chat_membership.m[%d]`, 2*space+slices.Index(users, user))
	}
	names := map[string]string{}
	capture := func(s *terraform.State) error {
		for _, space := range []int{0, 1} {
			for _, user := range users {
				// The flat state names count instances m.N.
				key := strings.NewReplacer("[", ".", "]", "").Replace(member(space, user))
				rs, ok := s.RootModule().Resources[key]
				if !ok {
					return fmt.Errorf("%s not in state", key)
				}
				names[member(space, user)] = rs.Primary.Attributes["name"]
			}
		}
		return nil
	}
	client := env.Client(chatapi.AuthModeUser)
	var fromLists, fromGets, driftFromLists, driftFromGets string
	same := func(a, b *string) plancheck.PlanCheck {
		return planFunc(func(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
			if *a != *b {
				resp.Error = fmt.Errorf("the plan answered from lists differs from the plan answered by gets:\n%s\n---\n%s", *a, *b)
			}
		})
	}
	env.ParallelTest([]resource.TestStep{
		{Config: listing, Check: capture},
		{
			PreConfig: clearLog,
			Config:    listing,
			PlanOnly:  true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(), recordPlan(&fromLists), calls(0, spaces)}},
		},
		{
			PreConfig: clearLog,
			Config:    getting,
			PlanOnly:  true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(), recordPlan(&fromGets), calls(2*spaces, 0), same(&fromLists, &fromGets)}},
		},
		{
			// Out of band: one member leaves, another is promoted.
			PreConfig: outOfBand(t, func() error {
				clearLog()
				if err := client.DeleteMembership(context.Background(), names[member(0, users[0])]); err != nil {
					return err
				}
				_, err := client.PatchMembership(context.Background(), names[member(1, users[1])], "ROLE_MANAGER")
				return err
			}),
			Config:             listing,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(member(0, users[0]), plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction(member(1, users[1]), plancheck.ResourceActionUpdate),
				// The member who left is not in the list: read with a get.
				recordPlan(&driftFromLists), calls(1, spaces)}},
		},
		{
			Config:             getting,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				recordPlan(&driftFromGets), same(&driftFromLists, &driftFromGets)}},
		},
		{
			Config: listing,
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(member(0, users[0]), plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction(member(1, users[1]), plancheck.ResourceActionUpdate)),
		},
	}, "google_chat_space", "google_chat_membership")
}
