package resources

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// With app credentials a private message may name its viewer by email: the
// documents allow the alias (User.name), so the plan lets it through, the
// API answers users/{id}, and state keeps the configured spelling.
func TestUnitEmailAlias_AppPrivateViewerByEmailKeepsItsSpelling(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Private")
	_, err := env.app.CreateMembership(context.Background(), space, &chat.Membership{Member: &chat.User{Name: "users/carol@example.com", Type: "HUMAN"}})
	uMust(t, err)
	config := uTextMessage(h, space, "psst")
	config.PrivateMessageViewer = types.StringValue("users/carol@example.com")

	uNoErrors(t, "ValidateConfig", h.validate(&config))
	uNoErrors(t, "ModifyPlan", h.modifyPlan(&config, nil, nil).diags)
	created := h.mustCreate(&config)
	got := uModel[messageModel](created)
	if got.PrivateMessageViewer.ValueString() != "users/carol@example.com" {
		t.Errorf("private_message_viewer = %v, want the configured email", got.PrivateMessageViewer)
	}
	message, err := env.app.GetMessage(context.Background(), got.Name.ValueString())
	uMust(t, err)
	if message.PrivateMessageViewer == nil || strings.Contains(message.PrivateMessageViewer.Name, "@") {
		t.Fatalf("the API should answer users/{id}: %+v", message.PrivateMessageViewer)
	}
	uWantNoDrift(t, h, created)

	// The next plan changes nothing: no replacement for the same spelling.
	state := got
	if res := h.modifyPlan(&config, &state, &state); res.diags.HasError() || len(res.requiresReplace) != 0 {
		t.Errorf("second plan: diags %v, replace %v", res.diags, res.requiresReplace)
	}
}

// Should the API refuse the email after all, the apply fails and nothing is
// recorded: the refusal reaches the user as an error.
func TestUnitEmailAlias_AppPrivateViewerRefusedAtApply(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Refused")
	_, err := env.app.CreateMembership(context.Background(), space, &chat.Membership{Member: &chat.User{Name: "users/carol@example.com", Type: "HUMAN"}})
	uMust(t, err)
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.messages.create", Status: 400, Count: 1})
	config := uTextMessage(h, space, "psst")
	config.PrivateMessageViewer = types.StringValue("users/carol@example.com")
	res := h.create(&config)
	uWantError(t, res.diags, nil, "spaces.messages.create")
	if !res.removed() {
		t.Error("a refused create recorded state")
	}
}

// With app credentials an email member is refused at plan time, and the
// error says why: the provider's lookup before adding (spaces.members.get)
// takes an email only with user authentication.
func TestUnitEmailAlias_AppMembershipByEmailSaysWhy(t *testing.T) {
	const why = "spaces.members.get accepts an email as an alias for {member} only with user authentication"
	t.Run("create", func(t *testing.T) {
		h := newUHarness(t, NewMembership(), uAppOnly)
		config := uMemberConfig(h, "spaces/S", "users/bob@example.com", "")
		diags := h.modifyPlan(&config, nil, nil).diags
		uWantError(t, diags, uRoot("member"), "Email Needs User Credentials")
		uWantError(t, diags, uRoot("member"), why)
		uWantError(t, diags, uRoot("member"), "users/{id} (the numeric user ID)")
	})
	t.Run("a new spelling of an existing member", func(t *testing.T) {
		_, space, h := uAppFixture(t, NewMembership(), "Respelled")
		created := h.mustCreate(uMemberConfig(h, space, "users/100000000000000000002", convert.RoleMember))
		state := uModel[membershipModel](created)
		config := uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember)
		plan := state
		plan.Member = config.Member
		uWantError(t, h.modifyPlan(&config, &plan, &state).diags, uRoot("member"), why)
	})
	t.Run("with user credentials an email plans", func(t *testing.T) {
		h := newUHarness(t, NewMembership(), uUserOnly)
		config := uMemberConfig(h, "spaces/S", "users/bob@example.com", "")
		uNoErrors(t, "ModifyPlan", h.modifyPlan(&config, nil, nil).diags)
	})
}
