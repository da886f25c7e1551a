package resources_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// An administrator with use_admin_access takes over a space alice made and
// the administrator is not in: imports it, edits it, adds and promotes a
// member, finds it by search, and deletes it all, never joining it.
func TestAccAdminAccess_manageASpaceTheAdministratorIsNotIn(t *testing.T) {
	env := testenv.New(t)
	admin := env.AdminProviderConfig()
	name := named("admin")
	const space, member = "google_chat_space.adopted", "google_chat_membership.dave"
	var spaceName string
	config := func(spaceArgs []string, more ...string) string {
		body := env.Config(admin + spaceHCL("adopted", "googlechatadmin", name, spaceArgs...))
		for _, m := range more {
			body += m
		}
		return body
	}
	edited := []string{"description", `"set by an administrator"`}
	dave := func(role string) string {
		return testenv.Resource("google_chat_membership", "dave", "provider", "googlechatadmin", "space", space+".name",
			"member", testenv.Quote(env.User(2)), "role", testenv.Quote(role))
	}
	search := testenv.Data("google_chat_spaces", "found", "provider", "googlechatadmin",
		"query", testenv.Quote(fmt.Sprintf(`customer = "customers/my_customer" AND space_type = "SPACE" AND display_name:%q`, name)),
		"depends_on", "["+space+"]")
	env.ParallelTest([]resource.TestStep{
		{
			// alice's space, imported by the administrator.
			PreConfig: outOfBand(t, func() error {
				out, err := env.Client(chatapi.AuthModeUser).SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{
					Space: &chat.Space{SpaceType: "SPACE", DisplayName: name}})
				if err == nil {
					spaceName = out.Name
				}
				return err
			}),
			Config:             config(edited),
			ResourceName:       space,
			ImportState:        true,
			ImportStatePersist: true,
			ImportStateIdFunc:  func(*terraform.State) (string, error) { return spaceName, nil },
		},
		{
			// Edited, and a member added and made manager, as administrator.
			Config: config(edited, dave("ROLE_MANAGER")),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(space, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction(member, plancheck.ResourceActionCreate),
			),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(space, "description", "set by an administrator"),
				resource.TestCheckResourceAttr(member, "role", "ROLE_MANAGER"),
				checkNotMember(env, func() string { return spaceName }),
				checkSentAsAdmin(env, "chat.spaces.get", "chat.spaces.patch", "chat.spaces.members.create"),
			),
		},
		{
			// The search with administrator access finds it.
			Config: config(edited, dave("ROLE_MANAGER"), search),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.google_chat_spaces.found", tfjsonpath.New("spaces").AtSliceIndex(0).AtMapKey("display_name"),
					knownvalue.StringExact(name)),
			},
		},
		{
			ResourceName: member, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts", "use_admin_access", "member"},
		},
		{
			// dave removed and the description edited outside Terraform: the
			// administrator adds him back and sets the description again.
			PreConfig: outOfBand(t, func() error {
				ctx := context.Background()
				user := env.Client(chatapi.AuthModeUser)
				if _, err := user.PatchSpace(ctx, spaceName, &chat.Space{SpaceDetails: &chat.SpaceDetails{Description: "edited"}},
					[]string{"space_details"}); err != nil {
					return err
				}
				return user.DeleteMembership(ctx, spaceName+"/members/"+strings.TrimPrefix(env.User(2), "users/"))
			}),
			Config: config(edited, dave("ROLE_MANAGER")),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(space, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction(member, plancheck.ResourceActionCreate),
			),
		},
		{
			// History can't change with administrator access: refused at plan.
			Config:      config(append(edited, "history_state", `"HISTORY_OFF"`), dave("ROLE_MANAGER")),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Not Supported With Administrator Access.*space_history_state`),
		},
	}, "google_chat_membership", "google_chat_space")
}

// checkNotMember: the administrator did all that without joining the
// space, whose only human members are alice and dave.
func checkNotMember(env *testenv.Env, space func() string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		members, err := env.Client(chatapi.AuthModeUser).ListMemberships(context.Background(), space(), "", true, true)
		if err != nil {
			return err
		}
		var humans []string
		for _, m := range members {
			if m.Member != nil && m.Member.Type == "HUMAN" {
				humans = append(humans, m.Member.Name)
			}
		}
		if len(humans) != 2 {
			return fmt.Errorf("%s has the human members %v, want alice and dave only", space(), humans)
		}
		return nil
	}
}

// Administrator access refused at plan, with no API write.
func TestAccAdminAccess_invalidInputMakesNoWrites(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	admin := env.AdminProviderConfig()
	planRefusesAll(t, env, "administrator access", []invalidCase{
		{"app credentials", env.Config(spaceHCL("bad", "googlechatapp", "x", "use_admin_access", "true")),
			regexp.MustCompile(`(?s)User Credentials Required.*use_admin_access needs the user credentials`)},
		{"app credentials on a membership", env.Config(testenv.Resource("google_chat_membership", "bad", "provider", "googlechatapp",
			"space", `"spaces/AAAA"`, "member", `"users/bob@example.com"`, "use_admin_access", "true")),
			regexp.MustCompile(`(?s)User Credentials Required`)},
		{"the app added by an administrator", env.Config(admin + testenv.Resource("google_chat_membership", "bad", "provider",
			"googlechatadmin", "space", `"spaces/AAAA"`, "member", `"users/app"`)),
			regexp.MustCompile(`(?s)Not Supported With Administrator Access.*can't add a Chat app`)},
	})
}

// checkSentAsAdmin: in emulator runs, the request log shows each rpc sent
// with useAdminAccess and applied: answered 200, or (chaos) committed before
// its answer was lost, after which the provider finds what it made.
func checkSentAsAdmin(env *testenv.Env, rpcs ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Emulator == nil {
			return nil
		}
		for _, rpc := range rpcs {
			found := false
			for _, r := range env.Emulator.Requests() {
				if r.RPC == rpc && r.AdminAccess && (r.Status == 200 || r.Committed) {
					found = true
					break
				}
			}
			if !found {
				return fmt.Errorf("no %s applied with useAdminAccess in the request log", rpc)
			}
		}
		return nil
	}
}
