package emulator

import (
	"regexp"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// The spaces.messages.reactions collection. Every method "Requires user
// authentication" (discovery document: reactions.create, list and delete),
// although each lists chat.bot among its scopes; scopes.go checks the user
// scopes, userOnly refuses apps.

const (
	// reactions.list pageSize: "If unspecified, the default value is 25.
	// The maximum value is 200; values above 200 are changed to 200" (the
	// discovery document).
	defaultReactionPageSize = 25
	maxReactionPageSize     = 200
)

// reactionRecord is one user's reaction to one message.
type reactionRecord struct {
	id    string
	user  *principal
	emoji chat.Emoji // unicode, or customEmoji as rendered (customEmoji)
}

// reactedMessage is the path's {message}: 404 when it is unknown, deleted or
// private to another user (as messages.get answers).
func reactedMessage(c *call, rec *spaceRecord) (*messageRecord, string, *apiError) {
	m := lookupMessage(rec, c.msg)
	if m == nil || m.deleted || !visibleTo(m, c.caller) {
		return nil, "", messageNotFound(rec, c)
	}
	_, id, _ := strings.Cut(m.msg.Name, "/messages/")
	return m, id, nil
}

func (r *reactionRecord) render(message string) *chat.Reaction {
	emoji := r.emoji
	return &chat.Reaction{
		Name:  message + "/reactions/" + r.id,
		User:  &chat.User{Name: r.user.userName(), Type: r.user.userType()},
		Emoji: clone(&emoji),
	}
}

// sameEmoji: the same Unicode string, or the same custom emoji.
func sameEmoji(a, b *chat.Emoji) bool {
	if a.CustomEmoji != nil || b.CustomEmoji != nil {
		return a.CustomEmoji != nil && b.CustomEmoji != nil && a.CustomEmoji.Name == b.CustomEmoji.Name
	}
	return a.Unicode == b.Unicode
}

// createReaction adds the caller's reaction to the path's message.
func (e *Emulator) createReaction(c *call, rec *spaceRecord) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	m, id, err := reactedMessage(c, rec)
	if err != nil {
		return nil, err
	}
	var in chat.Reaction
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	// Reaction.emoji: "Required. The emoji used in the reaction." One of
	// unicode or customEmoji: a guess (Emoji describes either, never both).
	switch {
	case in.Emoji == nil || in.Emoji.Unicode == "" && in.Emoji.CustomEmoji == nil:
		return nil, invalidArgument("Reaction.emoji is required: set emoji.unicode or emoji.customEmoji.")
	case in.Emoji.Unicode != "" && in.Emoji.CustomEmoji != nil:
		return nil, invalidArgument("Set one of emoji.unicode and emoji.customEmoji, not both.")
	}
	emoji := chat.Emoji{Unicode: in.Emoji.Unicode}
	if in.Emoji.CustomEmoji != nil {
		// An unknown custom emoji answers 404: a guess in the API's style.
		known := e.emojis.reactionEmoji(in.Emoji.CustomEmoji) // custom_emojis.go
		if known == nil {
			return nil, notFound("Custom emoji %s not found.", in.Emoji.CustomEmoji.Name+in.Emoji.CustomEmoji.Uid)
		}
		emoji.CustomEmoji = known
	}
	// A user reacts with one emoji to a message once (the Chat UI toggles
	// it): a second create answers 409 ALREADY_EXISTS. The status is a guess.
	for _, r := range rec.reactions[id] {
		if r.user.id == c.caller.id && sameEmoji(&r.emoji, &emoji) {
			return nil, alreadyExists("Reaction %s already exists.", r.render(m.msg.Name).Name)
		}
	}
	if rec.reactions == nil {
		rec.reactions = map[string][]*reactionRecord{}
	}
	r := &reactionRecord{id: randomID(), user: c.caller, emoji: emoji}
	rec.reactions[id] = append(rec.reactions[id], r)
	e.commit()
	return r.render(m.msg.Name), nil
}

func (e *Emulator) listReactions(c *call, rec *spaceRecord) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	m, id, err := reactedMessage(c, rec)
	if err != nil {
		return nil, err
	}
	filter := c.query.Get("filter")
	match, err := parseReactionFilter(filter)
	if err != nil {
		return nil, err
	}
	var all []*chat.Reaction
	for _, r := range rec.reactions[id] {
		if match(r) {
			all = append(all, r.render(m.msg.Name))
		}
	}
	page, next, err := paginate(all, c, defaultReactionPageSize, maxReactionPageSize, filter)
	if err != nil {
		return nil, err
	}
	return &chat.ListReactionsResponse{Reactions: page, NextPageToken: next}, nil
}

// deleteReaction removes one of the caller's own reactions. A user can't
// remove someone else's reaction in the Chat UI; the API's answer to that
// (403 here) is a guess.
func (e *Emulator) deleteReaction(c *call, rec *spaceRecord) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	m, id, err := reactedMessage(c, rec)
	if err != nil {
		return nil, err
	}
	list := rec.reactions[id]
	for i, r := range list {
		if r.id != c.reaction {
			continue
		}
		if r.user.id != c.caller.id {
			return nil, permissionDenied("Only the user who added reaction %s can delete it.", r.render(m.msg.Name).Name)
		}
		rec.reactions[id] = append(list[:i:i], list[i+1:]...)
		e.commit()
		return struct{}{}, nil
	}
	return nil, notFound("Reaction %s/reactions/%s not found.", m.msg.Name, c.reaction)
}

// reactionSummaries is Message.emojiReactionSummaries for the message ID:
// "The number of people who reacted to a message with a specific emoji"
// (EmojiReactionSummary), one per emoji in the order first used; nil when
// there are none (the API omits the empty list).
func reactionSummaries(rec *spaceRecord, id string) []*chat.EmojiReactionSummary {
	var out []*chat.EmojiReactionSummary
next:
	for _, r := range rec.reactions[id] {
		for _, s := range out {
			if sameEmoji(s.Emoji, &r.emoji) {
				s.ReactionCount++
				continue next
			}
		}
		emoji := r.emoji
		out = append(out, &chat.EmojiReactionSummary{Emoji: clone(&emoji), ReactionCount: 1})
	}
	return out
}

// reactionTerm is one `field = "value"` of a reactions.list filter.
var reactionTerm = regexp.MustCompile(`^\s*(emoji\.unicode|emoji\.custom_emoji\.uid|user\.name)\s*=\s*"([^"]*)"`)

// parseReactionFilter reads the reactions.list filter grammar: "You can
// filter reactions by emoji (either emoji.unicode or emoji.custom_emoji.uid)
// and user (user.name). To filter reactions for multiple emojis or users,
// join similar fields with the OR operator ... To filter reactions by emoji
// and user, use the AND operator ... If your query uses both AND and OR,
// group them with parentheses." Anything else, such as an AND of two emojis
// or an OR of an emoji and a user, "is rejected with an INVALID_ARGUMENT
// error" (discovery document, reactions.list filter).
func parseReactionFilter(filter string) (func(*reactionRecord) bool, *apiError) {
	if strings.TrimSpace(filter) == "" {
		return func(*reactionRecord) bool { return true }, nil
	}
	invalid := invalidArgument("Invalid filter %q: join emoji.unicode or emoji.custom_emoji.uid terms with OR, user.name terms "+
		"with OR, and the two groups with AND; parenthesize an OR group next to an AND.", filter)
	type group struct {
		field  string // "emoji" or "user"
		values map[string][]string
		or     bool
		parens bool
	}
	var groups []*group
	cur, rest, depth, wantTerm := &group{values: map[string][]string{}}, filter, 0, true
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		switch {
		case wantTerm && rest[0] == '(' && depth == 0 && len(cur.values) == 0:
			depth, cur.parens, rest = 1, true, rest[1:]
		case wantTerm:
			term := reactionTerm.FindStringSubmatch(rest)
			if term == nil {
				return nil, invalid
			}
			field := "emoji"
			if term[1] == "user.name" {
				field = "user"
			}
			if cur.field != "" && cur.field != field {
				return nil, invalid
			}
			cur.field = field
			cur.values[term[1]] = append(cur.values[term[1]], term[2])
			rest, wantTerm = rest[len(term[0]):], false
		case rest[0] == ')' && depth == 1:
			depth, rest = 0, rest[1:]
		case strings.HasPrefix(rest, "OR ") && (depth == 1 || !cur.parens):
			cur.or, rest, wantTerm = true, rest[3:], true
		case strings.HasPrefix(rest, "AND ") && depth == 0:
			groups = append(groups, cur)
			cur, rest, wantTerm = &group{values: map[string][]string{}}, rest[4:], true
		default:
			return nil, invalid
		}
	}
	groups = append(groups, cur)
	if wantTerm || depth != 0 || len(groups) > 2 ||
		len(groups) == 2 && (groups[0].field == groups[1].field || groups[0].or && !groups[0].parens || groups[1].or && !groups[1].parens) {
		return nil, invalid
	}
	return func(r *reactionRecord) bool {
		for _, g := range groups {
			ok := false
			for field, values := range g.values {
				for _, v := range values {
					switch field {
					case "emoji.unicode":
						ok = ok || r.emoji.CustomEmoji == nil && r.emoji.Unicode == v
					case "emoji.custom_emoji.uid":
						ok = ok || r.emoji.CustomEmoji != nil && r.emoji.CustomEmoji.Uid == v
					case "user.name":
						ok = ok || r.user.userName() == v
					}
				}
			}
			if !ok {
				return false
			}
		}
		return true
	}, nil
}
