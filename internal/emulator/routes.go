package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// handlerFunc serves one RPC (e.mu held).
type handlerFunc func(e *Emulator, c *call) (any, *apiError)

// spaceHandlerFunc serves one RPC on a space or something in it, once
// withSpace has found the space.
type spaceHandlerFunc func(e *Emulator, c *call, rec *spaceRecord) (any, *apiError)

// withSpace looks up {space} for the caller before h runs: 404 when it does
// not exist, 403 when the caller is not a member (see lookupSpace).
func withSpace(h spaceHandlerFunc) handlerFunc {
	return func(e *Emulator, c *call) (any, *apiError) {
		rec, err := e.lookupSpace(c)
		if err != nil {
			return nil, err
		}
		return h(e, c, rec)
	}
}

// apiRoute is one RPC: an HTTP method and a path pattern below /v1/, where a
// {placeholder} segment matches any one segment and binds it to pathParams.
type apiRoute struct {
	method, pattern, rpc string
	handler              handlerFunc
}

// apiRoutes are the Chat API v1 methods the emulator serves, by collection.
// Patterns never overlap, so their order does not matter. To add a method,
// add a row here and its handler to the collection's file.
var apiRoutes = []apiRoute{
	// spaces: spaces.go, spaces_create.go, spaces_patch.go, spaces_search.go
	{http.MethodPost, "spaces", "chat.spaces.create", (*Emulator).createSpace},
	{http.MethodGet, "spaces", "chat.spaces.list", (*Emulator).listSpaces},
	{http.MethodPost, "spaces:setup", "chat.spaces.setup", (*Emulator).setUpSpace},
	{http.MethodGet, "spaces:findDirectMessage", "chat.spaces.findDirectMessage", (*Emulator).findDirectMessage},
	{http.MethodGet, "spaces:search", "chat.spaces.search", (*Emulator).searchSpaces},
	{http.MethodGet, "spaces:findGroupChats", "chat.spaces.findGroupChats", (*Emulator).findGroupChats}, // group_chats.go
	{http.MethodGet, "spaces/{space}", "chat.spaces.get", withSpace((*Emulator).getSpace)},
	{http.MethodPatch, "spaces/{space}", "chat.spaces.patch", withSpace((*Emulator).patchSpace)},
	{http.MethodDelete, "spaces/{space}", "chat.spaces.delete", withSpace((*Emulator).deleteSpace)},
	{http.MethodPost, "spaces/{space}:completeImport", "chat.spaces.completeImport", (*Emulator).completeImport}, // import.go

	// spaces.members: members.go
	{http.MethodPost, "spaces/{space}/members", "chat.spaces.members.create", withSpace((*Emulator).createMembership)},
	{http.MethodGet, "spaces/{space}/members", "chat.spaces.members.list", withSpace((*Emulator).listMemberships)},
	{http.MethodGet, "spaces/{space}/members/{member}", "chat.spaces.members.get", withSpace((*Emulator).getMembership)},
	{http.MethodPatch, "spaces/{space}/members/{member}", "chat.spaces.members.patch", withSpace((*Emulator).patchMembership)},
	{http.MethodDelete, "spaces/{space}/members/{member}", "chat.spaces.members.delete", withSpace((*Emulator).deleteMembership)},

	// spaces.messages: messages.go, messages_create.go, messages_list.go, messages_update.go
	{http.MethodPost, "spaces/{space}/messages", "chat.spaces.messages.create", withSpace((*Emulator).createMessage)},
	{http.MethodGet, "spaces/{space}/messages", "chat.spaces.messages.list", withSpace((*Emulator).listMessages)},
	{http.MethodGet, "spaces/{space}/messages/{message}", "chat.spaces.messages.get", withSpace((*Emulator).getMessage)},
	{http.MethodPatch, "spaces/{space}/messages/{message}", "chat.spaces.messages.patch", withSpace((*Emulator).updateMessage)},
	{http.MethodPut, "spaces/{space}/messages/{message}", "chat.spaces.messages.update", withSpace((*Emulator).updateMessage)},
	{http.MethodDelete, "spaces/{space}/messages/{message}", "chat.spaces.messages.delete", withSpace((*Emulator).deleteMessage)},

	// spaces.messages.reactions: reactions.go
	{http.MethodPost, "spaces/{space}/messages/{message}/reactions", "chat.spaces.messages.reactions.create", withSpace((*Emulator).createReaction)},
	{http.MethodGet, "spaces/{space}/messages/{message}/reactions", "chat.spaces.messages.reactions.list", withSpace((*Emulator).listReactions)},
	{http.MethodDelete, "spaces/{space}/messages/{message}/reactions/{reaction}", "chat.spaces.messages.reactions.delete", withSpace((*Emulator).deleteReaction)},

	// spaces.messages.attachments and media: attachments.go, media.go.
	// media.upload is served under /upload/v1/ too (mediaUploads).
	{http.MethodGet, "spaces/{space}/messages/{message}/attachments/{attachment}", "chat.spaces.messages.attachments.get", withSpace((*Emulator).getAttachment)},
	{http.MethodPost, "spaces/{space}/attachments:upload", "chat.media.upload", withSpace((*Emulator).uploadMedia)},
	{http.MethodGet, "media/{media}", "chat.media.download", (*Emulator).downloadMedia},

	// spaces.messagePins: pins.go
	{http.MethodPost, "spaces/{space}/messagePins", "chat.spaces.messagePins.create", withSpace((*Emulator).createMessagePin)},
	{http.MethodGet, "spaces/{space}/messagePins", "chat.spaces.messagePins.list", withSpace((*Emulator).listMessagePins)},
	{http.MethodDelete, "spaces/{space}/messagePins/{pin}", "chat.spaces.messagePins.delete", withSpace((*Emulator).deleteMessagePin)},

	// customEmojis: custom_emojis.go
	{http.MethodPost, "customEmojis", "chat.customEmojis.create", (*Emulator).createCustomEmoji},
	{http.MethodGet, "customEmojis", "chat.customEmojis.list", (*Emulator).listCustomEmojis},
	{http.MethodGet, "customEmojis/{emoji}", "chat.customEmojis.get", (*Emulator).getCustomEmoji},
	{http.MethodDelete, "customEmojis/{emoji}", "chat.customEmojis.delete", (*Emulator).deleteCustomEmoji},

	// users.spaces: readstate.go
	{http.MethodGet, "users/{user}/spaces/{space}/spaceReadState", "chat.users.spaces.getSpaceReadState", (*Emulator).getSpaceReadState},

	// users.spaces.spaceNotificationSetting: notification_settings.go
	{http.MethodGet, "users/{user}/spaces/{space}/spaceNotificationSetting", "chat.users.spaces.spaceNotificationSetting.get", (*Emulator).getSpaceNotificationSetting},
	{http.MethodPatch, "users/{user}/spaces/{space}/spaceNotificationSetting", "chat.users.spaces.spaceNotificationSetting.patch", (*Emulator).patchSpaceNotificationSetting},

	// users.sections: sections.go; users.sections.items: section_items.go
	{http.MethodPost, "users/{user}/sections", "chat.users.sections.create", (*Emulator).createSection},
	{http.MethodGet, "users/{user}/sections", "chat.users.sections.list", (*Emulator).listSections},
	{http.MethodPatch, "users/{user}/sections/{section}", "chat.users.sections.patch", (*Emulator).patchSection},
	{http.MethodDelete, "users/{user}/sections/{section}", "chat.users.sections.delete", (*Emulator).deleteSection},
	{http.MethodPost, "users/{user}/sections/{section}:position", "chat.users.sections.position", (*Emulator).positionSection},
	{http.MethodGet, "users/{user}/sections/{section}/items", "chat.users.sections.items.list", (*Emulator).listSectionItems},
	{http.MethodPost, "users/{user}/sections/{section}/items/{item}:move", "chat.users.sections.items.move", (*Emulator).moveSectionItem},
}

// mediaUploads are the methods that take a file: served under /upload/v1/
// as well as /v1/ (discovery document, chat.media.upload
// mediaUpload.protocols.simple.path "/upload/v1/{+parent}/attachments:upload").
// No other method answers under /upload/.
var mediaUploads = map[string]bool{"chat.media.upload": true}

// pathParams are the placeholder segments of a matched path.
type pathParams struct {
	space  string // {space}: space ID
	member string // {member}: user ID, email, "app" or group ID
	user   string // {user}: user ID, email or "me"
	msg    string // {message}: message ID or client-assigned ID
	pin    string // {pin}: a message pin's ID (its message's ID)
	// {reaction}: a reaction's ID
	reaction string
	// {emoji}: a custom emoji's ID, or its :emoji-name: (an alias)
	emoji string
	// {attachment}: an attachment's ID (the last segment of its name)
	attachment string
	// {media}: an attachment's attachmentDataRef.resourceName (media.download)
	media string
	// {section}: a user's section ID; {item}: a section item's ID (section_items.go)
	section, item string
}

// field returns the field a placeholder segment binds, or nil.
func (p *pathParams) field(segment string) *string {
	switch segment {
	case "{space}":
		return &p.space
	case "{member}":
		return &p.member
	case "{user}":
		return &p.user
	case "{message}":
		return &p.msg
	case "{pin}":
		return &p.pin
	case "{reaction}":
		return &p.reaction
	case "{emoji}":
		return &p.emoji
	case "{attachment}":
		return &p.attachment
	case "{media}":
		return &p.media
	case "{section}":
		return &p.section
	case "{item}":
		return &p.item
	}
	return nil
}

// compiledRoute is an apiRoute with its pattern split into segments. A
// placeholder segment may end in a custom verb, "{section}:position": the
// path's segment must end in the verb, and the placeholder binds the rest.
type compiledRoute struct {
	apiRoute
	segments []string
}

// placeholderVerb splits a placeholder segment into the placeholder and its
// custom verb (":position"; "" for none).
func placeholderVerb(segment string) (string, string) {
	if i := strings.Index(segment, "}:"); strings.HasPrefix(segment, "{") && i > 0 {
		return segment[:i+1], segment[i+1:]
	}
	return segment, ""
}

var router = compileRoutes(apiRoutes)

func compileRoutes(routes []apiRoute) []compiledRoute {
	out := make([]compiledRoute, 0, len(routes))
	for _, r := range routes {
		segments := strings.Split(r.pattern, "/")
		for _, seg := range segments {
			if placeholder, _ := placeholderVerb(seg); strings.HasPrefix(seg, "{") && new(pathParams).field(placeholder) == nil {
				panic(fmt.Sprintf("route %s %s: unknown placeholder %s", r.method, r.pattern, seg))
			}
		}
		out = append(out, compiledRoute{apiRoute: r, segments: segments})
	}
	return out
}

// route finds the RPC for a method and a path below /v1/ (or /upload/v1/).
func route(method, path string) (*apiRoute, pathParams) {
	parts := strings.Split(path, "/")
	for i := range router {
		r := &router[i]
		if r.method != method || len(r.segments) != len(parts) {
			continue
		}
		var params pathParams
		if r.match(parts, &params) {
			return &r.apiRoute, params
		}
	}
	return nil, pathParams{}
}

func (r *compiledRoute) match(parts []string, params *pathParams) bool {
	for i, seg := range r.segments {
		placeholder, verb := placeholderVerb(seg)
		if field := params.field(placeholder); field != nil {
			value, ok := strings.CutSuffix(parts[i], verb)
			if !ok || verb != "" && value == "" {
				return false
			}
			*field = value
		} else if seg != parts[i] {
			return false
		}
	}
	return true
}
