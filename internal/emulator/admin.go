package emulator

import (
	"encoding/json"
	"net/http"

	chat "google.golang.org/api/chat/v1"
)

// SpaceState is one space in a state dump, with everything in it.
type SpaceState struct {
	Space       *chat.Space        `json:"space"`
	Memberships []*chat.Membership `json:"memberships"`
	Messages    []*chat.Message    `json:"messages"`
	// Attachments are the files of the messages' attachments, by message
	// name, each message's in its order (media.go); messages without
	// attachments are left out.
	Attachments map[string][]AttachmentState `json:"attachments,omitempty"`
	Deleted     bool                         `json:"deleted,omitempty"`
}

// State is a dump of the whole emulator, deleted spaces included.
type State struct {
	Spaces []SpaceState `json:"spaces"`
}

// Snapshot returns the current state (full objects, as a user caller sees them).
func (e *Emulator) Snapshot() State {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := State{Spaces: []SpaceState{}}
	for _, id := range e.spaceOrder {
		rec := e.spaces[id]
		state := SpaceState{Space: rec.render(nil), Deleted: rec.deleted, Memberships: []*chat.Membership{}, Messages: []*chat.Message{}}
		for _, key := range rec.memberOrder {
			if m := rec.members[key]; m != nil {
				state.Memberships = append(state.Memberships, m.render())
			}
		}
		for _, id := range rec.messageOrder {
			m := rec.messages[id]
			state.Messages = append(state.Messages, m.render())
			if files := e.attachmentStates(m); len(files) > 0 {
				if state.Attachments == nil {
					state.Attachments = map[string][]AttachmentState{}
				}
				state.Attachments[m.msg.Name] = files
			}
		}
		out.Spaces = append(out.Spaces, state)
	}
	return out
}

// LiveSpaces returns the names of the spaces that are not deleted.
func (e *Emulator) LiveSpaces() []string {
	var names []string
	for _, s := range e.Snapshot().Spaces {
		if !s.Deleted {
			names = append(names, s.Space.Name)
		}
	}
	return names
}

// serveAdmin serves /__emulator/: reset, state, requests, faults, quota,
// credential files and the approval of app scopes.
func (e *Emulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	switch r.Method + " " + r.URL.Path {
	case "POST /__emulator/reset":
		e.Reset()
		writeJSON(w, http.StatusOK, struct{}{})
	case "GET /__emulator/state":
		writeJSON(w, http.StatusOK, e.Snapshot())
	case "GET /__emulator/requests":
		writeJSON(w, http.StatusOK, map[string]any{"requests": e.Requests()})
	case "DELETE /__emulator/requests":
		e.ClearRequests()
		writeJSON(w, http.StatusOK, struct{}{})
	case "GET /__emulator/faults":
		writeJSON(w, http.StatusOK, map[string]any{"faults": e.activeFaults()})
	case "POST /__emulator/faults":
		var rule FaultRule
		if err := json.NewDecoder(r.Body).Decode(&rule); err != nil {
			writeError(w, invalidArgument("fault rule: %v", err))
			return
		}
		if err := e.AddFault(rule); err != nil {
			writeError(w, invalidArgument("%v", err))
			return
		}
		writeJSON(w, http.StatusOK, rule)
	case "DELETE /__emulator/faults":
		e.ClearFaults()
		writeJSON(w, http.StatusOK, struct{}{})
	case "GET /__emulator/credentials":
		e.serveCredentials(w, r) // oauth.go
	case "PUT /__emulator/app-scopes":
		e.serveAppScopes(w, r) // scopes.go
	case "PUT /__emulator/quota":
		var q Quota
		if err := json.NewDecoder(r.Body).Decode(&q); err != nil {
			writeError(w, invalidArgument("quota: %v", err))
			return
		}
		if err := q.validate(); err != nil {
			writeError(w, invalidArgument("quota: %v", err))
			return
		}
		e.SetQuota(q)
		writeJSON(w, http.StatusOK, q)
	default:
		writeError(w, notFound("No admin endpoint %s %s.", r.Method, r.URL.Path))
	}
}
