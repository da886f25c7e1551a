package emulator

import (
	"slices"
	"strings"

	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery"
)

// spaces.findGroupChats: "Returns all spaces with `spaceType == GROUP_CHAT`,
// whose human memberships contain exactly the calling user, and the users
// specified in `FindGroupChatsRequest.users`" (discovery document). It
// "Requires user authentication" with chat.memberships or its readonly form;
// scopes.go checks those.

// Limits of findGroupChats (discovery): "If unspecified, at most 10 spaces are
// returned. The maximum value is 30. If you use a value more than 30, it's
// automatically changed to 30. Negative values return an `INVALID_ARGUMENT`
// error" (pageSize; paginate does all three), and "The maximum number of
// users that can be specified in a single request is `49`" (users).
const (
	defaultGroupChatPageSize = 10
	maxGroupChatPageSize     = 30
	maxGroupChatUsers        = 49
)

// Space views (discovery, spaceView): unset or SPACE_VIEW_UNSPECIFIED means
// SPACE_VIEW_RESOURCE_NAME_ONLY ("If unset, defaults to ..."), which
// "Populates only the Space resource name".
const (
	spaceViewUnspecified = "SPACE_VIEW_UNSPECIFIED"
	spaceViewNameOnly    = "SPACE_VIEW_RESOURCE_NAME_ONLY"
	spaceViewExpanded    = "SPACE_VIEW_EXPANDED"
)

// findGroupChats answers the caller's group chats whose joined human members
// are exactly the caller and users.
//
//   - users/{id} and users/{email} both name a user ("You can also use the
//     email as an alias for `{user}`", discovery); a name that is not
//     users/{user} answers 400 INVALID_ARGUMENT, more than 49 users too (the
//     limit is documented, the status a guess).
//   - "A request that contains non-human users doesn't return any spaces"
//     (discovery): users/app or an app's ID answers an empty list. So does a
//     user the emulator doesn't know (a guess: it is a search, and nobody
//     shares a group chat with an unknown user).
//   - The caller among users counts once (a guess).
//   - "Only members that have joined the conversation are supported"
//     (discovery): invited members neither match nor spoil a match.
//   - "If the calling user blocks, or is blocked by, some users, and no
//     spaces with the entire specified set of users are found, this method
//     returns spaces that don't include the blocked or blocking users"
//     (discovery): with none found, Options.BlockedUsers are left out of the
//     set and the search runs again.
//   - A group chat is found before its first message (a guess, as for
//     findDirectMessage; spaces.list hides it until then).
//   - spaceView SPACE_VIEW_EXPANDED answers the spaces in full but without
//     permissionSettings ("the `permissionSettings` field will not be
//     populated", discovery), and "must include scopes that allow reading
//     space data, for example, .../chat.spaces or .../chat.spaces.readonly":
//     without one it answers 403 with the insufficient-scopes error of
//     scopes.go (the status is a guess). Another view answers 400.
//   - Spaces come in creation order, pageSize pages of them; a page token is
//     bound to the other parameters ("all other parameters provided should
//     match the call that provided the token").
func (e *Emulator) findGroupChats(c *call) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	view := c.query.Get("spaceView")
	switch view {
	case "", spaceViewUnspecified, spaceViewNameOnly:
		view = spaceViewNameOnly
	case spaceViewExpanded:
		if c.scopes != nil && !c.scopes[discovery.Full("chat.spaces")] && !c.scopes[discovery.Full("chat.spaces.readonly")] {
			err := permissionDenied("Request had insufficient authentication scopes.")
			err.Reason = "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
			return nil, err
		}
	default:
		return nil, invalidArgument("Invalid spaceView %q.", view)
	}
	names := c.query["users"]
	if len(names) > maxGroupChatUsers {
		return nil, invalidArgument("At most %d users can be specified, got %d.", maxGroupChatUsers, len(names))
	}
	want := map[string]*principal{c.caller.id: c.caller}
	humans := true
	for _, name := range names {
		key, ok := strings.CutPrefix(name, "users/")
		if !ok || key == "" || strings.Contains(key, "/") {
			return nil, invalidArgument("Invalid user resource name %q: want users/{user}.", name)
		}
		p, err := e.dir.resolveUser(name, c.caller)
		if err != nil || p.kind != kindUser {
			humans = false
			continue
		}
		want[p.id] = p
	}
	var found []*chat.Space
	if humans {
		found = e.groupChatsOf(c.caller, want, view)
		if len(found) == 0 {
			unblocked := map[string]*principal{}
			for id, p := range want {
				if p == c.caller || !e.blocked(p) {
					unblocked[id] = p
				}
			}
			if len(unblocked) < len(want) {
				found = e.groupChatsOf(c.caller, unblocked, view)
			}
		}
	}
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	page, next, err := paginate(found, c, defaultGroupChatPageSize, maxGroupChatPageSize, view+"|"+strings.Join(sorted, ","))
	if err != nil {
		return nil, err
	}
	return &chat.FindGroupChatsResponse{Spaces: page, NextPageToken: next}, nil
}

// groupChatsOf lists the live group chats whose joined human members are
// exactly want (by user ID), rendered in view for caller.
func (e *Emulator) groupChatsOf(caller *principal, want map[string]*principal, view string) []*chat.Space {
	var out []*chat.Space
	for _, id := range e.spaceOrder {
		rec := e.spaces[id]
		if rec.deleted || rec.space.SpaceType != "GROUP_CHAT" || rec.joinedMember(caller) == nil {
			continue
		}
		joined := 0
		exact := true
		for _, m := range rec.members {
			if m.membership.State != "JOINED" || m.principal == nil || m.principal.kind != kindUser {
				continue
			}
			joined++
			if want[m.principal.id] == nil {
				exact = false
			}
		}
		if !exact || joined != len(want) {
			continue
		}
		if view == spaceViewExpanded {
			space := rec.render(caller)
			space.PermissionSettings = nil
			out = append(out, space)
		} else {
			out = append(out, &chat.Space{Name: rec.space.Name})
		}
	}
	return out
}
