package resources

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

var uMessageName = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messages/[A-Za-z0-9_.-]+$`)

// uAppSpace creates a named space as the Chat app, out of band.
func uAppSpace(t *testing.T, env *uEnv, displayName string) string {
	t.Helper()
	space, err := env.app.CreateSpace(context.Background(),
		&chat.Space{SpaceType: "SPACE", DisplayName: displayName, Customer: chatapi.DefaultCustomer}, uuid.NewString())
	if err != nil {
		t.Fatal(err)
	}
	return space.Name
}

// uUserSpace creates a named space as alice with these members, out of band.
func uUserSpace(t *testing.T, env *uEnv, displayName string, members ...string) string {
	t.Helper()
	var memberships []*chat.Membership
	for _, m := range members {
		memberships = append(memberships, &chat.Membership{Member: &chat.User{Name: m, Type: "HUMAN"}})
	}
	space, err := env.user.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{
		Space: &chat.Space{SpaceType: "SPACE", DisplayName: displayName}, Memberships: memberships, RequestId: uuid.NewString()})
	if err != nil {
		t.Fatal(err)
	}
	return space.Name
}

func uTextMessage(h *uHarness, space, text string) messageModel {
	var c messageModel
	h.null(&c)
	c.Space, c.Text = types.StringValue(space), types.StringValue(text)
	return c
}

func TestUnitMessageCreate_StateMatchesPlanAndReadsBackUnchanged(t *testing.T) {
	_, space, h := uAppFixture(t, NewMessage(), "Messages")
	config := uTextMessage(h, space, "Hello *world*")
	config.MessageID = types.StringValue("client-hello")
	config.NotificationType = types.StringValue("NOTIFICATION_TYPE_SILENT")

	created := h.mustCreate(&config)
	got := uModel[messageModel](created)
	if got.Text.ValueString() != "Hello *world*" || got.Space.ValueString() != space || got.MessageID.ValueString() != "client-hello" {
		t.Errorf("text %v space %v message_id %v", got.Text, got.Space, got.MessageID)
	}
	if !uMessageName.MatchString(got.Name.ValueString()) || got.ID != got.Name || got.ClientAssignedMessageID.ValueString() != "client-hello" {
		t.Errorf("name %v id %v client id %v", got.Name, got.ID, got.ClientAssignedMessageID)
	}
	if got.NotificationType.ValueString() != "NOTIFICATION_TYPE_SILENT" {
		t.Errorf("notification_type = %v, want the planned value kept", got.NotificationType)
	}
	if got.Sender.IsNull() || got.CreateTime.IsNull() || got.ThreadName.IsNull() || got.ThreadName.IsUnknown() {
		t.Errorf("sender %v create_time %v thread_name %v", got.Sender, got.CreateTime, got.ThreadName)
	}
	if created.identityOf("name") != got.Name.ValueString() {
		t.Errorf("identity = %q", created.identityOf("name"))
	}
	uWantNoDrift(t, h, created)
}

func TestUnitMessageCreate_CardsKeepTheirConfiguredSpelling(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Cards")
	var config messageModel
	h.null(&config)
	config.Space, config.CardsV2, config.AccessoryWidgets = types.StringValue(space), uJSON(uCardSpaced), uJSON(uWidgets)
	config.FallbackText = types.StringValue("A card")

	created := h.mustCreate(&config)
	got := uModel[messageModel](created)
	if got.CardsV2.ValueString() != uCardSpaced || got.AccessoryWidgets.ValueString() != uWidgets || got.FallbackText.ValueString() != "A card" {
		t.Errorf("cards %v widgets %v fallback %v", got.CardsV2, got.AccessoryWidgets, got.FallbackText)
	}
	stored, err := env.app.GetMessage(context.Background(), got.Name.ValueString())
	if err != nil || len(stored.CardsV2) != 1 || stored.CardsV2[0].Card.Header.Title != "Hi" {
		t.Fatalf("stored %+v, %v", stored, err)
	}
	read := h.read(created)
	uNoErrors(t, "Read", read.diags)
	if !read.state.Raw.Equal(created.state.Raw) {
		t.Error("read shows drift for cards")
	}
}

func TestUnitMessageCreate_RepliesInTheKeyedThread(t *testing.T) {
	_, space, h := uAppFixture(t, NewMessage(), "Threads")
	var threads []string
	for _, text := range []string{"first", "reply"} {
		config := uTextMessage(h, space, text)
		config.ThreadKey, config.MessageReplyOption = types.StringValue("deploys"), types.StringValue(replyFallbackToThread)
		got := uModel[messageModel](h.mustCreate(&config))
		if got.ThreadKey.ValueString() != "deploys" {
			t.Errorf("thread_key = %v", got.ThreadKey)
		}
		threads = append(threads, got.ThreadName.ValueString())
	}
	if threads[0] == "" || threads[0] != threads[1] {
		t.Errorf("threads = %v, want one thread", threads)
	}
}

func TestUnitMessageCreate_ErrorsCarryAdvice(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Errors")

	t.Run("missing space", func(t *testing.T) {
		config := uTextMessage(h, "spaces/missing", "hi")
		uWantError(t, h.create(&config).diags, uRoot("space"), "The space spaces/missing does not exist")
	})
	t.Run("message id taken", func(t *testing.T) {
		config := uTextMessage(h, space, "hi")
		config.MessageID = types.StringValue("client-taken")
		h.mustCreate(&config)
		uWantError(t, h.create(&config).diags, uRoot("message_id"), "already uses this message_id")
	})
	t.Run("thread must exist", func(t *testing.T) {
		config := uTextMessage(h, space, "hi")
		config.ThreadName, config.MessageReplyOption = types.StringValue(space+"/threads/nope"), types.StringValue(replyOrFail)
		uWantError(t, h.create(&config).diags, uRoot("thread_name"), "the thread must exist")
	})
	t.Run("not a member", func(t *testing.T) {
		other := uUserSpace(t, env, "Not the app's")
		config := uTextMessage(h, other, "hi")
		res := h.create(&config)
		uWantError(t, res.diags, uRoot("space"), "Unable to Create Chat Message")
		if !res.removed() {
			t.Error("a failed create left state")
		}
	})
	t.Run("invalid cards in the plan", func(t *testing.T) {
		config := uTextMessage(h, space, "hi")
		config.CardsV2 = uJSON(`[{"card":{"heder":{}}}]`)
		uWantError(t, h.create(&config).diags, nil, "Invalid Message")
	})
}

func TestUnitMessageCreate_LostAnswerReadsTheEchoedMessage(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Echo")
	// The first attempt posts and loses its answer; the retry, with the same
	// requestId, is answered with the request echoed.
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.messages.create", CommitThenFail: true, Count: 1})
	got := uModel[messageModel](h.mustCreate(uTextMessage(h, space, "once")))
	if got.CreateTime.IsNull() || got.Text.ValueString() != "once" {
		t.Errorf("create_time %v text %v", got.CreateTime, got.Text)
	}
	if n := len(uEmulatorSpace(t, env.srv, space).Messages); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
}

func TestUnitMessageCreate_LostAnswersAdoptAndFixTheClientIDMessage(t *testing.T) {
	env := newUEnv(t)
	space := uAppSpace(t, env, "Adopt")
	// A message with our client ID already holds other text.
	if _, err := env.app.CreateMessage(context.Background(), space, &chat.Message{Text: "stale"},
		chatapi.MessageOptions{MessageID: "client-adopt", RequestID: uuid.NewString()}); err != nil {
		t.Fatal(err)
	}
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.messages.create", Status: 503, Count: 2})
	h := newUHarness(t, NewMessage(), env.app)
	config := uTextMessage(h, space, "fresh")
	config.MessageID = types.StringValue("client-adopt")
	got := uModel[messageModel](h.mustCreate(&config))
	if got.Text.ValueString() != "fresh" || got.MessageID.ValueString() != "client-adopt" {
		t.Errorf("text %v message_id %v", got.Text, got.MessageID)
	}
	stored, err := env.app.GetMessage(context.Background(), space+"/messages/client-adopt")
	if err != nil || stored.Text != "fresh" {
		t.Errorf("stored %q, %v: the adopted message was not brought in line", stored.Text, err)
	}
}

func TestUnitMessageUpdate_EditsTextInPlace(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Edits")
	config := uTextMessage(h, space, "draft")
	created := h.mustCreate(&config)
	plan := uModel[messageModel](created)
	name := plan.Name.ValueString()
	plan.Text = types.StringValue("final")
	plan.NotificationType = types.StringValue("NOTIFICATION_TYPE_NONE")
	config.Text, config.NotificationType = plan.Text, plan.NotificationType

	updated := h.mustUpdate(created, &plan, &config)
	got := uModel[messageModel](updated)
	if got.Text.ValueString() != "final" || got.Name.ValueString() != name || got.LastUpdateTime.IsNull() {
		t.Errorf("text %v name %v last_update_time %v", got.Text, got.Name, got.LastUpdateTime)
	}
	if got.NotificationType.ValueString() != "NOTIFICATION_TYPE_NONE" {
		t.Errorf("notification_type = %v, want the planned value", got.NotificationType)
	}
	stored, err := env.app.GetMessage(context.Background(), name)
	if err != nil || stored.Text != "final" {
		t.Errorf("stored text %q, %v", stored.Text, err)
	}
	uWantMasks(t, env.srv, "chat.spaces.messages.patch", "text")
}

// Create sends no output-only card field (CardWithId.ownerUser) and an edit
// sends only what its mask names: no thread, no private viewer, no cards.
func TestUnitMessageUpdate_BodiesCarryOnlyInputs(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Bodies")
	if _, err := env.app.CreateMembership(context.Background(), space, &chat.Membership{Member: &chat.User{Name: "users/bob@example.com", Type: "HUMAN"}}); err != nil {
		t.Fatal(err)
	}
	config := uTextMessage(h, space, "draft")
	config.ThreadKey, config.MessageReplyOption = types.StringValue("deploys"), types.StringValue(replyFallbackToThread)
	config.PrivateMessageViewer = types.StringValue("users/bob@example.com")
	config.CardsV2 = uJSON(`[{"cardId":"c","ownerUser":{"name":"users/app"},"card":{"header":{"title":"Hi"}}}]`)
	created := h.mustCreate(&config)
	plan := uModel[messageModel](created)
	plan.Text, config.Text = types.StringValue("final"), types.StringValue("final")
	h.mustUpdate(created, &plan, &config)
	for _, r := range env.srv.Requests() {
		switch r.RPC {
		case "chat.spaces.messages.create":
			if strings.Contains(r.Body, "ownerUser") || !strings.Contains(r.Body, "deploys") || !strings.Contains(r.Body, "privateMessageViewer") {
				t.Errorf("create body %s: want the thread key, the viewer and no ownerUser", r.Body)
			}
		case "chat.spaces.messages.patch":
			if strings.TrimSpace(r.Body) != `{"text":"final"}` {
				t.Errorf("patch body %s: want the text alone", r.Body)
			}
		}
	}
	uWantMasks(t, env.srv, "chat.spaces.messages.patch", "text")
}

func TestUnitMessageUpdate_ReformattedCardsSendNothing(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Reformat")
	var config messageModel
	h.null(&config)
	config.Space, config.CardsV2 = types.StringValue(space), uJSON(uCard)
	created := h.mustCreate(&config)
	plan := uModel[messageModel](created)
	plan.CardsV2 = uJSON(uCardSpaced)
	config.CardsV2 = plan.CardsV2

	updated := h.mustUpdate(created, &plan, &config)
	got := uModel[messageModel](updated)
	if got.CardsV2.ValueString() != uCardSpaced {
		t.Errorf("cards_v2 = %s, want the configuration's spelling", got.CardsV2.ValueString())
	}
	if n := uCount(env.srv, "chat.spaces.messages.patch"); n != 0 {
		t.Errorf("%d patches for a reformatting", n)
	}
}

func TestUnitMessageUpdate_RefusedEditIsAnError(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Refused")
	config := uTextMessage(h, space, "draft")
	created := h.mustCreate(&config)
	plan := uModel[messageModel](created)
	plan.Text = types.StringValue("final")
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.messages.patch", Status: 403})
	updated := h.update(created, &plan, &plan)
	uWantError(t, updated.diags, nil, "updateMask text")
	uWantError(t, updated.diags, nil, "can change only its own messages")
}

func TestUnitMessageRead_DeletedOutOfBandIsRemovedWithWarning(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Deleted")
	created := h.mustCreate(uTextMessage(h, space, "bye"))
	state := uModel[messageModel](created)
	uMust(t, env.app.DeleteMessage(context.Background(), state.Name.ValueString(), false))
	uWantReadRemoves(t, h, created, "Chat Message Deleted")
	// Deleting it again is not an error.
	uNoErrors(t, "Delete of a deleted message", h.delete(created))
}

func TestUnitMessageRead_SpaceDeletedIsRemovedWithWarning(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Space gone")
	created := h.mustCreate(uTextMessage(h, space, "hi"))
	uMust(t, env.app.DeleteSpace(context.Background(), space))
	uWantRemoved(t, h.read(created), "deleted outside Terraform")
}

func TestUnitMessageRead_OtherErrorsAreReported(t *testing.T) {
	env, space, h := uAppFixture(t, NewMessage(), "Flaky read")
	created := h.mustCreate(uTextMessage(h, space, "hi"))
	uWantRefusedRead(t, env, h, created, "chat.spaces.messages.get", "Unable to Read Chat Message")
}

func TestUnitMessageDelete_UserForcesThreadWithReplies(t *testing.T) {
	env, space, h := uUserFixture(t, NewMessage(), "User thread")
	first := uTextMessage(h, space, "first")
	first.ThreadKey, first.MessageReplyOption = types.StringValue("t"), types.StringValue(replyFallbackToThread)
	created := h.mustCreate(&first)
	reply := first
	reply.Text = types.StringValue("reply")
	h.mustCreate(&reply)

	uNoErrors(t, "Delete of a thread's first message", h.delete(created))
	for _, m := range uEmulatorSpace(t, env.srv, space).Messages {
		if m.DeleteTime == "" {
			t.Errorf("%s (%q) survived", m.Name, m.Text)
		}
	}
}

func TestUnitMessageDelete_RefusedIsAnError(t *testing.T) {
	env, space, h := uUserFixture(t, NewMessage(), "Alice's messages", "users/bob@example.com")
	created := h.mustCreate(uTextMessage(h, space, "mine"))
	bob := newUHarness(t, NewMessage(), uClient(t, env.srv, "user:bob@example.com", chatapi.AuthModeUser))
	uWantError(t, bob.delete(created), nil, "Unable to Delete Chat Message")
}

func TestUnitMessageImportState(t *testing.T) {
	_, space, h := uAppFixture(t, NewMessage(), "Import")
	config := uTextMessage(h, space, "imported")
	config.MessageID = types.StringValue("client-imp")
	h.mustCreate(&config)

	uWantBadImportIDs(t, h, "", space, space+"/messages/", "spaces/a/threads/b", space+"/messages/a/b")
	id := space + "/messages/client-imp"
	got, read := uImportAndRead[messageModel](t, h, id)
	if got.Name.ValueString() != id || got.ID.ValueString() != id {
		t.Errorf("name %v id %v", got.Name, got.ID)
	}
	if got = read; got.Text.ValueString() != "imported" || got.Space.ValueString() != space || got.MessageID.ValueString() != "client-imp" {
		t.Errorf("text %v space %v message_id %v", got.Text, got.Space, got.MessageID)
	}
}

func TestUnitMessage_UnconfiguredProviderCantCallTheAPI(t *testing.T) {
	h := newUHarness(t, NewMessage(), nil)
	config := uTextMessage(h, "spaces/S", "hi")
	uWantError(t, h.create(&config).diags, nil, "Provider Not Configured")
	uWantError(t, h.read(&config).diags, nil, "Provider Not Configured")
}
