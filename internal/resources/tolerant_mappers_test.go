package resources

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	chat "google.golang.org/api/chat/v1"
)

// An answer's cards carry ownerUser ("Output only. The app that owns the
// card.") and server-filled fields the configuration never set: the state
// keeps the configured text, so apply is consistent and the plan empty.
func TestTolerantMessageFromAPI_keepsConfiguredCards(t *testing.T) {
	configured := `[{"cardId":"c","card":{"header":{"title":"Hi"}}}]`
	prior := messageModel{CardsV2: jsontypes.NewNormalizedValue(configured)}
	answer := &chat.Message{Name: "spaces/S/messages/M", CardsV2: []*chat.CardWithId{{
		CardId: "c", OwnerUser: &chat.User{Name: "users/900", Type: "BOT", DisplayName: "Bot"},
		Card: &chat.GoogleAppsCardV1Card{Header: &chat.GoogleAppsCardV1CardHeader{Title: "Hi", ImageType: "CIRCLE"}},
	}}}
	got := messageFromAPI(answer, prior)
	if got.CardsV2.ValueString() != configured {
		t.Errorf("cards_v2 = %s, want the configured %s", got.CardsV2.ValueString(), configured)
	}
	if mask := messageMask(prior, got); len(mask) != 0 {
		t.Errorf("mask %v after a tolerant read", mask)
	}
	// What Create compares with the plan: output-only fields go, the rest stay.
	if api := apiJSON(answer.CardsV2); !strings.Contains(api, "CIRCLE") || strings.Contains(api, "ownerUser") {
		t.Errorf("apiJSON = %s", api)
	}
	answer.CardsV2[0].Card.Header.ImageType = ""
	if canonicalCards(prior.CardsV2) != apiJSON(answer.CardsV2) {
		t.Errorf("with only ownerUser added: %s != %s", canonicalCards(prior.CardsV2), apiJSON(answer.CardsV2))
	}
	answer.CardsV2[0].Card.Header.ImageType = "CIRCLE"

	// A real change is drift; the state takes the answer without ownerUser.
	answer.CardsV2[0].Card.Header.Title = "Changed"
	got = messageFromAPI(answer, prior)
	if v := got.CardsV2.ValueString(); !strings.Contains(v, "Changed") || strings.Contains(v, "ownerUser") {
		t.Errorf("drift read as %s", v)
	}
	// So does an import, with nothing configured before.
	got = messageFromAPI(answer, messageModel{})
	if v, want := got.CardsV2.ValueString(), `[{"card":{"header":{"imageType":"CIRCLE","title":"Changed"}},"cardId":"c"}]`; v != want {
		t.Errorf("import read %s, want %s", v, want)
	}
}
