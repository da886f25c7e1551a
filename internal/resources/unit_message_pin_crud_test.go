package resources

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// uPinFixture is a space alice set up, a message of hers, and a harness for
// pins; config pins that message.
func uPinFixture(t *testing.T) (env *uEnv, h *uHarness, message string, config messagePinModel) {
	t.Helper()
	env, space, h := uUserFixture(t, NewMessagePin(), "Pins")
	msg, err := env.user.CreateMessage(context.Background(), space, &chat.Message{Text: "Welcome"}, chatapi.MessageOptions{})
	uMust(t, err)
	h.null(&config)
	config.Message = types.StringValue(msg.Name)
	return env, h, msg.Name, config
}

func TestUnitMessagePin_CreateReadDelete(t *testing.T) {
	env, h, message, config := uPinFixture(t)
	created := h.mustCreate(&config)
	got := uModel[messagePinModel](created)
	if got.Name.ValueString() != pinOfMessage(message) || got.Message.ValueString() != message || got.Space.ValueString() != spaceOfMessage(message) {
		t.Errorf("pin %+v", got)
	}
	if id := created.identityOf("name"); id != got.Name.ValueString() {
		t.Errorf("identity %q, want %q", id, got.Name.ValueString())
	}
	uWantNoDrift(t, h, created)
	uNoErrors(t, "Delete", h.delete(created))
	uWantReadRemoves(t, h, created, "no longer pinned")
	// A second delete (already unpinned) is fine.
	uNoErrors(t, "Delete again", h.delete(created))
	if n := uCount(env.srv, "chat.spaces.messagePins.delete"); n != 2 {
		t.Errorf("%d deletes, want 2", n)
	}
}

// A message pinned before this create is reported with the import command,
// never adopted (destroy would then unpin someone else's pin).
func TestUnitMessagePin_ExistingPinIsReportedNotAdopted(t *testing.T) {
	env, h, message, config := uPinFixture(t)
	_, err := env.user.CreateMessagePin(context.Background(), spaceOfMessage(message), message)
	uMust(t, err)
	res := h.create(&config)
	uWantError(t, res.diags, uRoot("message"), "terraform import google_chat_message_pin.NAME")
	if n := uCount(env.srv, "chat.spaces.messagePins.create"); n != 1 {
		t.Errorf("%d pin creates, want only the out-of-band one", n)
	}
}

// A create whose answer was lost finds the pin it made.
func TestUnitMessagePin_LostAnswerFindsThePin(t *testing.T) {
	env, h, message, config := uPinFixture(t)
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.messagePins.create", CommitThenFail: true, Count: 1})
	got := uModel[messagePinModel](h.mustCreate(&config))
	if got.Name.ValueString() != pinOfMessage(message) {
		t.Errorf("pin %v", got.Name)
	}
}

// A 403 on refresh is an error that keeps the pin in state.
func TestUnitMessagePin_RefusedReadKeepsThePin(t *testing.T) {
	env, h, _, config := uPinFixture(t)
	created := h.mustCreate(&config)
	uWantRefusedRead(t, env, h, created, "chat.spaces.messagePins.list", "Unable to Read Chat Message Pin")
}

// App credentials are refused at plan, on message.
func TestUnitMessagePin_AppCredentialsRefusedAtPlan(t *testing.T) {
	env := newUEnv(t)
	h := newUHarness(t, NewMessagePin(), env.app)
	var config messagePinModel
	h.null(&config)
	config.Message = types.StringValue("spaces/AAAA/messages/BBBB")
	res := h.modifyPlan(&config, nil, nil)
	uWantError(t, res.diags, uRoot("message"), "User Credentials Required")
}
