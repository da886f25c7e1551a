package resources

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

const (
	uCard        = `[{"cardId":"c","card":{"header":{"title":"Hi","subtitle":"there"}}}]`
	uCardSpaced  = `[ { "card": {"header": {"subtitle": "there", "title": "Hi"}}, "card_id": "c" } ]`
	uCardOther   = `[{"cardId":"c","card":{"header":{"title":"Bye"}}}]`
	uWidgets     = `[{"buttonList":{"buttons":[{"text":"Go","onClick":{"openLink":{"url":"https://example.com"}}}]}}]`
	uWidgetsMore = `[{"buttonList":{"buttons":[{"text":"Go"},{"text":"Stop"}]}}]`
)

func uJSON(s string) jsontypes.Normalized {
	if s == "" {
		return jsontypes.NewNormalizedNull()
	}
	return jsontypes.NewNormalizedValue(s)
}

// uMessage is a message model with every attribute null but the text.
func uMessage(text string) messageModel {
	null := types.StringNull()
	return messageModel{
		ID: null, Name: null, Space: types.StringValue("spaces/S"), Text: optional(text),
		CardsV2: uJSON(""), AccessoryWidgets: uJSON(""), FallbackText: null, ThreadKey: null, ThreadName: null,
		MessageReplyOption: null, MessageID: null, PrivateMessageViewer: null, NotificationType: null, CreateTime: null,
		LastUpdateTime: null, Sender: null, ClientAssignedMessageID: null, FormattedText: null,
		Attachments: types.ListNull(attachmentType),
	}
}

func TestUnitMessageMask(t *testing.T) {
	cases := []struct {
		name        string
		plan, state func(*messageModel)
		want        []string
	}{
		{"nothing changed", nil, nil, nil},
		{"text", func(m *messageModel) { m.Text = types.StringValue("new") }, nil, []string{"text"}},
		{"text removed", func(m *messageModel) { m.Text = types.StringNull() }, nil, []string{"text"}},
		{"cards reformatted only", func(m *messageModel) { m.CardsV2 = uJSON(uCardSpaced) }, func(m *messageModel) { m.CardsV2 = uJSON(uCard) }, nil},
		{"cards changed", func(m *messageModel) { m.CardsV2 = uJSON(uCardOther) }, func(m *messageModel) { m.CardsV2 = uJSON(uCard) }, []string{"cards_v2"}},
		{"cards added", func(m *messageModel) { m.CardsV2 = uJSON(uCard) }, nil, []string{"cards_v2"}},
		{"widgets changed", func(m *messageModel) { m.AccessoryWidgets = uJSON(uWidgetsMore) }, func(m *messageModel) { m.AccessoryWidgets = uJSON(uWidgets) }, []string{"accessory_widgets"}},
		{"everything", func(m *messageModel) {
			m.Text, m.CardsV2, m.AccessoryWidgets = types.StringValue("x"), uJSON(uCard), uJSON(uWidgets)
		}, nil, []string{"text", "cards_v2", "accessory_widgets"}},
		{"inputs that can't be patched are ignored", func(m *messageModel) {
			m.FallbackText, m.ThreadKey, m.NotificationType = types.StringValue("f"), types.StringValue("k"), types.StringValue("NOTIFICATION_TYPE_NONE")
		}, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan, state := uMessage("hello"), uMessage("hello")
			if tc.plan != nil {
				tc.plan(&plan)
			}
			if tc.state != nil {
				tc.state(&state)
			}
			if got := messageMask(plan, state); !slices.Equal(got, tc.want) {
				t.Errorf("messageMask = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestUnitMessageToAPI(t *testing.T) {
	t.Run("thread name wins over thread key", func(t *testing.T) {
		plan := uMessage("hi")
		plan.ThreadName, plan.ThreadKey = types.StringValue("spaces/S/threads/T"), types.StringValue("key")
		got, err := messageToAPI(plan)
		if err != nil || got.Thread == nil || got.Thread.Name != "spaces/S/threads/T" || got.Thread.ThreadKey != "" {
			t.Fatalf("thread = %+v, %v", got.Thread, err)
		}
	})
	t.Run("thread key alone", func(t *testing.T) {
		plan := uMessage("hi")
		plan.ThreadName, plan.ThreadKey = types.StringUnknown(), types.StringValue("key")
		got, err := messageToAPI(plan)
		if err != nil || got.Thread == nil || got.Thread.ThreadKey != "key" || got.Thread.Name != "" {
			t.Fatalf("thread = %+v, %v", got.Thread, err)
		}
	})
	t.Run("everything", func(t *testing.T) {
		plan := uMessage("hi")
		plan.FallbackText = types.StringValue("fb")
		plan.CardsV2, plan.AccessoryWidgets = uJSON(uCardSpaced), uJSON(uWidgets)
		plan.PrivateMessageViewer = types.StringValue("users/bob@example.com")
		got, err := messageToAPI(plan)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != "hi" || got.FallbackText != "fb" || got.Thread != nil {
			t.Errorf("message = %+v", got)
		}
		if len(got.CardsV2) != 1 || got.CardsV2[0].CardId != "c" || got.CardsV2[0].Card.Header.Title != "Hi" {
			t.Errorf("cards = %+v", got.CardsV2)
		}
		if len(got.AccessoryWidgets) != 1 || got.AccessoryWidgets[0].ButtonList.Buttons[0].Text != "Go" {
			t.Errorf("widgets = %+v", got.AccessoryWidgets)
		}
		if got.PrivateMessageViewer == nil || got.PrivateMessageViewer.Name != "users/bob@example.com" {
			t.Errorf("viewer = %+v", got.PrivateMessageViewer)
		}
	})
	for name, edit := range map[string]func(*messageModel){
		"bad cards":   func(m *messageModel) { m.CardsV2 = uJSON(`[{"card":{"heder":{}}}]`) },
		"bad widgets": func(m *messageModel) { m.AccessoryWidgets = uJSON(`[{"buttonList":{"buttons":[]}}]`) },
	} {
		t.Run(name, func(t *testing.T) {
			plan := uMessage("hi")
			edit(&plan)
			if _, err := messageToAPI(plan); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestUnitMessageRoundTrip_ConfiguredValuesComeBackUnchanged(t *testing.T) {
	plan := uMessage("Hello <users/all>")
	plan.CardsV2, plan.AccessoryWidgets = uJSON(uCardSpaced), uJSON(uWidgets)
	plan.FallbackText = types.StringValue("fallback")
	plan.ThreadKey = types.StringValue("thread-1")
	plan.MessageReplyOption = types.StringValue(replyFallbackToThread)
	plan.NotificationType = types.StringValue("NOTIFICATION_TYPE_SILENT")
	plan.PrivateMessageViewer = types.StringValue("users/bob@example.com")
	plan.ThreadName, plan.MessageID = types.StringUnknown(), types.StringUnknown()

	sent, err := messageToAPI(plan)
	if err != nil {
		t.Fatal(err)
	}
	// The API answers with what it stored, named, in its own spelling.
	sent.Name = "spaces/S/messages/M"
	sent.Thread = &chat.Thread{Name: "spaces/S/threads/T"}
	sent.PrivateMessageViewer = &chat.User{Name: "users/123"}
	sent.Sender = &chat.User{Name: "users/app"}
	sent.CreateTime, sent.FormattedText = "2024-01-01T00:00:00Z", "Hello @all"

	got := messageFromAPI(sent, plan)
	for name, pair := range map[string][2]types.String{
		"text": {plan.Text, got.Text}, "fallback_text": {plan.FallbackText, got.FallbackText},
		"thread_key": {plan.ThreadKey, got.ThreadKey}, "message_reply_option": {plan.MessageReplyOption, got.MessageReplyOption},
		"notification_type":                   {plan.NotificationType, got.NotificationType},
		"private_message_viewer (email kept)": {plan.PrivateMessageViewer, got.PrivateMessageViewer},
	} {
		if !pair[0].Equal(pair[1]) {
			t.Errorf("%s: %v came back as %v", name, pair[0], pair[1])
		}
	}
	if !got.CardsV2.Equal(plan.CardsV2) || !got.AccessoryWidgets.Equal(plan.AccessoryWidgets) {
		t.Errorf("JSON spelling not kept: %v %v", got.CardsV2, got.AccessoryWidgets)
	}
	want := map[string]types.String{
		"id": got.ID, "name": got.Name, "space": got.Space, "thread_name": got.ThreadName, "sender": got.Sender,
		"create_time": got.CreateTime, "formatted_text": got.FormattedText, "message_id": got.MessageID,
	}
	expect := map[string]types.String{
		"id": types.StringValue("spaces/S/messages/M"), "name": types.StringValue("spaces/S/messages/M"),
		"space": types.StringValue("spaces/S"), "thread_name": types.StringValue("spaces/S/threads/T"),
		"sender": types.StringValue("users/app"), "create_time": types.StringValue("2024-01-01T00:00:00Z"),
		"formatted_text": types.StringValue("Hello @all"), "message_id": types.StringNull(),
	}
	if !reflect.DeepEqual(want, expect) {
		t.Errorf("computed values = %v, want %v", want, expect)
	}
	if mask := messageMask(plan, got); len(mask) != 0 {
		t.Errorf("the round trip plans a patch of %v", mask)
	}
}

func TestUnitMessageFromAPI_ImportTakesTheAPIsValues(t *testing.T) {
	prior := uMessage("")
	prior.Space = types.StringNull()
	api := &chat.Message{
		Name: "spaces/S/messages/client-x", Text: "hi", ClientAssignedMessageId: "client-x",
		CardsV2:              []*chat.CardWithId{{CardId: "c", Card: &chat.GoogleAppsCardV1Card{Header: &chat.GoogleAppsCardV1CardHeader{Title: "Hi"}}}},
		PrivateMessageViewer: &chat.User{Name: "users/123"},
		Thread:               &chat.Thread{Name: "spaces/S/threads/T"},
	}
	got := messageFromAPI(api, prior)
	if got.Space.ValueString() != "spaces/S" || got.MessageID.ValueString() != "client-x" || got.ClientAssignedMessageID.ValueString() != "client-x" {
		t.Errorf("space %v message_id %v client id %v", got.Space, got.MessageID, got.ClientAssignedMessageID)
	}
	if got.PrivateMessageViewer.ValueString() != "users/123" || got.ThreadName.ValueString() != "spaces/S/threads/T" {
		t.Errorf("viewer %v thread %v", got.PrivateMessageViewer, got.ThreadName)
	}
	// As jsonencode writes it: sorted keys, no spaces.
	if want := `[{"card":{"header":{"title":"Hi"}},"cardId":"c"}]`; got.CardsV2.ValueString() != want {
		t.Errorf("cards_v2 = %s, want %s", got.CardsV2.ValueString(), want)
	}
	if !got.AccessoryWidgets.IsNull() || !got.Sender.IsNull() || !got.FallbackText.IsNull() {
		t.Errorf("absent values not null: %v %v %v", got.AccessoryWidgets, got.Sender, got.FallbackText)
	}
}

func TestUnitMessageFromAPI_DriftReplacesPriorJSON(t *testing.T) {
	prior := uMessage("hi")
	prior.CardsV2 = uJSON(uCard)
	api := &chat.Message{Name: "spaces/S/messages/M", Text: "hi",
		CardsV2: []*chat.CardWithId{{CardId: "c", Card: &chat.GoogleAppsCardV1Card{Header: &chat.GoogleAppsCardV1CardHeader{Title: "Changed"}}}}}
	got := messageFromAPI(api, prior)
	if !strings.Contains(got.CardsV2.ValueString(), "Changed") {
		t.Errorf("cards_v2 = %s: drift hidden", got.CardsV2.ValueString())
	}
	if got := messageFromAPI(&chat.Message{Name: "spaces/S/messages/M"}, prior); !got.CardsV2.IsNull() || !got.Text.IsNull() {
		t.Errorf("cards removed outside Terraform read as %v, text %v", got.CardsV2, got.Text)
	}
}

func TestUnitCanonicalJSONHelpers(t *testing.T) {
	if canonicalCards(uJSON("")) != "" || canonicalWidgets(jsontypes.NewNormalizedUnknown()) != "" {
		t.Error("null or unknown JSON is not empty")
	}
	if canonicalCards(uJSON(uCard)) != canonicalCards(uJSON(uCardSpaced)) {
		t.Error("formatting changes the canonical cards")
	}
	if bad := `[{"card":{"heder":{}}}]`; canonicalCards(uJSON(bad)) != bad {
		t.Error("invalid cards are not compared as written")
	}
	if bad := `[{}]`; canonicalWidgets(uJSON(bad)) != bad {
		t.Error("invalid widgets are not compared as written")
	}
	if apiJSON([]*chat.CardWithId{}) != "" || apiJSON([]*chat.CardWithId{{CardId: "c"}}) != `[{"cardId":"c"}]` {
		t.Error("apiJSON")
	}
}

// A patch's body holds the masked fields and nothing else.
func TestUnitMaskedMessage(t *testing.T) {
	input := &chat.Message{Text: "t", FallbackText: "f", CardsV2: []*chat.CardWithId{{CardId: "c"}},
		AccessoryWidgets: []*chat.AccessoryWidget{{}}, Attachment: []*chat.Attachment{{Name: "a"}},
		Thread: &chat.Thread{ThreadKey: "k"}, PrivateMessageViewer: &chat.User{Name: "users/bob"}}
	cases := []struct {
		mask []string
		want *chat.Message
	}{
		{nil, &chat.Message{}},
		{[]string{"text"}, &chat.Message{Text: "t"}},
		{[]string{"cards_v2", "accessory_widgets"}, &chat.Message{CardsV2: input.CardsV2, AccessoryWidgets: input.AccessoryWidgets}},
		{[]string{"attachment", "text"}, &chat.Message{Text: "t", Attachment: input.Attachment}},
	}
	for _, tc := range cases {
		if got := maskedMessage(input, tc.mask); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v: got %+v, want %+v", tc.mask, got, tc.want)
		}
	}
}
