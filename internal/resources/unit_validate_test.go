package resources

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

func TestUnitSpaceValidateConfig(t *testing.T) {
	h := newUHarness(t, NewSpace(), nil)
	cases := []uEditCase[spaceModel]{
		{"named space", func(c *spaceModel) { c.DisplayName = types.StringValue("Team") }, "", ""},
		{"space without display name", func(*spaceModel) {}, "display_name", "required when space_type is SPACE"},
		{"explicit SPACE without display name", func(c *spaceModel) { c.SpaceType = types.StringValue("SPACE") }, "display_name", "required"},
		{"unknown space type is checked at apply", func(c *spaceModel) { c.SpaceType = types.StringUnknown() }, "", ""},
		{"group chat with display name", uThen(uGroupChat, func(c *spaceModel) { c.DisplayName = types.StringValue("x") }), "display_name", "only allowed when space_type is SPACE"},
		{"group chat with predefined permissions", uThen(uGroupChat, func(c *spaceModel) { c.PredefinedPermissionSettings = types.StringValue("ANNOUNCEMENT_SPACE") }), "predefined_permission_settings", "only supported when space_type is SPACE"},
		{"group chat with permission settings", uThen(uGroupChat, func(c *spaceModel) { c.PermissionSettings = uPermissions(nil) }), "permission_settings", "only supported when space_type is SPACE"},
		{"group chat with access settings", uThen(uGroupChat, func(c *spaceModel) { c.AccessSettings = uAccess("audiences/default", "") }), "access_settings", "only supported when space_type is SPACE"},
		{"group chat of two", uGroupChat, "", ""},
		{"group chat of one", uThen(uGroupChat, func(c *spaceModel) { c.InitialMembers = convert.StringSet([]string{"users/bob@example.com"}) }), "initial_members", "at least two users"},
		{"group chat without members", uThen(uGroupChat, func(c *spaceModel) { c.InitialMembers = types.SetNull(types.StringType) }), "initial_members", "got 0"},
		{"group chat with a group", uThen(uGroupChat, func(c *spaceModel) {
			c.InitialMembers = convert.StringSet([]string{"users/bob@example.com", "users/carol@example.com", "groups/eng"})
		}), "initial_members", "groups/eng: Google groups can only be added"},
		{"group chat with unknown members", uThen(uGroupChat, func(c *spaceModel) { c.InitialMembers = types.SetUnknown(types.StringType) }), "", ""},
		{"direct message", uDM, "", ""},
		{"direct message with description", uThen(uDM, func(c *spaceModel) { c.Description = types.StringValue("x") }), "description", "not allowed for a DIRECT_MESSAGE"},
		{"direct message with guidelines", uThen(uDM, func(c *spaceModel) { c.Guidelines = types.StringValue("x") }), "guidelines", "not allowed for a DIRECT_MESSAGE"},
		{"direct message with two users", uThen(uDM, func(c *spaceModel) {
			c.InitialMembers = convert.StringSet([]string{"users/bob@example.com", "users/carol@example.com"})
		}), "initial_members", "exactly one user"},
		{"direct message with the app", uThen(uDM, func(c *spaceModel) {
			c.InitialMembers = types.SetNull(types.StringType)
			c.SingleUserBotDm = types.BoolValue(true)
		}), "", ""},
		{"direct message with the app and a user", uThen(uDM, func(c *spaceModel) { c.SingleUserBotDm = types.BoolValue(true) }), "initial_members", "takes no initial_members"},
		{"bot DM flag on a named space", func(c *spaceModel) {
			c.DisplayName = types.StringValue("Team")
			c.SingleUserBotDm = types.BoolValue(true)
		}, "single_user_bot_dm", "requires space_type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var config spaceModel
			h.null(&config)
			tc.edit(&config)
			uWantValid(t, h.validate(&config), tc.attribute, tc.phrase)
		})
	}
}

// uEditCase is a named edit of a model M, and the error it makes: none
// with attribute "", else one at attribute containing phrase.
type uEditCase[M any] struct {
	name              string
	edit              func(*M)
	attribute, phrase string
}

// uThen is the space edits in order.
func uThen(edits ...func(*spaceModel)) func(*spaceModel) {
	return func(c *spaceModel) {
		for _, edit := range edits {
			edit(c)
		}
	}
}

// uWantValid fails unless diags hold no error (attribute "") or an error at
// attribute containing phrase.
func uWantValid(t *testing.T, diags diag.Diagnostics, attribute, phrase string) {
	t.Helper()
	if attribute == "" {
		uNoErrors(t, "ValidateConfig", diags)
		return
	}
	uWantError(t, diags, uRoot(attribute), phrase)
}

func uGroupChat(c *spaceModel) {
	c.SpaceType = types.StringValue(convert.SpaceTypeGroupChat)
	c.InitialMembers = convert.StringSet([]string{"users/bob@example.com", "users/carol@example.com"})
}

func uDM(c *spaceModel) {
	c.SpaceType = types.StringValue(convert.SpaceTypeDM)
	c.InitialMembers = convert.StringSet([]string{"users/bob@example.com"})
}

func TestUnitSpaceValidateConfig_ReportsEveryMisplacedAttribute(t *testing.T) {
	h := newUHarness(t, NewSpace(), nil)
	var config spaceModel
	h.null(&config)
	uDM(&config)
	config.DisplayName = types.StringValue("x")
	config.Description = types.StringValue("x")
	config.AccessSettings = uAccess("audiences/default", "")
	diags := h.validate(&config)
	for _, attribute := range []string{"display_name", "description", "access_settings"} {
		uWantError(t, diags, uRoot(attribute), attribute)
	}
	if n := diags.ErrorsCount(); n != 3 {
		t.Errorf("%d errors, want 3: %v", n, diags)
	}
}

func TestUnitMessageValidateConfig(t *testing.T) {
	h := newUHarness(t, NewMessage(), nil)
	bigCard := func(id string) string {
		return `{"cardId":"` + id + `","card":{"header":{"title":"` + strings.Repeat("x", 20000) + `"}}}`
	}
	cases := []uEditCase[messageModel]{
		{"text", func(c *messageModel) { c.Text = types.StringValue("hi") }, "", ""},
		{"cards only", func(c *messageModel) { c.CardsV2 = uJSON(uCard) }, "", ""},
		{"widgets only", func(c *messageModel) { c.AccessoryWidgets = uJSON(uWidgets) }, "accessory_widgets", "only to a message with text, cards_v2 or both"},
		{"widgets with text", func(c *messageModel) { c.Text, c.AccessoryWidgets = types.StringValue("hi"), uJSON(uWidgets) }, "", ""},
		{"widgets with cards", func(c *messageModel) { c.CardsV2, c.AccessoryWidgets = uJSON(uCard), uJSON(uWidgets) }, "", ""},
		{"unknown widgets alone", func(c *messageModel) { c.AccessoryWidgets = jsontypes.NewNormalizedUnknown() }, "accessory_widgets", "text, cards_v2 or both"},
		{"nothing to post", func(*messageModel) {}, "text", "at least one of text, cards_v2 or attachments"},
		{"card typo", func(c *messageModel) { c.CardsV2 = uJSON(`[{"card":{"heder":{}}}]`) }, "cards_v2", `unknown field "heder"`},
		{"widgets without buttons", func(c *messageModel) { c.AccessoryWidgets = uJSON(`[{"buttonList":{"buttons":[]}}]`) }, "accessory_widgets", "at least one button"},
		{"text too large", func(c *messageModel) { c.Text = types.StringValue(strings.Repeat("x", 32001)) }, "text", "at most 32000"},
		{"text and fallback too large together", func(c *messageModel) {
			c.Text, c.FallbackText = types.StringValue(strings.Repeat("x", 20000)), types.StringValue(strings.Repeat("y", 13000))
		}, "text", "Chat Message Too Large"},
		{"cards weigh most", func(c *messageModel) {
			c.Text = types.StringValue("hi")
			c.CardsV2 = uJSON("[" + bigCard("a") + "," + bigCard("b") + "]")
		}, "cards_v2", "Chat Message Too Large"},
		{"unknown text skips the size check", func(c *messageModel) {
			c.Text = types.StringUnknown()
			c.FallbackText = types.StringValue(strings.Repeat("y", 33000))
		}, "", ""},
		{"unknown cards are checked at apply", func(c *messageModel) { c.CardsV2 = jsontypes.NewNormalizedUnknown() }, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var config messageModel
			h.null(&config)
			config.Space = types.StringValue("spaces/S")
			tc.edit(&config)
			uWantValid(t, h.validate(&config), tc.attribute, tc.phrase)
		})
	}
}

func TestUnitMessageValidateConfig_WidgetsWeighMost(t *testing.T) {
	h := newUHarness(t, NewMessage(), nil)
	var config messageModel
	h.null(&config)
	buttons := strings.Repeat(`{"text":"`+strings.Repeat("w", 1000)+`"},`, 33)
	config.AccessoryWidgets = uJSON(`[{"buttonList":{"buttons":[` + strings.TrimSuffix(buttons, ",") + `]}}]`)
	config.Text = types.StringValue("hi")
	uWantError(t, h.validate(&config), uRoot("accessory_widgets"), "Chat Message Too Large")
}

func TestUnitSpaceMembersValidateConfig(t *testing.T) {
	h := newUHarness(t, NewSpaceMembers(), nil)
	cases := []struct {
		name                         string
		managers, assistants, member []string
		attribute                    string
	}{
		{"distinct members", []string{"users/alice@example.com"}, []string{"users/bob@example.com"}, []string{"users/carol@example.com"}, ""},
		{"manager also member", []string{"users/bob@example.com"}, nil, []string{"users/BOB@example.com"}, "members"},
		{"manager also assistant", []string{"users/bob@example.com"}, []string{"users/bob@example.com"}, nil, "assistant_managers"},
		{"assistant also member", nil, []string{"users/123"}, []string{"users/123"}, "members"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var config spaceMembersModel
			h.null(&config)
			config.Space = types.StringValue("spaces/S")
			for attribute, values := range map[string][]string{"managers": tc.managers, "assistant_managers": tc.assistants, "members": tc.member} {
				if values != nil {
					config.setAttribute(attribute, values)
				}
			}
			uWantValid(t, h.validate(&config), tc.attribute, "Member Listed Twice")
		})
	}
}

// An unknown set (from another resource) can't be checked yet: no error.
func TestUnitSpaceMembersValidateConfig_UnknownSetIsSkipped(t *testing.T) {
	h := newUHarness(t, NewSpaceMembers(), nil)
	var config spaceMembersModel
	h.null(&config)
	config.Space = types.StringValue("spaces/S")
	config.Members = types.SetUnknown(types.StringType)
	config.Managers = convert.StringSet([]string{"users/bob@example.com"})
	uNoErrors(t, "ValidateConfig", h.validate(&config))
}
