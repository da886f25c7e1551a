package resources

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	chat "google.golang.org/api/chat/v1"
)

func optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Whatever message the API accepts back as sent maps to the planned values:
// a message the provider posted never shows a diff against its configuration.
func FuzzMessageMapping(f *testing.F) {
	f.Add("Hello *world*", `[{"card":{"header":{"title":"T"}}}]`, "", "fallback", "client-x")
	f.Add("", `[{"card_id":"a","card":{}},{"cardId":"b","card":{"name":"n"}}]`, `[{"buttonList":{"buttons":[{"text":"Go"}]}}]`, "", "")
	f.Add("<users/all> 😄", "", "", "", "")
	f.Fuzz(func(t *testing.T, text, cards, widgets, fallback, messageID string) {
		plan := messageModel{
			Space: types.StringValue("spaces/S"), Text: optional(text), FallbackText: optional(fallback),
			CardsV2: jsontypes.NewNormalizedNull(), AccessoryWidgets: jsontypes.NewNormalizedNull(),
			MessageID: optional(messageID), ThreadName: types.StringUnknown(), PrivateMessageViewer: types.StringNull(),
		}
		if cards != "" {
			plan.CardsV2 = jsontypes.NewNormalizedValue(cards)
		}
		if widgets != "" {
			plan.AccessoryWidgets = jsontypes.NewNormalizedValue(widgets)
		}
		sent, err := messageToAPI(plan)
		if err != nil {
			return // rejected at plan time
		}
		// The API answers with what it stored: the message as sent, named.
		sent.Name, sent.ClientAssignedMessageId = "spaces/S/messages/M", messageID
		sent.Thread = &chat.Thread{Name: "spaces/S/threads/T"}
		state := messageFromAPI(sent, plan)
		if !state.Text.Equal(plan.Text) || !state.FallbackText.Equal(plan.FallbackText) {
			t.Fatalf("text %v/%v came back as %v/%v", plan.Text, plan.FallbackText, state.Text, state.FallbackText)
		}
		if !state.CardsV2.Equal(plan.CardsV2) || !state.AccessoryWidgets.Equal(plan.AccessoryWidgets) {
			t.Fatalf("cards %v came back as %v", plan.CardsV2, state.CardsV2)
		}
		if mask := messageMask(plan, state); len(mask) != 0 {
			t.Fatalf("an unchanged message plans a patch of %v", mask)
		}
	})
}

// A space created from a plan maps back to the same values: no diff after
// create, whatever the names and details.
func FuzzSpaceMapping(f *testing.F) {
	f.Add("SPACE", "Platform team", "About", "Be kind", "HISTORY_ON")
	f.Add("GROUP_CHAT", "", "", "", "")
	f.Add("SPACE", "名前 🚀", "", "rules", "HISTORY_OFF")
	f.Fuzz(func(t *testing.T, spaceType, displayName, description, guidelines, history string) {
		plan := spaceModel{
			SpaceAttributes: convert.SpaceAttributes{
				SpaceType: types.StringValue(spaceType), DisplayName: optional(displayName), Description: optional(description),
				Guidelines: optional(guidelines), HistoryState: optional(history), ExternalUserAllowed: types.BoolValue(false),
				SingleUserBotDm:    types.BoolValue(false),
				PermissionSettings: types.ObjectUnknown(nil), AccessSettings: types.ObjectUnknown(nil),
			},
			PredefinedPermissionSettings: types.StringNull(),
			InitialMembers:               types.SetNull(types.StringType), DeletionPolicy: types.StringValue("DELETE"),
		}
		sent := spaceToAPI(plan)
		sent.Name, sent.SpaceUri = "spaces/S", "https://chat/S"
		state := spaceFromAPI(sent, plan)
		for name, pair := range map[string][2]types.String{
			"display_name": {plan.DisplayName, state.DisplayName}, "description": {plan.Description, state.Description},
			"guidelines": {plan.Guidelines, state.Guidelines}, "space_type": {plan.SpaceType, state.SpaceType},
		} {
			if !pair[0].Equal(pair[1]) {
				t.Fatalf("%s %v came back as %v", name, pair[0], pair[1])
			}
		}
		if patches := spacePatches(state, state, state); len(patches) != 0 {
			t.Fatalf("an unchanged space plans patches: %+v", patches)
		}
	})
}
