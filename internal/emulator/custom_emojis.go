package emulator

import (
	"encoding/base64"
	"fmt"
	"path"
	"regexp"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// The customEmojis collection: the organization's custom emojis, in no
// space. Every method "Requires user authentication" (discovery document:
// customEmojis.create, get, list and delete), with chat.customemojis (get
// and list: also chat.customemojis.readonly); scopes.go checks the scopes,
// userOnly refuses apps.

const (
	// customEmojis.list pageSize: "If unspecified, the default value is 25.
	// The maximum value is 200; values above 200 are changed to 200"
	// (discovery document).
	defaultEmojiPageSize = 25
	maxEmojiPageSize     = 200
	// maxEmojiBytes: "The payload must be under 256 KB" (CustomEmojiPayload.fileContent).
	maxEmojiBytes = 256 << 10
)

// emojiNamePattern: "Emoji names must start and end with colons, must be
// lowercase and can only contain alphanumeric characters, hyphens, and
// underscores. Hyphens and underscores should be used to separate words and
// cannot be used consecutively" (CustomEmoji.emojiName). Read as: words of
// [a-z0-9] separated by one '-' or '_' each, so neither leads or trails.
var emojiNamePattern = regexp.MustCompile(`^:[a-z0-9]+(?:[-_][a-z0-9]+)*:$`)

// emojiExtensions: "Supported file extensions: `.png`, `.jpg`, `.gif`"
// (CustomEmojiPayload.filename). Upper case is accepted: a guess.
var emojiExtensions = []string{".png", ".jpg", ".gif"}

// customEmojiRecord is one custom emoji of the organization.
type customEmojiRecord struct {
	emoji   chat.CustomEmoji // name, uid, emojiName
	creator *principal       // nil: a seed, created by no caller
	image   []byte
}

// customEmojiStore holds the organization's custom emojis, in creation order.
type customEmojiStore struct {
	byID  map[string]*customEmojiRecord
	order []string
	reads int // temporaryImageUri tokens handed out
}

// newCustomEmojiStore is the seeded store (a seed, like DefaultUsers):
// customEmojis/emulator-party-parrot, which reactions tests use. Reset keeps
// the seed and drops every created emoji.
func newCustomEmojiStore() *customEmojiStore {
	s := &customEmojiStore{byID: map[string]*customEmojiRecord{}}
	s.add(&customEmojiRecord{emoji: chat.CustomEmoji{
		Name: "customEmojis/emulator-party-parrot", Uid: "uid-emulator-party-parrot", EmojiName: ":party-parrot:",
	}})
	return s
}

func (s *customEmojiStore) add(r *customEmojiRecord) {
	id := strings.TrimPrefix(r.emoji.Name, "customEmojis/")
	s.byID[id] = r
	s.order = append(s.order, id)
}

func (s *customEmojiStore) remove(r *customEmojiRecord) {
	id := strings.TrimPrefix(r.emoji.Name, "customEmojis/")
	delete(s.byID, id)
	for i, k := range s.order {
		if k == id {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
}

// lookup is the emoji a path's {emoji} names: its ID, or its emoji name,
// "You can use the emoji name as an alias for `{customEmoji}`. For example,
// `customEmojis/:example-emoji:`" (customEmojis.get and delete, name).
func (s *customEmojiStore) lookup(segment string) *customEmojiRecord {
	if r := s.byID[segment]; r != nil {
		return r
	}
	if strings.HasPrefix(segment, ":") {
		for _, id := range s.order {
			if r := s.byID[id]; r.emoji.EmojiName == segment {
				return r
			}
		}
	}
	return nil
}

// reactionEmoji finds the custom emoji a reaction names, by name or (with
// no name) uid, rendered as a reaction carries it; nil if none.
func (s *customEmojiStore) reactionEmoji(in *chat.CustomEmoji) *chat.CustomEmoji {
	for _, id := range s.order {
		known := &s.byID[id].emoji
		if in.Name != "" && in.Name == known.Name || in.Name == "" && in.Uid != "" && in.Uid == known.Uid {
			return clone(known)
		}
	}
	return nil
}

// render is the emoji as get and list answer: temporaryImageUri is "a
// temporary image URL for the custom emoji, valid for at least 10 minutes"
// (CustomEmoji.temporaryImageUri), so every read hands out a new one.
func (s *customEmojiStore) render(r *customEmojiRecord) *chat.CustomEmoji {
	out := clone(&r.emoji)
	s.reads++
	out.TemporaryImageUri = fmt.Sprintf("https://chat-emulator.invalid/%s/image?token=%d", out.Name, s.reads)
	return out
}

// createCustomEmoji adds an emoji to the organization.
func (e *Emulator) createCustomEmoji(c *call) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	var in chat.CustomEmoji
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	// emojiName: "Required when the custom emoji is created"; payload:
	// "Required when the custom emoji is created"; payload.fileContent and
	// payload.filename: "Required" (discovery document).
	switch {
	case in.EmojiName == "":
		return nil, invalidArgument("CustomEmoji.emojiName is required.")
	case !emojiNamePattern.MatchString(in.EmojiName):
		return nil, invalidArgument("Invalid emoji name %q: emoji names start and end with colons, are lowercase, and contain "+
			"only alphanumeric characters and single hyphens or underscores between words.", in.EmojiName)
	case in.Payload == nil:
		return nil, invalidArgument("CustomEmoji.payload is required.")
	case in.Payload.Filename == "":
		return nil, invalidArgument("CustomEmoji.payload.filename is required.")
	case in.Payload.FileContent == "":
		return nil, invalidArgument("CustomEmoji.payload.fileContent is required.")
	case in.Name != "" || in.Uid != "" || in.TemporaryImageUri != "":
		// name is assigned by the server; uid and temporaryImageUri are
		// "Output only". Refusing them is a guess.
		return nil, invalidArgument("CustomEmoji.name, uid and temporaryImageUri are assigned by the server.")
	}
	if !hasEmojiExtension(in.Payload.Filename) {
		return nil, invalidArgument("Unsupported file extension in %q: use .png, .jpg or .gif.", in.Payload.Filename)
	}
	// fileContent is "format": "byte", base64 in JSON. The API's decoder
	// accepts the standard and URL-safe alphabets (a guess for URL-safe).
	image, err := base64.StdEncoding.DecodeString(in.Payload.FileContent)
	if err != nil {
		if image, err = base64.URLEncoding.DecodeString(in.Payload.FileContent); err != nil {
			return nil, invalidArgument("Invalid value at 'custom_emoji.payload.file_content' (TYPE_BYTES), Base64 decoding failed.")
		}
	}
	if len(image) >= maxEmojiBytes {
		return nil, invalidArgument("The payload must be under 256 KB; got %d bytes.", len(image))
	}
	// The image's dimensions ("square and between 64 and 500 pixels") are
	// not checked: the emulator does not decode images.
	//
	// An emoji name "is unique within the organization" (emojiName): a
	// second one answers 409 ALREADY_EXISTS (the status is a guess).
	if known := e.emojis.lookup(in.EmojiName); known != nil {
		return nil, alreadyExists("Custom emoji %s already exists as %s.", in.EmojiName, known.emoji.Name)
	}
	id := randomID()
	r := &customEmojiRecord{creator: c.caller, image: image, emoji: chat.CustomEmoji{
		Name: "customEmojis/" + id, Uid: "uid-" + id, EmojiName: in.EmojiName,
	}}
	e.emojis.add(r)
	e.commit()
	// temporaryImageUri "is not populated in the response when the custom
	// emoji is created".
	return clone(&r.emoji), nil
}

func hasEmojiExtension(filename string) bool {
	ext := strings.ToLower(path.Ext(filename))
	for _, want := range emojiExtensions {
		if ext == want {
			return true
		}
	}
	return false
}

func (e *Emulator) getCustomEmoji(c *call) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	r := e.emojis.lookup(c.emoji)
	if r == nil {
		return nil, notFound("Custom emoji customEmojis/%s not found.", c.emoji)
	}
	return e.emojis.render(r), nil
}

// listCustomEmojis lists every emoji of the organization ("custom emojis
// visible to the authenticated user": all of them, a guess). The filter
// accepts "only `creator(\"users/me\")` and `NOT creator(\"users/me\")`
// ... Invalid queries are rejected with an `INVALID_ARGUMENT` error"
// (discovery, list filter).
func (e *Emulator) listCustomEmojis(c *call) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	filter := strings.TrimSpace(c.query.Get("filter"))
	var mine, notMine bool
	switch strings.Join(strings.Fields(filter), " ") {
	case "":
	case `creator("users/me")`:
		mine = true
	case `NOT creator("users/me")`:
		notMine = true
	default:
		return nil, invalidArgument("Invalid filter %q: only creator(\"users/me\") and NOT creator(\"users/me\") are supported.", filter)
	}
	var all []*customEmojiRecord
	for _, id := range e.emojis.order {
		r := e.emojis.byID[id]
		byCaller := r.creator != nil && r.creator.id == c.caller.id
		if mine && !byCaller || notMine && byCaller {
			continue
		}
		all = append(all, r)
	}
	page, next, err := paginate(all, c, defaultEmojiPageSize, maxEmojiPageSize, filter)
	if err != nil {
		return nil, err
	}
	out := &chat.ListCustomEmojisResponse{NextPageToken: next}
	for _, r := range page {
		out.CustomEmojis = append(out.CustomEmojis, e.emojis.render(r))
	}
	return out, nil
}

// deleteCustomEmoji: "By default, users can only delete custom emoji they
// created. Emoji managers assigned by the administrator can delete any
// custom emoji in the organization" (customEmojis.delete). The emulator has
// no emoji managers: another user's emoji (or the seed) answers 403
// PERMISSION_DENIED (the status is a guess).
func (e *Emulator) deleteCustomEmoji(c *call) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	r := e.emojis.lookup(c.emoji)
	if r == nil {
		return nil, notFound("Custom emoji customEmojis/%s not found.", c.emoji)
	}
	if r.creator == nil || r.creator.id != c.caller.id {
		return nil, permissionDenied("Users can only delete custom emojis they created; ask an emoji manager to delete %s.", r.emoji.Name)
	}
	e.emojis.remove(r)
	e.commit()
	return struct{}{}, nil
}
