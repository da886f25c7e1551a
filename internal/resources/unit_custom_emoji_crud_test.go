package resources

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// uEmojiFile writes content to name in a temporary directory and returns its path.
func uEmojiFile(t *testing.T, name, content string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	uMust(t, os.WriteFile(file, []byte(content), 0o600))
	return file
}

func uCustomEmojiConfig(h *uHarness, emojiName, source string) customEmojiModel {
	var c customEmojiModel
	h.null(&c)
	c.EmojiName, c.Source = types.StringValue(emojiName), types.StringValue(source)
	return c
}

// uEmojiPlan is the plan of an update of state to config before
// ModifyPlan: the configuration over the state's computed values.
func uEmojiPlan(state, config customEmojiModel) customEmojiModel {
	plan := state
	plan.EmojiName, plan.Source = config.EmojiName, config.Source
	if !config.Filename.IsNull() {
		plan.Filename = config.Filename
	}
	return plan
}

func TestUnitCustomEmojiCreate(t *testing.T) {
	env, h := uUserHarness(t, NewCustomEmoji())
	source := uEmojiFile(t, "logo.png", "\x89PNG image")
	created := h.mustCreate(uCustomEmojiConfig(h, ":team-logo:", source))
	got := uModel[customEmojiModel](created)
	if !convert.CustomEmojiNamePattern.MatchString(got.Name.ValueString()) || got.ID != got.Name || got.UID.ValueString() == "" {
		t.Errorf("name %v id %v uid %v", got.Name, got.ID, got.UID)
	}
	if got.Filename.ValueString() != "logo.png" || got.SourceSHA256.ValueString() != sha256Hex([]byte("\x89PNG image")) ||
		got.TemporaryImageURI.ValueString() == "" || got.EmojiName.ValueString() != ":team-logo:" {
		t.Errorf("filename %v hash %v uri %v emoji %v", got.Filename, got.SourceSHA256, got.TemporaryImageURI, got.EmojiName)
	}
	if created.identityOf("name") != got.Name.ValueString() {
		t.Errorf("identity = %q", created.identityOf("name"))
	}
	// The image went up base64, under its file name.
	for _, r := range env.srv.Requests() {
		if r.RPC == "chat.customEmojis.create" && !strings.Contains(r.Body, base64.StdEncoding.EncodeToString([]byte("\x89PNG image"))) {
			t.Errorf("create body = %s", r.Body)
		}
	}
	uWantNoDrift(t, h, created)
	uNoErrors(t, "Delete", h.delete(created))
	uNoErrors(t, "Delete again (404)", h.delete(created))
	uWantRemoved(t, h.read(created), "Chat Custom Emoji Removed")
}

func TestUnitCustomEmojiPlan_ChangedFileReplaces(t *testing.T) {
	_, h := uUserHarness(t, NewCustomEmoji())
	source := uEmojiFile(t, "logo.png", "one")
	config := uCustomEmojiConfig(h, ":logo:", source)
	state := uModel[customEmojiModel](h.mustCreate(config))

	same := h.modifyPlan(config, uEmojiPlan(state, config), state)
	uNoErrors(t, "ModifyPlan", same.diags)
	if len(same.requiresReplace) != 0 {
		t.Errorf("unchanged file replaces: %v", same.requiresReplace)
	}
	uMust(t, os.WriteFile(source, []byte("two"), 0o600))
	changed := h.modifyPlan(config, uEmojiPlan(state, config), state)
	uNoErrors(t, "ModifyPlan", changed.diags)
	var hash types.String
	uNoErrors(t, "plan", changed.plan.GetAttribute(context.Background(), path.Root("source_sha256"), &hash))
	if hash.ValueString() != sha256Hex([]byte("two")) || !changed.requiresReplace.Contains(path.Root("source_sha256")) {
		t.Errorf("hash %v, replace %v", hash, changed.requiresReplace)
	}
	renamed := config
	renamed.Filename = types.StringValue("other.gif")
	uMust(t, os.WriteFile(source, []byte("one"), 0o600))
	if got := h.modifyPlan(renamed, uEmojiPlan(state, renamed), state); !got.requiresReplace.Contains(path.Root("filename")) {
		t.Errorf("a new filename does not replace: %v %v", got.requiresReplace, got.diags)
	}
}

func TestUnitCustomEmojiPlan_FileRules(t *testing.T) {
	_, h := uUserHarness(t, NewCustomEmoji())
	cases := map[string]string{
		filepath.Join(t.TempDir(), "missing.png"):              "Unable to Read Emoji Image",
		uEmojiFile(t, "empty.png", ""):                         "Empty Emoji Image",
		uEmojiFile(t, "big.png", strings.Repeat("x", 256<<10)): "Emoji Image Too Large",
		uEmojiFile(t, "logo.bmp", "bmp"):                       "Unsupported Image File Name",
	}
	for source, want := range cases {
		uWantError(t, h.modifyPlan(uCustomEmojiConfig(h, ":logo:", source), nil, nil).diags, uRoot("source"), want)
	}
	// A file name with a supported extension makes any source acceptable.
	config := uCustomEmojiConfig(h, ":logo:", uEmojiFile(t, "logo.bin", "data"))
	config.Filename = types.StringValue("logo.PNG")
	uNoErrors(t, "ModifyPlan", h.modifyPlan(config, nil, nil).diags)
}

func TestUnitCustomEmojiImport_ThenConfigDoesNotReplace(t *testing.T) {
	env, h := uUserHarness(t, NewCustomEmoji())
	existing, err := env.user.CreateCustomEmoji(context.Background(), &chat.CustomEmoji{EmojiName: ":made-elsewhere:",
		Payload: &chat.CustomEmojiPayload{Filename: "x.png", FileContent: base64.StdEncoding.EncodeToString([]byte("remote"))}})
	uMust(t, err)
	imported, read := uImportAndRead[customEmojiModel](t, h, existing.Name)
	if imported.Name.ValueString() != existing.Name || read.EmojiName.ValueString() != ":made-elsewhere:" ||
		!read.Source.IsNull() || !read.SourceSHA256.IsNull() || read.UID.ValueString() != existing.Uid {
		t.Errorf("imported %+v", read)
	}
	// By the emoji name too, bare or as the get's alias, made the resource
	// name by Read.
	for _, alias := range []string{":made-elsewhere:", "customEmojis/:made-elsewhere:"} {
		byAlias := h.read(h.importState(alias))
		uNoErrors(t, "import by "+alias, byAlias.diags)
		if got := uModel[customEmojiModel](byAlias); got.Name.ValueString() != existing.Name || byAlias.identityOf("name") != existing.Name {
			t.Errorf("by %s: %v identity %q", alias, got.Name, byAlias.identityOf("name"))
		}
	}
	uWantBadImportIDs(t, h, "made-elsewhere", "spaces/AAA", "customEmojis/a/b", "customEmojis/:Made:")

	config := uCustomEmojiConfig(h, ":made-elsewhere:", uEmojiFile(t, "local.png", "local bytes"))
	plan := uEmojiPlan(read, config)
	plan.Filename, plan.SourceSHA256 = types.StringUnknown(), types.StringUnknown()
	mp := h.modifyPlan(config, plan, read)
	uNoErrors(t, "ModifyPlan", mp.diags)
	if len(mp.requiresReplace) != 0 {
		t.Fatalf("an imported emoji is replaced: %v", mp.requiresReplace)
	}
	var planned customEmojiModel
	uNoErrors(t, "plan", mp.plan.Get(context.Background(), &planned))
	prior := h.read(h.importState(existing.Name))
	updated := uModel[customEmojiModel](h.mustUpdate(prior, planned, config))
	if updated.SourceSHA256.ValueString() != sha256Hex([]byte("local bytes")) || updated.Filename.ValueString() != "local.png" ||
		updated.Name.ValueString() != existing.Name {
		t.Errorf("updated %+v", updated)
	}
	if n := uCount(env.srv, "chat.customEmojis.create") + uCount(env.srv, "chat.customEmojis.delete"); n != 1 {
		t.Errorf("%d writes, want only the out-of-band create", n-1)
	}
}

func TestUnitCustomEmojiCreate_ExistingIsReportedNotAdopted(t *testing.T) {
	env, h := uUserHarness(t, NewCustomEmoji())
	existing, err := env.user.CreateCustomEmoji(context.Background(), &chat.CustomEmoji{EmojiName: ":taken:",
		Payload: &chat.CustomEmojiPayload{Filename: "x.png", FileContent: base64.StdEncoding.EncodeToString([]byte("x"))}})
	uMust(t, err)
	res := h.create(uCustomEmojiConfig(h, ":taken:", uEmojiFile(t, "t.png", "t")))
	uWantError(t, res.diags, uRoot("emoji_name"), "Chat Custom Emoji Already Exists")
	uWantError(t, res.diags, nil, "terraform import google_chat_custom_emoji.NAME "+existing.Name)
	if !res.removed() {
		t.Error("a refused create left state")
	}
	if n := uCount(env.srv, "chat.customEmojis.create"); n != 1 {
		t.Errorf("%d creates, want only the out-of-band one", n)
	}
	// The seed too.
	uWantError(t, h.create(uCustomEmojiConfig(h, ":party-parrot:", uEmojiFile(t, "p.gif", "p"))).diags, nil,
		"customEmojis/emulator-party-parrot")
}

func TestUnitCustomEmojiCreate_LostAnswerAdoptsTheEmoji(t *testing.T) {
	env, h := uUserHarness(t, NewCustomEmoji())
	// The first attempt creates the emoji and loses its answer; the retry
	// answers ALREADY_EXISTS, and the emoji is found by its name.
	env.fault(t, emulator.FaultRule{RPC: "chat.customEmojis.create", CommitThenFail: true, Count: 1})
	got := uModel[customEmojiModel](h.mustCreate(uCustomEmojiConfig(h, ":rocket-ship:", uEmojiFile(t, "r.png", "r"))))
	if n := uCount(env.srv, "chat.customEmojis.create"); n != 2 {
		t.Errorf("%d creates, want the lost one and its retry", n)
	}
	found, err := env.user.GetCustomEmoji(context.Background(), "customEmojis/:rocket-ship:")
	uMust(t, err)
	if got.Name.ValueString() != found.Name || got.SourceSHA256.IsNull() {
		t.Errorf("adopted %v, emulator has %v", got.Name, found.Name)
	}
}

func TestUnitCustomEmojiRead_RefusedKeepsState(t *testing.T) {
	env, h := uUserHarness(t, NewCustomEmoji())
	created := h.mustCreate(uCustomEmojiConfig(h, ":kept:", uEmojiFile(t, "k.png", "k")))
	uWantRefusedRead(t, env, h, created, "chat.customEmojis.get", "Unable to Read Chat Custom Emoji")
}

func TestUnitCustomEmojiPlan_AppCredentialsRefused(t *testing.T) {
	env, h := uAppHarness(t, NewCustomEmoji())
	res := h.modifyPlan(uCustomEmojiConfig(h, ":app:", uEmojiFile(t, "a.png", "a")), nil, nil)
	uWantError(t, res.diags, uRoot("emoji_name"), "User Credentials Required")
	if len(env.srv.Requests()) != 0 {
		t.Errorf("plan called the API: %v", env.srv.Requests())
	}
}
