package emulator

import chat "google.golang.org/api/chat/v1"

// The users.spaces collection.

// getSpaceReadState answers users.spaces.getSpaceReadState for the calling
// user only (the "me" alias, their email or their ID), under user
// authentication: "Only supports getting read state for the calling user"
// (discovery document; certain). The name it returns carries the canonical
// user ID, or with Options.ReadStateKeepsAlias the path as asked ("users/me"
// stays "users/me"): nothing documents which, and several public mocks echo
// the alias (a guess either way; the provider handles both).
func (e *Emulator) getSpaceReadState(c *call) (any, *apiError) {
	if c.caller.kind == kindApp {
		return nil, permissionDenied("getSpaceReadState requires user authentication.")
	}
	if c.user != "me" {
		p, err := e.dir.resolveUser("users/"+c.user, c.caller)
		if err != nil || p.id != c.caller.id {
			return nil, permissionDenied("Only the calling user's read state can be read.")
		}
	}
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
	user := c.caller.userName()
	if e.opts.ReadStateKeepsAlias {
		user = "users/" + c.user
	}
	return &chat.SpaceReadState{
		Name:         user + "/spaces/" + rec.id + "/spaceReadState",
		LastReadTime: rec.space.LastActiveTime,
	}, nil
}
