package resources

import (
	"context"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// uReactionFixture is a space alice set up with bob in it, a message alice
// posted there out of band, and a harness for google_chat_reaction as alice.
func uReactionFixture(t *testing.T) (*uEnv, string, *uHarness) {
	t.Helper()
	env, space, h := uUserFixture(t, NewReaction(), "Reactions", "users/bob@example.com")
	msg, err := env.user.CreateMessage(context.Background(), space, &chat.Message{Text: "React to me"},
		chatapi.MessageOptions{RequestID: uuid.NewString()})
	uMust(t, err)
	return env, msg.Name, h
}

func uReactionConfig(h *uHarness, message, unicode, custom string) reactionModel {
	var c reactionModel
	h.null(&c)
	c.Message, c.EmojiUnicode, c.CustomEmoji = types.StringValue(message), optional(unicode), optional(custom)
	return c
}

// uReactions lists message's reactions as alice.
func uReactions(t *testing.T, env *uEnv, message string) []*chat.Reaction {
	t.Helper()
	list, err := env.user.ListReactions(context.Background(), message, "")
	uMust(t, err)
	return list
}

func TestUnitReactionCreate_UnicodeEmoji(t *testing.T) {
	env, message, h := uReactionFixture(t)
	created := h.mustCreate(uReactionConfig(h, message, "👍", ""))
	got := uModel[reactionModel](created)
	if !reactionNamePattern.MatchString(got.Name.ValueString()) || !strings.HasPrefix(got.Name.ValueString(), message+"/reactions/") || got.ID != got.Name {
		t.Errorf("name %v id %v", got.Name, got.ID)
	}
	if got.EmojiUnicode.ValueString() != "👍" || !got.CustomEmoji.IsNull() || got.Message.ValueString() != message {
		t.Errorf("emoji %v custom %v message %v", got.EmojiUnicode, got.CustomEmoji, got.Message)
	}
	if !strings.HasPrefix(got.User.ValueString(), "users/") || strings.Contains(got.User.ValueString(), "@") {
		t.Errorf("user = %v", got.User)
	}
	if created.identityOf("name") != got.Name.ValueString() {
		t.Errorf("identity = %q", created.identityOf("name"))
	}
	if list := uReactions(t, env, message); len(list) != 1 || list[0].Name != got.Name.ValueString() {
		t.Errorf("reactions = %v", list)
	}
	uWantNoDrift(t, h, created)
	// The message's summary counts it.
	m, err := env.user.GetMessage(context.Background(), message)
	uMust(t, err)
	if len(m.EmojiReactionSummaries) != 1 || m.EmojiReactionSummaries[0].ReactionCount != 1 || m.EmojiReactionSummaries[0].Emoji.Unicode != "👍" {
		t.Errorf("summaries = %+v", m.EmojiReactionSummaries)
	}
}

func TestUnitReactionCreate_CustomEmoji(t *testing.T) {
	_, message, h := uReactionFixture(t)
	created := h.mustCreate(uReactionConfig(h, message, "", "customEmojis/emulator-party-parrot"))
	got := uModel[reactionModel](created)
	if got.CustomEmoji.ValueString() != "customEmojis/emulator-party-parrot" || !got.EmojiUnicode.IsNull() {
		t.Errorf("custom %v unicode %v", got.CustomEmoji, got.EmojiUnicode)
	}
	uWantNoDrift(t, h, created)

	res := h.create(uReactionConfig(h, message, "", "customEmojis/nope"))
	uWantError(t, res.diags, uRoot("custom_emoji"), "Unable to Add Chat Reaction")
}

func TestUnitReactionCreate_OthersReactionWithTheSameEmojiIsNotOurs(t *testing.T) {
	env, message, h := uReactionFixture(t)
	bob := uClient(t, env.srv, "user:bob@example.com", chatapi.AuthModeUser)
	theirs, err := bob.CreateReaction(context.Background(), message, &chat.Reaction{Emoji: &chat.Emoji{Unicode: "🎉"}})
	uMust(t, err)
	got := uModel[reactionModel](h.mustCreate(uReactionConfig(h, message, "🎉", "")))
	if got.Name.ValueString() == theirs.Name || got.User.ValueString() == theirs.User.Name {
		t.Errorf("adopted bob's reaction: %v by %v", got.Name, got.User)
	}
}

func TestUnitReactionCreate_ExistingReactionPointsToImport(t *testing.T) {
	env, message, h := uReactionFixture(t)
	existing, err := env.user.CreateReaction(context.Background(), message, &chat.Reaction{Emoji: &chat.Emoji{Unicode: "🙂"}})
	uMust(t, err)
	env.srv.ClearRequests()
	res := h.create(uReactionConfig(h, message, "🙂", ""))
	uWantError(t, res.diags, uRoot("emoji_unicode"), "Chat Reaction Already Exists")
	uWantError(t, res.diags, nil, "terraform import google_chat_reaction.NAME "+existing.Name)
	if !res.removed() {
		t.Error("a refused create left state")
	}
	if list := uReactions(t, env, message); len(list) != 1 {
		t.Errorf("reactions = %v", list)
	}
}

func TestUnitReactionCreate_LostAnswerFindsTheReaction(t *testing.T) {
	env, message, h := uReactionFixture(t)
	// The first attempt adds the reaction and loses its answer; the retry
	// answers ALREADY_EXISTS, and the reaction is found by listing.
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.messages.reactions.create", CommitThenFail: true, Count: 1})
	got := uModel[reactionModel](h.mustCreate(uReactionConfig(h, message, "🚀", "")))
	if n := uCount(env.srv, "chat.spaces.messages.reactions.create"); n != 2 {
		t.Errorf("%d creates, want the lost one and its retry", n)
	}
	list := uReactions(t, env, message)
	if len(list) != 1 || got.Name.ValueString() != list[0].Name || got.User.ValueString() != list[0].User.Name {
		t.Errorf("state %v, reactions %v", got.Name, list)
	}
}

func TestUnitReactionCreate_MissingMessage(t *testing.T) {
	_, message, h := uReactionFixture(t)
	space, _, _ := strings.Cut(message, "/messages/")
	res := h.create(uReactionConfig(h, space+"/messages/nope", "👍", ""))
	uWantError(t, res.diags, uRoot("message"), "Unable to Add Chat Reaction")
}

func TestUnitReactionRead_DeletedOutOfBandIsDrift(t *testing.T) {
	env, message, h := uReactionFixture(t)
	created := h.mustCreate(uReactionConfig(h, message, "👍", ""))
	uMust(t, env.user.DeleteReaction(context.Background(), uModel[reactionModel](created).Name.ValueString()))
	uWantReadRemoves(t, h, created, "Chat Reaction Removed")
	// Deleting what is gone is not an error.
	uNoErrors(t, "Delete of a removed reaction", h.delete(created))
}

func TestUnitReactionRead_MessageGoneIsDrift(t *testing.T) {
	env, message, h := uReactionFixture(t)
	created := h.mustCreate(uReactionConfig(h, message, "👍", ""))
	uMust(t, env.user.DeleteMessage(context.Background(), message, true))
	uWantReadRemoves(t, h, created, "Chat Reaction Removed")
	uNoErrors(t, "Delete after the message is gone", h.delete(created))
}

func TestUnitReactionRead_OtherErrorsAreReported(t *testing.T) {
	env, message, h := uReactionFixture(t)
	created := h.mustCreate(uReactionConfig(h, message, "👍", ""))
	uWantRefusedRead(t, env, h, created, "chat.spaces.messages.reactions.list", "Unable to Read Chat Reaction")
}

func TestUnitReactionRead_WalksEveryPage(t *testing.T) {
	env := newUEnvWith(t, emulator.Options{PageSizeLimit: 1})
	space := uUserSpace(t, env, "Pages", "users/bob@example.com")
	msg, err := env.user.CreateMessage(context.Background(), space, &chat.Message{Text: "x"}, chatapi.MessageOptions{RequestID: uuid.NewString()})
	uMust(t, err)
	h := newUHarness(t, NewReaction(), env.user)
	for _, emoji := range []string{"😀", "😃", "😄"} {
		h.mustCreate(uReactionConfig(h, msg.Name, emoji, ""))
	}
	last := h.mustCreate(uReactionConfig(h, msg.Name, "😁", ""))
	if n := len(uReactions(t, env, msg.Name)); n != 4 {
		t.Errorf("%d reactions over pages of one", n)
	}
	// An import knows neither emoji nor user: the unfiltered list is walked.
	imported, read := uImportAndRead[reactionModel](t, h, uModel[reactionModel](last).Name.ValueString())
	if imported.Message.ValueString() != msg.Name || read.EmojiUnicode.ValueString() != "😁" {
		t.Errorf("imported %+v read %+v", imported, read)
	}
}

func TestUnitReactionDelete(t *testing.T) {
	env, message, h := uReactionFixture(t)
	created := h.mustCreate(uReactionConfig(h, message, "👍", ""))
	uNoErrors(t, "Delete", h.delete(created))
	if list := uReactions(t, env, message); len(list) != 0 {
		t.Errorf("reactions after delete = %v", list)
	}
	// Bob may not remove alice's reaction.
	again := h.mustCreate(uReactionConfig(h, message, "👍", ""))
	bob := newUHarness(t, NewReaction(), uClient(t, env.srv, "user:bob@example.com", chatapi.AuthModeUser))
	uWantError(t, bob.delete(again), nil, "Unable to Remove Chat Reaction")
}

func TestUnitReactionImportState(t *testing.T) {
	_, message, h := uReactionFixture(t)
	created := uModel[reactionModel](h.mustCreate(uReactionConfig(h, message, "👍", "")))
	name := created.Name.ValueString()
	uWantBadImportIDs(t, h, "", message, message+"/reactions/", "reactions/x", "spaces/a/members/b")

	got, read := uImportAndRead[reactionModel](t, h, name)
	if got.Name.ValueString() != name || got.ID.ValueString() != name || got.Message.ValueString() != message {
		t.Errorf("imported name %v id %v message %v", got.Name, got.ID, got.Message)
	}
	if read.EmojiUnicode.ValueString() != "👍" || read.User != created.User || !read.CustomEmoji.IsNull() {
		t.Errorf("read emoji %v user %v custom %v", read.EmojiUnicode, read.User, read.CustomEmoji)
	}

	byIdentity := h.importByIdentity(name)
	uNoErrors(t, "ImportState by identity", byIdentity.diags)
	if uModel[reactionModel](byIdentity).Name.ValueString() != name {
		t.Error("import by identity lost the name")
	}
}

func TestUnitReactionModifyPlan_AppCredentialsAreRefused(t *testing.T) {
	env, message, _ := uReactionFixture(t)
	app := newUHarness(t, NewReaction(), env.app)
	res := app.modifyPlan(uReactionConfig(app, message, "👍", ""), nil, nil)
	uWantError(t, res.diags, uRoot("message"), "User Credentials Required")

	user := newUHarness(t, NewReaction(), env.user)
	uNoErrors(t, "ModifyPlan with user credentials", user.modifyPlan(uReactionConfig(user, message, "👍", ""), nil, nil).diags)
	unconfigured := newUHarness(t, NewReaction(), nil)
	uNoErrors(t, "ModifyPlan unconfigured", unconfigured.modifyPlan(uReactionConfig(unconfigured, message, "👍", ""), nil, nil).diags)
}

func TestUnitReactionMappers(t *testing.T) {
	var prior reactionModel
	prior.EmojiUnicode = types.StringValue("❤️")
	prior.Message = types.StringValue("spaces/S/messages/client-x")
	got := reactionFromAPI(&chat.Reaction{Name: "spaces/S/messages/M/reactions/R", User: &chat.User{Name: "users/1"},
		Emoji: &chat.Emoji{Unicode: "❤"}}, prior)
	if got.EmojiUnicode.ValueString() != "❤️" || got.Message.ValueString() != "spaces/S/messages/client-x" || got.User.ValueString() != "users/1" {
		t.Errorf("got %+v", got)
	}
	if !filterSafe("👍") || filterSafe(`a"b`) || filterSafe("👨\u200d👩") {
		t.Error("filterSafe")
	}
}

func TestUnitReactionUpdate_TimeoutsOnlyRecordsThePlan(t *testing.T) {
	env, message, h := uReactionFixture(t)
	created := h.mustCreate(uReactionConfig(h, message, "👍", ""))
	plan := uModel[reactionModel](created)
	env.srv.ClearRequests()
	got := uModel[reactionModel](h.mustUpdate(created, &plan, &plan))
	if got.Name != plan.Name || got.User != plan.User {
		t.Errorf("update changed %+v to %+v", plan, got)
	}
	for _, r := range env.srv.Requests() {
		if r.IsWrite() {
			t.Errorf("update sent %s", r.RPC)
		}
	}
}
