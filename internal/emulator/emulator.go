// Package emulator is an in-memory Google Chat API v1 (chat.googleapis.com)
// for tests and offline use. It follows the discovery document for spaces,
// members and messages, speaks Google's JSON error envelope, identifies
// callers from bearer tokens, and has an admin API under /__emulator/ for
// resetting, inspecting and injecting faults.
//
// Bearer tokens: "user:<email or id>" acts as a seeded user (user
// authentication); "app" or "app:<name>" acts as a Chat app (app
// authentication).
package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Options configure a new Emulator. The zero value is usable.
type Options struct {
	// Users are the emails of the seeded directory (DefaultUsers if empty).
	Users []string
	// InvitedUsers have auto-accept off: memberships created for them are INVITED.
	InvitedUsers []string
	// Tokens maps opaque bearer tokens to the principals they stand for, as
	// "user:<email>" or "app[:<name>]", for tests that need realistic secrets.
	Tokens map[string]string
	// Groups are the seeded Google group IDs (DefaultGroups if empty).
	Groups []string
	// AllowChatDeletion lets spaces.delete remove group chats and DMs, which
	// the API documents only for named spaces (default: FAILED_PRECONDITION).
	AllowChatDeletion bool
	// PageSizeLimit, when set, caps every list page below the documented
	// maxima, so tests can walk several pages with few objects.
	PageSizeLimit int64
	// Latency is added to every API call.
	Latency time.Duration
	// Now is the clock (time.Now if nil).
	Now func() time.Time
}

// Emulator is the in-memory API; it is an http.Handler.
type Emulator struct {
	opts Options

	mu         sync.Mutex
	dir        *directory
	spaces     map[string]*spaceRecord // by space ID
	spaceOrder []string
	requestIDs map[string]*requestIDEntry // by rpc and requestId
	log        []RequestRecord
	faults     []*faultState
	quota      quotaState
	seq        int
}

// New returns an emulator with the seeded directory and no spaces.
func New(opts Options) *Emulator {
	if len(opts.Users) == 0 {
		opts.Users = DefaultUsers
	}
	if len(opts.Groups) == 0 {
		opts.Groups = DefaultGroups
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	e := &Emulator{opts: opts}
	e.resetLocked()
	return e
}

func (e *Emulator) resetLocked() {
	e.dir = newDirectory(e.opts.Users, e.opts.Groups, e.opts.InvitedUsers)
	e.dir.app("app")
	e.spaces = map[string]*spaceRecord{}
	e.spaceOrder = nil
	e.requestIDs = map[string]*requestIDEntry{}
	e.log = nil
	e.faults = nil
	e.quota = quotaState{}
}

// Reset drops every space, message, log entry and fault.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.resetLocked()
}

// RequestRecord is one API call as the emulator saw it.
type RequestRecord struct {
	Time      time.Time `json:"time"`
	RPC       string    `json:"rpc"`
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Query     string    `json:"query"`
	Body      string    `json:"body,omitempty"`
	Principal string    `json:"principal"`
	Status    int       `json:"status"`
	// Committed says the call changed state (true also for commit-then-fail).
	Committed bool `json:"committed"`
}

// IsWrite reports whether the call was a write method (anything but GET).
func (r RequestRecord) IsWrite() bool { return r.Method != http.MethodGet }

// Requests returns a copy of the request log.
func (e *Emulator) Requests() []RequestRecord {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]RequestRecord(nil), e.log...)
}

// ClearRequests empties the request log.
func (e *Emulator) ClearRequests() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.log = nil
}

// call is one API request being served.
type call struct {
	rpc    string
	caller *principal
	req    *http.Request
	body   []byte
	query  url.Values
	space  string // space ID from the path, when there is one
	member string // member key from the path
	msg    string // message key from the path

	pageSizeLimit int64 // Options.PageSizeLimit
}

func (c *call) decode(into any) *apiError {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(c.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return invalidArgument("Invalid JSON payload received. %v", err)
	}
	return nil
}

type handlerFunc func(e *Emulator, c *call) (any, *apiError)

// route finds the RPC for a method and a path below /v1/.
func route(method, path string) (rpc string, h handlerFunc, space, member, msg string) {
	parts := strings.Split(path, "/")
	switch {
	case path == "spaces" && method == http.MethodPost:
		return "chat.spaces.create", (*Emulator).createSpace, "", "", ""
	case path == "spaces" && method == http.MethodGet:
		return "chat.spaces.list", (*Emulator).listSpaces, "", "", ""
	case path == "spaces:setup" && method == http.MethodPost:
		return "chat.spaces.setup", (*Emulator).setUpSpace, "", "", ""
	case path == "spaces:findDirectMessage" && method == http.MethodGet:
		return "chat.spaces.findDirectMessage", (*Emulator).findDirectMessage, "", "", ""
	case len(parts) == 5 && parts[0] == "users" && parts[2] == "spaces" && parts[4] == "spaceReadState" && method == http.MethodGet:
		return "chat.users.spaces.getSpaceReadState", (*Emulator).getSpaceReadState, parts[3], parts[1], ""
	case len(parts) == 2 && parts[0] == "spaces":
		switch method {
		case http.MethodGet:
			return "chat.spaces.get", (*Emulator).getSpace, parts[1], "", ""
		case http.MethodPatch:
			return "chat.spaces.patch", (*Emulator).patchSpace, parts[1], "", ""
		case http.MethodDelete:
			return "chat.spaces.delete", (*Emulator).deleteSpace, parts[1], "", ""
		}
	case len(parts) == 3 && parts[0] == "spaces" && parts[2] == "members":
		switch method {
		case http.MethodPost:
			return "chat.spaces.members.create", (*Emulator).createMembership, parts[1], "", ""
		case http.MethodGet:
			return "chat.spaces.members.list", (*Emulator).listMemberships, parts[1], "", ""
		}
	case len(parts) == 4 && parts[0] == "spaces" && parts[2] == "members":
		switch method {
		case http.MethodGet:
			return "chat.spaces.members.get", (*Emulator).getMembership, parts[1], parts[3], ""
		case http.MethodPatch:
			return "chat.spaces.members.patch", (*Emulator).patchMembership, parts[1], parts[3], ""
		case http.MethodDelete:
			return "chat.spaces.members.delete", (*Emulator).deleteMembership, parts[1], parts[3], ""
		}
	case len(parts) == 3 && parts[0] == "spaces" && parts[2] == "messages":
		switch method {
		case http.MethodPost:
			return "chat.spaces.messages.create", (*Emulator).createMessage, parts[1], "", ""
		case http.MethodGet:
			return "chat.spaces.messages.list", (*Emulator).listMessages, parts[1], "", ""
		}
	case len(parts) == 4 && parts[0] == "spaces" && parts[2] == "messages":
		switch method {
		case http.MethodGet:
			return "chat.spaces.messages.get", (*Emulator).getMessage, parts[1], "", parts[3]
		case http.MethodPatch:
			return "chat.spaces.messages.patch", (*Emulator).updateMessage, parts[1], "", parts[3]
		case http.MethodPut:
			return "chat.spaces.messages.update", (*Emulator).updateMessage, parts[1], "", parts[3]
		case http.MethodDelete:
			return "chat.spaces.messages.delete", (*Emulator).deleteMessage, parts[1], "", parts[3]
		}
	}
	return "", nil, "", "", ""
}

// ServeHTTP serves /v1/... like chat.googleapis.com and /__emulator/... for admin.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/__emulator/") {
		e.serveAdmin(w, r)
		return
	}
	path, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), "/v1/"))
	if err != nil || !strings.HasPrefix(r.URL.Path, "/v1/") {
		writeError(w, notFound("The requested URL %s was not found on this server.", r.URL.Path))
		return
	}
	rpc, handler, space, member, msg := route(r.Method, path)
	body, _ := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	record := RequestRecord{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Body: string(body), RPC: rpc}
	if handler == nil {
		e.finish(w, record, nil, notFound("Method %s %s is not part of the Chat API v1.", r.Method, r.URL.Path))
		return
	}
	c := &call{rpc: rpc, req: r, body: body, query: r.URL.Query(), space: space, member: member, msg: msg,
		pageSizeLimit: e.opts.PageSizeLimit}

	e.mu.Lock()
	caller, authErr := e.authenticate(r)
	if caller != nil {
		c.caller = caller
		record.Principal = caller.String()
	}
	fault := e.matchFault(c)
	e.mu.Unlock()

	if delay := e.opts.Latency + fault.latency(); delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			e.finish(w, record, nil, statusError(499, "client went away"))
			return
		}
	}
	if authErr != nil {
		e.finish(w, record, nil, authErr)
		return
	}
	if fault != nil && fault.rule.Reset && !fault.rule.CommitThenFail {
		e.finish(w, record, nil, statusError(0, "connection reset by fault"))
		resetConnection(w)
		return
	}
	if fault != nil && fault.rule.Status != 0 && !fault.rule.CommitThenFail {
		apiErr := statusError(fault.rule.Status, "Injected fault.")
		if fault.rule.Status == http.StatusTooManyRequests {
			apiErr = quotaError("Injected fault: quota exceeded.")
		}
		e.finishFault(w, record, apiErr, fault.rule.RetryAfter)
		return
	}

	e.mu.Lock()
	if quotaErr := e.checkQuota(c); quotaErr != nil {
		e.mu.Unlock()
		e.finish(w, record, nil, quotaErr)
		return
	}
	before := e.seq
	out, apiErr := handler(e, c)
	record.Committed = apiErr == nil && e.seq != before
	e.mu.Unlock()

	if fault != nil && fault.rule.CommitThenFail && apiErr == nil {
		if fault.rule.Reset {
			e.finish(w, record, nil, statusError(0, "connection reset after commit"))
			resetConnection(w)
			return
		}
		status := fault.rule.Status
		if status == 0 {
			status = http.StatusServiceUnavailable
		}
		e.finishFault(w, record, statusError(status, "Injected fault after commit."), fault.rule.RetryAfter)
		return
	}
	e.finish(w, record, out, apiErr)
}

// authenticate maps the bearer token to a principal (e.mu held).
func (e *Emulator) authenticate(r *http.Request) (*principal, *apiError) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if alias, found := e.opts.Tokens[token]; found {
		token = alias
	}
	if !ok || token == "" {
		return nil, errorf(http.StatusUnauthorized, "UNAUTHENTICATED",
			"Request is missing required authentication credential. Expected OAuth 2 access token.")
	}
	p, ok := e.dir.fromToken(token)
	if !ok {
		return nil, errorf(http.StatusUnauthorized, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
	}
	return p, nil
}

func (e *Emulator) finish(w http.ResponseWriter, record RequestRecord, out any, apiErr *apiError) {
	record.Status = http.StatusOK
	if apiErr != nil {
		record.Status = apiErr.Code
	}
	e.appendLog(record)
	switch {
	case apiErr != nil && apiErr.Code == 0:
		// The connection is reset by the caller.
	case apiErr != nil:
		writeError(w, apiErr)
	case out == nil:
		writeJSON(w, http.StatusOK, struct{}{})
	default:
		writeJSON(w, http.StatusOK, out)
	}
}

func (e *Emulator) finishFault(w http.ResponseWriter, record RequestRecord, apiErr *apiError, retryAfter string) {
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	e.finish(w, record, nil, apiErr)
}

func (e *Emulator) appendLog(record RequestRecord) {
	e.mu.Lock()
	defer e.mu.Unlock()
	record.Time = e.opts.Now()
	e.log = append(e.log, record)
}

func resetConnection(w http.ResponseWriter) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(interface{ SetLinger(int) error }); ok {
		_ = tcp.SetLinger(0)
	}
	conn.Close()
}

// TestingT is the part of testing.TB that NewTestServer needs.
type TestingT interface {
	Helper()
	Cleanup(func())
}

// Server is an emulator listening on a loopback port.
type Server struct {
	*Emulator
	URL string
	srv *httptest.Server
}

// NewTestServer starts an emulator on 127.0.0.1 and stops it when t ends.
func NewTestServer(t TestingT, opts Options) *Server {
	t.Helper()
	e := New(opts)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &Server{Emulator: e, URL: srv.URL, srv: srv}
}
