package resources_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// Shared HCL fixtures of the acceptance tests.

const (
	// roomName is the name of the space every fixture calls room.
	roomName = "google_chat_space.room.name"
	// missingSpace is a space that does not exist, as an HCL string.
	missingSpace = `"spaces/AAAAAAAAAAA"`
)

// spaceHCL is a google_chat_space called displayName through provider,
// with more arguments after.
func spaceHCL(local, provider, displayName string, more ...string) string {
	return testenv.Resource("google_chat_space", local, append([]string{"provider", provider, "display_name", testenv.Quote(displayName)}, more...)...)
}

// membershipHCL is a google_chat_membership of member in space (an HCL
// expression) through provider, with more arguments after.
func membershipHCL(local, provider, space, member string) string {
	return testenv.Resource("google_chat_membership", local, "provider", provider, "space", space, "member", testenv.Quote(member))
}

// spaceMembersHCL is a google_chat_space_members of space (an HCL
// expression) through provider, with its member lists after.
func spaceMembersHCL(local, provider, space string, lists ...string) string {
	return testenv.Resource("google_chat_space_members", local, append([]string{"provider", provider, "space", space}, lists...)...)
}

// messageHCL is a google_chat_message of text in space (an HCL expression)
// through provider, with more arguments after.
func messageHCL(local, provider, space, text string, more ...string) string {
	return testenv.Resource("google_chat_message", local, append([]string{"provider", provider, "space", space, "text", testenv.Quote(text)}, more...)...)
}

// outOfBand is a PreConfig that changes something outside Terraform,
// failing t if the change fails.
func outOfBand(t *testing.T, change func() error) func() {
	return func() {
		t.Helper()
		if err := change(); err != nil {
			t.Fatal(err)
		}
	}
}

// createdAgainAfter is a step that removes the object of address outside
// Terraform, with the user's client, and then wants a plan that creates it
// again from config, and an empty plan after that apply.
func createdAgainAfter(t *testing.T, env *testenv.Env, address, config string, remove func(context.Context, *chatapi.Client) error) resource.TestStep {
	return resource.TestStep{
		PreConfig:        outOfBand(t, func() error { return remove(context.Background(), env.Client(chatapi.AuthModeUser)) }),
		Config:           config,
		ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate)),
	}
}

// invalidCase is a configuration that planning must refuse with an error
// matching want.
type invalidCase struct {
	name   string
	config string
	want   *regexp.Regexp
}

// planRefusesAll plans every case, each failing as it says, and then wants
// no API write from all that planning (what names the cases).
func planRefusesAll(t *testing.T, env *testenv.Env, what string, cases []invalidCase) {
	t.Helper()
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, ExpectError: tc.want, PlanOnly: true})
	}
	env.ParallelTest(steps)
	if writes := env.Writes(); len(writes) != 0 {
		t.Errorf("invalid %s made %d API writes: %+v", what, len(writes), writes)
	}
}
