package emulator

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	chat "google.golang.org/api/chat/v1"
)

// Output-only fields. The real API fills fields no request sets; a client
// that compares what it sent with what it got back must survive them. enrich
// fills, on every answer, the output-only fields the discovery document
// (revision 20261029) declares for Space, Membership, Message and the
// objects inside them, each rule quoting its source. The stored records hold
// what requests set and what the API assigns at write time (names, times,
// states); what depends on the caller or can be derived is filled here.
//
// Output-only fields left out on purpose, as the API leaves them out:
//   - Message.emojiReactionSummaries ("The list of emoji reaction summaries
//     on the message") on a message nobody reacted to: the API omits an
//     empty list (proto3 JSON omits empty repeated fields). With reactions
//     (reactions.go) enrichMessage fills it.
//   - Message.matchedUrl: "A URL in the Chat message text field that matches
//     a link preview pattern." Link preview patterns are configured per app
//     in the Google Cloud console; the emulator's apps have none.
//   - Message.attachedGifs ("GIF images that are attached to the message"),
//     Message.slashCommand ("Slash command information, if applicable"):
//     only messages posted in the Chat UI carry them.
//   - Space.adminInstalled: "For direct message (DM) spaces with a Chat app,
//     whether the space was created by a Google Workspace administrator."
//     Never true here, and false is omitted.
//   - User.isAnonymous false, Message.silent false, Message.threadReply
//     false: proto3 JSON omits false.
//   - Attachment.driveDataRef: "A reference to the Google Drive
//     attachment", only for DRIVE_FILE attachments, which are attached in
//     the Chat UI; media.upload's attachments are UPLOADED_CONTENT.
//   - QuotedMessageMetadata output-only fields: the emulator quotes no
//     messages.

// enrich fills the output-only fields of an answer for the caller (e.mu
// held). Answers are the handlers' own copies, so they are changed in place.
func (e *Emulator) enrich(c *call, out any) any {
	if c == nil || c.caller == nil {
		return out
	}
	switch v := out.(type) {
	case *chat.Space:
		e.enrichSpace(v)
	case *chat.ListSpacesResponse:
		for _, s := range v.Spaces {
			e.enrichSpace(s)
		}
	case *chat.SearchSpacesResponse:
		for _, r := range v.Results {
			e.enrichSpace(r.Space)
		}
		for _, s := range v.Spaces {
			e.enrichSpace(s)
		}
	case *chat.CompleteImportSpaceResponse:
		e.enrichSpace(v.Space)
	case *chat.FindGroupChatsResponse:
		// Only SPACE_VIEW_EXPANDED spaces: a name alone is left alone.
		for _, s := range v.Spaces {
			e.enrichSpace(s)
		}
	case *chat.Membership:
		e.enrichMembership(c, v)
	case *chat.ListMembershipsResponse:
		for _, m := range v.Memberships {
			e.enrichMembership(c, m)
		}
	case *chat.Message:
		e.enrichMessage(c, v)
	case *chat.ListMessagesResponse:
		for _, m := range v.Messages {
			e.enrichMessage(c, m)
		}
	}
	return out
}

// importModeLifetime: "Each space created in import mode must exit this mode
// before this expire time" (Space.importModeExpireTime); the import guide
// gives 90 days.
const importModeLifetime = 90 * 24 * time.Hour

func (e *Emulator) enrichSpace(s *chat.Space) {
	if s == nil || s.CreateTime == "" && s.SpaceUri == "" {
		// A repeated requestId is answered with the request echoed: "might
		// not be fully populated" (spaces.create). Leave it as it is.
		return
	}
	// Space.type: "Output only. Deprecated: Use space_type instead." ROOM:
	// "Conversations between two or more humans." DM: "1:1 Direct Message
	// between a human and a Chat app ... doesn't include direct messages
	// between two humans."
	s.Type = "ROOM"
	if s.SingleUserBotDm {
		s.Type = "DM"
	}
	// Space.threaded: "Output only. Deprecated: Use spaceThreadingState
	// instead. Whether messages are threaded in this space."
	s.Threaded = s.SpaceThreadingState == "THREADED_MESSAGES"
	// Filled where the space is stored or rendered (spaces_create.go,
	// import.go, store.go): importModeExpireTime ("This field is only
	// populated for spaces that were created with import mode"), spaceUri ("The URI for a user to access the space"),
	// spaceThreadingState, membershipCount ("Populated when the space_type
	// is SPACE, DIRECT_MESSAGE or GROUP_CHAT"), lastActiveTime ("Timestamp of
	// the last message in the space"), accessSettings.accessState and
	// permissionSettings.postMessages; createTime is "Only populated in the
	// output when spaceType is GROUP_CHAT or SPACE".
}

func (e *Emulator) enrichMembership(c *call, m *chat.Membership) {
	if m == nil || m.Member == nil {
		return
	}
	// User.displayName: "always populated for requests made with app
	// authentication. When calling the Messages and Memberships APIs with
	// user authentication, this field is populated for ... within Membership
	// resources, provided the user is a member of the space or has prior
	// affinity with the calling user." A membership is that affinity.
	e.describeUser(c, m.Member, true)
	// Filled where memberships are stored (members.go): state and
	// affiliation ("A user's relationship to the Workspace organization that
	// owns the space": every seeded user is INTERNAL).
}

// mention is user mention markup in message text: <users/{user}>.
var mention = regexp.MustCompile(`<users/([^<>\s]+)>`)

func (e *Emulator) enrichMessage(c *call, m *chat.Message) {
	if m == nil || m.CreateTime == "" {
		// A requestId echo ("might not be fully populated"): as it is.
		return
	}
	rec := e.spaces[c.space]
	if rec == nil {
		return
	}
	// Message.emojiReactionSummaries: "The list of emoji reaction summaries
	// on the message."
	if _, id, ok := strings.Cut(m.Name, "/messages/"); ok && m.DeleteTime == "" {
		m.EmojiReactionSummaries = reactionSummaries(rec, id)
	}
	var sender *principal
	if m.Sender != nil {
		sender = e.dir.byName(m.Sender.Name)
		// Message.sender: "If your Chat app authenticates as a user, the
		// output only populates the user name and type fields for both
		// internal and external users, unless they are members of the space
		// or have a prior affinity".
		e.describeUser(c, m.Sender, sender != nil && (sender.id == c.caller.id || rec.members[sender.id] != nil))
	}
	// CardWithId.ownerUser: "Output only. The app that owns the card." Only
	// apps send cards, so the owner is the app that sent (or last updated)
	// them: a User, as the discovery document's $ref says.
	for _, card := range m.CardsV2 {
		if card == nil || m.Sender == nil || m.Sender.Type != "BOT" {
			continue
		}
		card.OwnerUser = &chat.User{Name: m.Sender.Name, Type: "BOT"}
		e.describeUser(c, card.OwnerUser, true)
	}
	if m.Text != "" {
		// Message.annotations: "Annotations can be associated with the
		// plain-text body of the message"; the discovery example is a
		// USER_MENTION with startIndex, length and userMention.user.
		m.Annotations = e.mentionAnnotations(c, rec, m.Text)
		// Message.argumentText: "Plain-text body of the message with all
		// Chat app mentions stripped out."
		m.ArgumentText = e.withoutAppMentions(c, m.Text)
		// Message.formattedText: "Contains the message text with markups
		// added to communicate formatting ... User mentions using the format
		// <users/{user}>." The emulator's text already carries its markup.
		m.FormattedText = m.Text
	}
	// Message.space: "If your Chat app authenticates as a user, the output
	// only populates the space name." Apps get the space's description.
	if m.Space != nil && c.caller.kind == kindApp {
		s := rec.space
		m.Space = &chat.Space{
			Name: s.Name, SpaceType: s.SpaceType, DisplayName: s.DisplayName, SingleUserBotDm: s.SingleUserBotDm,
			SpaceThreadingState: s.SpaceThreadingState, SpaceHistoryState: s.SpaceHistoryState,
		}
		// The deprecated type and threaded, as on the space itself.
		m.Space.Type = "ROOM"
		if s.SingleUserBotDm {
			m.Space.Type = "DM"
		}
		m.Space.Threaded = s.SpaceThreadingState == "THREADED_MESSAGES"
	}
	// Filled where messages are stored (messages_create.go and
	// messages_update.go): sender name and type, createTime, thread.name,
	// threadReply ("When true, the message is a response in a reply
	// thread"), silent ("Whether this is a silent message"), lastUpdateTime
	// ("The time at which the message was last edited by a user. If the
	// message has never been edited, this field is empty"), deleteTime and
	// deletionMetadata. Attachment's output-only fields (contentName,
	// contentType, downloadUri, thumbnailUri, source) are filled where an
	// upload is attached (attach in attachments.go).
}

// mentionAnnotations are the USER_MENTION annotations of text: startIndex
// and length count characters (code points) of the <users/{user}> markup as
// the text holds it. Mentions of unknown users are plain text.
func (e *Emulator) mentionAnnotations(c *call, rec *spaceRecord, text string) []*chat.Annotation {
	var out []*chat.Annotation
	for _, loc := range mention.FindAllStringSubmatchIndex(text, -1) {
		p, err := e.dir.resolveUser("users/"+text[loc[2]:loc[3]], c.caller)
		if err != nil {
			continue
		}
		user := &chat.User{Name: p.userName(), Type: p.userType()}
		if c.caller.kind == kindUser && p.id != c.caller.id && rec.members[p.id] == nil {
			// User.isAnonymous: "When true, the user is deleted or their
			// profile is not visible, such as when a user is mentioned in a
			// space without being a member and without prior affinity with
			// the calling user."
			user.IsAnonymous = true
		} else {
			// User.displayName: "populated ... for users within annotations
			// (such as user mentions)".
			e.describeUser(c, user, true)
		}
		out = append(out, &chat.Annotation{
			Type:        "USER_MENTION",
			StartIndex:  int64(utf8.RuneCountInString(text[:loc[0]])),
			Length:      int64(utf8.RuneCountInString(text[loc[0]:loc[1]])),
			UserMention: &chat.UserMentionMetadata{User: user, Type: "MENTION"},
		})
	}
	return out
}

// withoutAppMentions drops the mentions of Chat apps from text.
func (e *Emulator) withoutAppMentions(c *call, text string) string {
	return mention.ReplaceAllStringFunc(text, func(markup string) string {
		key := strings.TrimSuffix(strings.TrimPrefix(markup, "<"), ">")
		if p, err := e.dir.resolveUser(key, c.caller); err == nil && p.kind == kindApp {
			return ""
		}
		return markup
	})
}

// describeUser fills a user's output-only fields for the caller; visible
// says the caller may see the profile (a member of the space, the caller,
// or someone with prior affinity).
func (e *Emulator) describeUser(c *call, u *chat.User, visible bool) {
	p := e.dir.byName(u.Name)
	if p == nil {
		return
	}
	if c.caller.kind == kindUser && !visible {
		return
	}
	// User.displayName: "The user's display name. Populated for both app
	// authentication and user authentication."
	u.DisplayName = p.displayName()
	if p.kind == kindUser && c.caller.kind == kindUser {
		// User.email and User.avatarUrl: "When calling the Messages and
		// Memberships APIs with user authentication, this field is populated
		// for both internal and external users for the sender of a message,
		// users within annotations (such as user mentions), and within
		// Membership resources, provided the user is a member of the space or
		// has prior affinity with the calling user."
		u.Email = p.email
		u.AvatarUrl = "https://lh3.googleusercontent.com/a/default-user=s64"
	}
}

// byName finds the user or app a users/{id} name stands for (nil if none).
func (d *directory) byName(name string) *principal {
	key, ok := strings.CutPrefix(name, "users/")
	if !ok {
		return nil
	}
	if p := d.users[strings.ToLower(key)]; p != nil {
		return p
	}
	return d.apps[key]
}

// displayName is how Chat shows a principal: a user's name from their email
// (alice.smith@example.com: "Alice Smith"), an app's from its short name.
func (p *principal) displayName() string {
	if p.kind == kindApp {
		if p.app == "app" {
			return "Chat App"
		}
		return titleWords(p.app)
	}
	local, _, _ := strings.Cut(p.email, "@")
	return titleWords(local)
}

func titleWords(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '_' || r == '-' || r == ' ' })
	for i, w := range words {
		first, size := utf8.DecodeRuneInString(w)
		words[i] = strings.ToUpper(string(first)) + w[size:]
	}
	return strings.Join(words, " ")
}
