package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// call is one API request being served.
type call struct {
	rpc    string
	caller *principal
	scopes map[string]bool // the token's scopes; nil: every scope
	req    *http.Request
	body   []byte
	query  url.Values
	pathParams

	// upload is the file of a call to /upload/v1/ (media.go), read by
	// readUpload; nil for calls to /v1/.
	upload *uploadedFile

	pageSizeLimit int64 // Options.PageSizeLimit

	// adminAccess: the call asked for useAdminAccess=true and passed the
	// checks of adminaccess.go.
	adminAccess bool

	// delegated: the token acts as a user through domain-wide delegation
	// (oauth.go), or is a shortcut token; delegatedBy is the impersonating
	// app ("app:NAME") of an issued token, "" for the shortcut tokens.
	// importOnly: chat.import is the only scope of the token that the method
	// accepts (scopes.go). Both for import mode (import.go).
	delegated   bool
	delegatedBy string
	importOnly  bool
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

// ServeHTTP serves /v1/... like chat.googleapis.com, /upload/v1/... for
// media uploads, and /__emulator/... for admin.
//
// An API call goes through: routing (routes.go), authentication,
// administrator access (adminaccess.go), scopes (scopes.go), fault
// matching, latency, injected failures (faults.go), reading an upload's file
// (media.go), quotas (quota.go), the handler under e.mu, commit-then-fail
// faults, and the answer.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/__emulator/"):
		e.serveAdmin(w, r)
		return
	case r.URL.Path == TokenPath:
		e.serveToken(w, r) // oauth.go
		return
	}
	// Files are uploaded below /upload/v1/ (mediaUploads in routes.go).
	escaped := r.URL.EscapedPath()
	upload := strings.HasPrefix(escaped, "/upload/v1/")
	if upload {
		escaped = strings.TrimPrefix(escaped, "/upload")
	}
	path, err := url.PathUnescape(strings.TrimPrefix(escaped, "/v1/"))
	if err != nil || !strings.HasPrefix(escaped, "/v1/") {
		writeError(w, notFound("The requested URL %s was not found on this server.", r.URL.Path))
		return
	}
	rt, params := route(r.Method, path)
	if upload && rt != nil && !mediaUploads[rt.rpc] {
		rt = nil
	}
	var body []byte
	if !upload {
		// An upload's body is read by readUpload, once the call is authorized.
		body, _ = io.ReadAll(io.LimitReader(r.Body, 64<<20))
	}
	record := RequestRecord{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Body: string(body),
		AdminAccess: adminAccessRequested(r.URL.Query())}
	if rt == nil {
		e.finish(w, record, nil, notFound("Method %s %s is not part of the Chat API v1.", r.Method, r.URL.Path))
		return
	}
	record.RPC = rt.rpc
	c := &call{rpc: rt.rpc, req: r, body: body, query: r.URL.Query(), pathParams: params,
		pageSizeLimit: e.opts.PageSizeLimit}

	e.mu.Lock()
	caller, cred, authErr := e.authenticate(r)
	if caller != nil {
		c.caller, c.scopes = caller, cred.scopes
		// Domain-wide delegation, or a shortcut token (every scope): import.go.
		c.delegated, c.delegatedBy = cred.delegatedBy != "" || cred.scopes == nil, cred.delegatedBy
		record.Principal = caller.String()
		authErr = c.parseAdminAccess() // adminaccess.go
		if authErr == nil {
			authErr = e.checkScopes(c, c.scopes) // scopes.go
		}
		if authErr == nil {
			authErr = e.checkAdministrator(c) // adminaccess.go
		}
	}
	fault := e.matchFault(c)
	e.mu.Unlock()

	if e.stall(w, r, record, fault) {
		return
	}
	if authErr != nil {
		e.finish(w, record, nil, authErr)
		return
	}
	if e.failBeforeServing(w, record, fault) {
		return
	}
	if upload {
		// Outside e.mu: a file may take a while to arrive (media.go).
		if apiErr := c.readUpload(); apiErr != nil {
			e.finish(w, record, nil, apiErr)
			return
		}
		record.Body, record.Media = string(c.body), c.upload.logged()
	}
	out, apiErr, committed := e.apply(c, rt.handler)
	record.Committed = committed
	if e.failAfterCommit(w, record, fault, apiErr) {
		return
	}
	e.finish(w, record, out, apiErr)
}

// authenticate maps the bearer token to a principal and its grant (e.mu
// held): a token the token endpoint issued (oauth.go) holds the scopes it
// was issued with, and says whether it came from domain-wide delegation;
// the shortcut tokens ("app", "user:EMAIL", and Options.Tokens) hold every
// scope (nil) and count as delegated (import.go).
func (e *Emulator) authenticate(r *http.Request) (*principal, grant, *apiError) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	var cred grant
	if issued, found := e.auth.access[token]; found {
		token, cred = issued.principal, issued
	} else if alias, found := e.opts.Tokens[token]; found {
		token = alias
	}
	if !ok || token == "" {
		return nil, grant{}, errorf(http.StatusUnauthorized, "UNAUTHENTICATED",
			"Request is missing required authentication credential. Expected OAuth 2 access token.")
	}
	p, ok := e.dir.fromToken(token)
	if !ok {
		return nil, grant{}, errorf(http.StatusUnauthorized, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
	}
	return p, cred, nil
}

// apply runs the handler under e.mu once the call passes the quotas;
// committed says the handler succeeded and changed state.
func (e *Emulator) apply(c *call, handler handlerFunc) (out any, apiErr *apiError, committed bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if quotaErr := e.checkQuota(c); quotaErr != nil {
		return nil, quotaErr, false
	}
	e.expireImports() // import.go
	before := e.seq
	out, apiErr = handler(e, c)
	out = e.enrich(c, out) // output-only fields (enrich.go)
	return out, apiErr, apiErr == nil && e.seq != before
}

// finish logs the call and writes its answer; an error with code 0 writes
// nothing, for the caller resets the connection.
func (e *Emulator) finish(w http.ResponseWriter, record RequestRecord, out any, apiErr *apiError) {
	record.Status = http.StatusOK
	if apiErr != nil {
		record.Status = apiErr.Code
	}
	e.appendLog(record)
	if media, ok := out.(*mediaContent); ok && apiErr == nil {
		media.write(w) // media.download with alt=media: the file itself (media.go)
		return
	}
	out = e.withUnknownFields(out) // Options.UnknownFields (unknown_fields.go)
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
