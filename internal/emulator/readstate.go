package emulator

import chat "google.golang.org/api/chat/v1"

// The users.spaces collection.

// getSpaceReadState answers users.spaces.getSpaceReadState for the calling
// user only (the "me" alias, their email or their ID), under user
// authentication. The name it returns carries the canonical user ID.
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
	return &chat.SpaceReadState{
		Name:         c.caller.userName() + "/spaces/" + rec.id + "/spaceReadState",
		LastReadTime: rec.space.LastActiveTime,
	}, nil
}
