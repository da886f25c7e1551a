package emulator

import (
	"sort"
	"strings"
	"testing"

	gen "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery/generate"
)

// dig walks decoded JSON by object keys and array indexes ("0").
func dig(v any, path ...string) any {
	for _, key := range path {
		switch node := v.(type) {
		case map[string]any:
			v = node[key]
		case []any:
			i := 0
			for _, r := range key {
				i = i*10 + int(r-'0')
			}
			if i >= len(node) {
				return nil
			}
			v = node[i]
		default:
			return nil
		}
	}
	return v
}

func TestEnrich_messageAnswers(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := appSpace(t, srv, "Enriched")
	status, msg := api(t, srv, app, "POST", "/v1/"+space+"/messages?createMessageNotificationOptions.notificationType=NOTIFICATION_TYPE_SILENT",
		map[string]any{"text": "Hi <users/app>, ping <users/bob@example.com>!", "cardsV2": []any{card}})
	if status != 200 {
		t.Fatalf("create: %d %v", status, msg)
	}
	checks := []struct {
		path []string
		want any
	}{
		{[]string{"sender", "type"}, "BOT"},
		{[]string{"sender", "displayName"}, "Chat App"},
		{[]string{"cardsV2", "0", "ownerUser", "name"}, dig(msg, "sender", "name")},
		{[]string{"cardsV2", "0", "ownerUser", "type"}, "BOT"},
		{[]string{"cardsV2", "0", "ownerUser", "displayName"}, "Chat App"},
		{[]string{"annotations", "0", "type"}, "USER_MENTION"},
		{[]string{"annotations", "0", "startIndex"}, float64(3)},
		{[]string{"annotations", "0", "length"}, float64(len("<users/app>"))},
		{[]string{"annotations", "0", "userMention", "type"}, "MENTION"},
		{[]string{"annotations", "0", "userMention", "user", "type"}, "BOT"},
		{[]string{"annotations", "1", "startIndex"}, float64(len("Hi <users/app>, ping "))},
		{[]string{"annotations", "1", "length"}, float64(len("<users/bob@example.com>"))},
		{[]string{"annotations", "1", "userMention", "user", "displayName"}, "Bob"},
		{[]string{"argumentText"}, "Hi , ping <users/bob@example.com>!"},
		{[]string{"formattedText"}, "Hi <users/app>, ping <users/bob@example.com>!"},
		{[]string{"space", "name"}, space},
		{[]string{"space", "type"}, "ROOM"},
		{[]string{"space", "spaceType"}, "SPACE"},
		{[]string{"silent"}, true},
		{[]string{"emojiReactionSummaries"}, nil}, // no reactions: omitted, as the API omits empty lists
		{[]string{"matchedUrl"}, nil},             // the emulator's apps have no link preview patterns
		{[]string{"lastUpdateTime"}, nil},         // never edited
	}
	_, got := api(t, srv, app, "GET", "/v1/"+msg["name"].(string), nil)
	for _, answer := range []map[string]any{msg, got} {
		for _, c := range checks {
			if v := dig(answer, c.path...); v != c.want {
				t.Errorf("%s = %#v, want %#v", strings.Join(c.path, "."), v, c.want)
			}
		}
	}
	if !strings.HasPrefix(dig(got, "thread", "name").(string), space+"/threads/") {
		t.Errorf("thread = %v", got["thread"])
	}
	// With user authentication: the sender's email, and the space by name only.
	_, asBob := api(t, srv, bob, "GET", "/v1/"+msg["name"].(string), nil)
	if s := asBob["space"].(map[string]any); len(s) != 1 || s["name"] != space {
		t.Errorf("space under user auth = %v, want its name only", s)
	}
	if dig(asBob, "annotations", "1", "userMention", "user", "email") != "bob@example.com" {
		t.Errorf("a member's mention under user auth: %v", dig(asBob, "annotations", "1"))
	}
	// A mentioned user who is not a member is anonymous to users.
	_, dave := api(t, srv, bob, "POST", "/v1/"+space+"/messages", map[string]any{"text": "<users/dave@example.com> hi"})
	if dig(dave, "annotations", "0", "userMention", "user", "isAnonymous") != true || dig(dave, "annotations", "0", "userMention", "user", "displayName") != nil {
		t.Errorf("non-member mention = %v", dig(dave, "annotations", "0"))
	}
	if dig(dave, "sender", "displayName") != "Bob" || dig(dave, "sender", "email") != "bob@example.com" || dig(dave, "annotations", "0", "startIndex") != nil {
		t.Errorf("sender %v, startIndex 0 must be omitted: %v", dave["sender"], dig(dave, "annotations", "0"))
	}
	// An edit sets lastUpdateTime and keeps the card's owner.
	_, edited := api(t, srv, app, "PATCH", "/v1/"+msg["name"].(string)+"?updateMask=text", map[string]any{"text": "plain"})
	if edited["lastUpdateTime"] == nil || dig(edited, "cardsV2", "0", "ownerUser", "type") != "BOT" || edited["annotations"] != nil || edited["argumentText"] != "plain" {
		t.Errorf("edited: %v", edited)
	}
}

func TestEnrich_spaceAndMembershipAnswers(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Enriched"},
		"memberships": members("users/bob@example.com", "groups/engineering")})
	_, got := api(t, srv, alice, "GET", "/v1/"+space, nil)
	for key, want := range map[string]any{"type": "ROOM", "threaded": true, "spaceThreadingState": "THREADED_MESSAGES"} {
		if got[key] != want {
			t.Errorf("%s = %v, want %v", key, got[key], want)
		}
	}
	if dig(got, "membershipCount", "joinedDirectHumanUserCount") != float64(2) || dig(got, "membershipCount", "joinedGroupCount") != float64(1) ||
		got["spaceUri"] == nil || got["createTime"] == nil || dig(got, "accessSettings", "accessState") != "PRIVATE" ||
		dig(got, "permissionSettings", "postMessages") == nil {
		t.Errorf("space = %v", got)
	}
	if got["lastActiveTime"] != nil {
		t.Errorf("lastActiveTime before any message: %v", got["lastActiveTime"])
	}
	api(t, srv, alice, "POST", "/v1/"+space+"/messages", map[string]any{"text": "first"})
	if _, got = api(t, srv, alice, "GET", "/v1/"+space, nil); got["lastActiveTime"] == nil {
		t.Error("lastActiveTime after a message is empty")
	}
	_, m := api(t, srv, alice, "GET", "/v1/"+space+"/members/bob@example.com", nil)
	if dig(m, "member", "displayName") != "Bob" || dig(m, "member", "email") != "bob@example.com" || m["affiliation"] != "INTERNAL" || m["state"] != "JOINED" {
		t.Errorf("membership = %v", m)
	}
	// A bot DM is a DM in the deprecated type; an import-mode space expires.
	dm := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE", "singleUserBotDm": true}})
	if _, got := api(t, srv, alice, "GET", "/v1/"+dm, nil); got["type"] != "DM" || got["threaded"] != nil {
		t.Errorf("bot DM = %v", got)
	}
	_, imported := api(t, srv, alice, "POST", "/v1/spaces", map[string]any{"spaceType": "SPACE", "displayName": "Import", "importMode": true})
	if imported["importModeExpireTime"] == nil {
		t.Errorf("import-mode space = %v", imported)
	}
	// A repeated requestId is answered with the request echoed, not enriched.
	body := map[string]any{"spaceType": "SPACE", "displayName": "Once"}
	api(t, srv, alice, "POST", "/v1/spaces?requestId=r1", body)
	if _, echo := api(t, srv, alice, "POST", "/v1/spaces?requestId=r1", body); echo["type"] != nil || echo["createTime"] != nil {
		t.Errorf("echo = %v", echo)
	}
}

func TestUnknownFields_everyObjectOfEveryAnswer(t *testing.T) {
	srv := NewTestServer(t, Options{UnknownFields: true})
	space := appSpace(t, srv, "Future")
	_, msg := api(t, srv, app, "POST", "/v1/"+space+"/messages", map[string]any{"text": "hi", "cardsV2": []any{card}})
	var objects, marked int
	var walk func(v any)
	walk = func(v any) {
		switch node := v.(type) {
		case map[string]any:
			objects++
			if _, ok := node[UnknownField]; ok {
				marked++
			}
			for key, item := range node {
				if key != UnknownField {
					walk(item)
				}
			}
		case []any:
			for _, item := range node {
				walk(item)
			}
		}
	}
	walk(msg)
	if objects < 6 || marked != objects {
		t.Errorf("%d of %d objects carry %s: %v", marked, objects, UnknownField, msg)
	}
	if dig(msg, "cardsV2", "0", "card", "header", UnknownField, "nested") != "x" {
		t.Errorf("card header = %v", dig(msg, "cardsV2", "0", "card", "header"))
	}
	// Empty answers and lists too; errors keep Google's envelope as it is.
	if _, out := api(t, srv, app, "DELETE", "/v1/"+msg["name"].(string), nil); out[UnknownField] == nil {
		t.Errorf("empty answer = %v", out)
	}
	if _, out := api(t, srv, bob, "GET", "/v1/"+space+"/members", nil); dig(out, "memberships", "0", UnknownField) == nil || out[UnknownField] == nil {
		t.Errorf("list = %v", out)
	}
	if status, out := api(t, srv, bob, "GET", "/v1/spaces/nope", nil); status != 404 || out[UnknownField] != nil {
		t.Errorf("error = %d %v", status, out)
	}
	// Off by default.
	plain := NewTestServer(t, Options{})
	if _, out := api(t, plain, app, "POST", "/v1/spaces", map[string]any{"spaceType": "SPACE", "displayName": "X", "customer": "customers/my_customer"}); out[UnknownField] != nil {
		t.Errorf("unknown fields without the option: %v", out)
	}
}

// TestEnrich_everyOutputOnlyFieldOfTheDiscoveryDocument: every output-only
// field ("readOnly": true or "Output only" in its description) of Space,
// Membership, Message and the schemas inside them is in some answer of a
// realistic session, or named here with the reason the API leaves it out.
func TestEnrich_everyOutputOnlyFieldOfTheDiscoveryDocument(t *testing.T) {
	doc := readDiscovery(t)
	notFilled := map[string]string{
		"Space.adminInstalled":                        "false for spaces no administrator installed, and false is omitted",
		"Message.emojiReactionSummaries":              "this session adds no reactions: the API omits the empty list",
		"Message.matchedUrl":                          "needs link preview patterns, which the emulator's apps have none of",
		"Message.attachedGifs":                        "GIFs are attached in the Chat UI only",
		"Message.slashCommand":                        "slash commands are invoked in the Chat UI only",
		"EmojiReactionSummary.emoji":                  "no reactions",
		"EmojiReactionSummary.reactionCount":          "no reactions",
		"MatchedUrl.url":                              "no matched URLs",
		"AttachedGif.uri":                             "no GIFs",
		"CustomEmoji.uid":                             "no custom emoji",
		"CustomEmoji.temporaryImageUri":               "no custom emoji",
		"MeetSpaceLinkData.huddleStatus":              "no rich links",
		"Attachment.driveDataRef":                     "only DRIVE_FILE attachments, attached in the Chat UI, carry it; uploads are UPLOADED_CONTENT",
		"QuotedMessageMetadata.forwardedMetadata":     "no quoted messages: quotes can only be removed through the API",
		"QuotedMessageMetadata.quotedMessageSnapshot": "no quoted messages",
		"QuotedMessageSnapshot.annotations":           "no quoted messages",
		"QuotedMessageSnapshot.attachments":           "no quoted messages",
		"QuotedMessageSnapshot.formattedText":         "no quoted messages",
		"QuotedMessageSnapshot.sender":                "no quoted messages",
		"QuotedMessageSnapshot.text":                  "no quoted messages",
		"ForwardedMetadata.space":                     "no forwarded messages",
		"ForwardedMetadata.spaceDisplayName":          "no forwarded messages",
		"GoogleChatV1Section.sortOrder":               "sections of the Chat UI's sidebar, not in these answers",
		"Reaction.user":                               "no reactions",
	}
	srv := NewTestServer(t, Options{})
	space := appSpace(t, srv, "Session")
	var answers []struct {
		schema string
		body   map[string]any
	}
	keep := func(schema string, body map[string]any) {
		answers = append(answers, struct {
			schema string
			body   map[string]any
		}{schema, body})
	}
	const reply = "?messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
	_, root := api(t, srv, app, "POST", "/v1/"+space+"/messages"+reply+"&createMessageNotificationOptions.notificationType=NOTIFICATION_TYPE_SILENT",
		map[string]any{"text": "<users/app> see <users/bob@example.com> <users/dave@example.com>", "cardsV2": []any{card}, "thread": map[string]any{"threadKey": "k"}})
	keep("Message", root)
	_, replied := api(t, srv, app, "POST", "/v1/"+space+"/messages"+reply, map[string]any{"text": "reply", "thread": map[string]any{"threadKey": "k"}})
	_, edited := api(t, srv, app, "PATCH", "/v1/"+replied["name"].(string)+"?updateMask=text", map[string]any{"text": "edited"})
	keep("Message", edited)
	_, asUser := api(t, srv, bob, "POST", "/v1/"+space+"/messages", map[string]any{"text": "<users/erin@example.com>"})
	keep("Message", asUser)
	_, uploaded := rawUpload(t, srv, bob, "/upload/v1/"+space+"/attachments:upload?uploadType=multipart", `{"filename":"photo.png"}`, "image/png", []byte("\x89PNG"))
	_, withFile := api(t, srv, bob, "POST", "/v1/"+space+"/messages", map[string]any{"text": "a photo", "attachment": []any{uploaded}})
	keep("Message", withFile)
	api(t, srv, app, "DELETE", "/v1/"+replied["name"].(string), nil)
	_, deleted := api(t, srv, bob, "GET", "/v1/"+space+"/messages?showDeleted=true", nil)
	keep("ListMessagesResponse", deleted)
	_, s := api(t, srv, app, "GET", "/v1/"+space, nil)
	keep("Space", s)
	_, imported := api(t, srv, alice, "POST", "/v1/spaces", map[string]any{"spaceType": "SPACE", "displayName": "Import", "importMode": true})
	keep("Space", imported)
	withGroup := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Group"}, "memberships": members("groups/support")})
	_, s = api(t, srv, alice, "GET", "/v1/"+withGroup, nil)
	keep("Space", s)
	_, list := api(t, srv, bob, "GET", "/v1/"+space+"/members", nil)
	keep("ListMembershipsResponse", list)

	seen := map[string]bool{}
	for _, a := range answers {
		doc.mark(a.schema, a.body, seen)
	}
	var missing []string
	for field := range doc.outputOnlyBelow("Space", "Membership", "Message") {
		if !seen[field] && notFilled[field] == "" {
			missing = append(missing, field)
		}
		if seen[field] && notFilled[field] != "" {
			t.Errorf("%s is filled now: drop it from notFilled (%q)", field, notFilled[field])
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("output-only fields no answer carries (fill them in enrich.go, or say why the API leaves them out):\n%s", strings.Join(missing, "\n"))
	}
}

// discoveryDoc is chat-api.json, with what these tests ask of it.
type discoveryDoc struct{ gen.Document }

// readDiscovery reads the discovery document of the google.golang.org/api
// version go.mod requires.
func readDiscovery(t *testing.T) *discoveryDoc {
	t.Helper()
	var doc discoveryDoc
	if err := gen.Load("", &doc.Document); err != nil {
		t.Skip(err)
	}
	return &doc
}

// properties are the fields of a schema (none for a name the document
// does not have).
func (d *discoveryDoc) properties(schema string) map[string]*gen.Property {
	if s := d.Schemas[schema]; s != nil {
		return s.Properties
	}
	return nil
}

// outputOnlyBelow lists Schema.field for every output-only field of the
// roots and of every schema reachable from them, except the card widgets
// (GoogleAppsCardV1*: what an app sends, which has no output-only field).
func (d *discoveryDoc) outputOnlyBelow(roots ...string) map[string]bool {
	out := map[string]bool{}
	visited := map[string]bool{}
	var visit func(string)
	visit = func(schema string) {
		if visited[schema] {
			return
		}
		visited[schema] = true
		for name, p := range d.properties(schema) {
			if p.OutputOnly() {
				out[schema+"."+name] = true
			}
			if ref, _ := p.SchemaRef(); ref != "" {
				visit(ref)
			}
		}
	}
	for _, root := range roots {
		visit(root)
	}
	return out
}

// mark records Schema.field for every field present in v, read as schema.
func (d *discoveryDoc) mark(schema string, v any, seen map[string]bool) {
	switch node := v.(type) {
	case []any:
		for _, item := range node {
			d.mark(schema, item, seen)
		}
	case map[string]any:
		props := d.properties(schema)
		for key, item := range node {
			seen[schema+"."+key] = true
			if p := props[key]; p != nil {
				if ref, _ := p.SchemaRef(); ref != "" {
					d.mark(ref, item, seen)
				}
			}
		}
	}
}
