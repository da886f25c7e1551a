// Package chatapi is the provider's only door to the Google Chat API: one
// client over google.golang.org/api/chat/v1 with retries, logging and error
// classification. Resources call its methods and never build HTTP requests.
package chatapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/oauth2"
	chat "google.golang.org/api/chat/v1"
	"google.golang.org/api/option"
)

// AuthMode is who the API sees as the caller: the Chat app or a user.
type AuthMode string

const (
	AuthModeApp  AuthMode = "app"
	AuthModeUser AuthMode = "user"
)

// DefaultCustomer is the alias the API accepts for the caller's own customer.
const DefaultCustomer = "customers/my_customer"

// Config is everything New needs; the provider fills it from its block.
type Config struct {
	// Endpoint overrides https://chat.googleapis.com/ (emulator, proxy).
	Endpoint string
	// TokenSource authenticates every request; nil sends none.
	TokenSource oauth2.TokenSource
	UserAgent   string
	Retry       RetryPolicy
	// RateLimits are client-side write quotas; the zero value sets none.
	RateLimits RateLimits
	AuthMode   AuthMode
	// AuthModeSource says why AuthMode was chosen, for error advice: "set by
	// auth_mode", "inferred from access_token"; "" when unknown.
	AuthModeSource string
	// Customer is sent as space.customer when app credentials create a space.
	Customer string
	// Scopes are the OAuth scopes the provider requests (full URLs; nil when
	// the token's scopes were fixed elsewhere, as for an access token), and
	// ScopesOrigin says where they come from and how to change them, for the
	// advice on a scope error (scopes.go).
	Scopes       []string
	ScopesOrigin string
	// UseAdminAccess sends useAdminAccess=true on every call of a method
	// that takes it, unless a call's context says otherwise
	// (WithAdminAccess).
	UseAdminAccess bool
	// ListReads lets ReadSpace and ReadMembership answer refreshes from
	// list calls when that costs fewer calls (listreads.go).
	ListReads bool
	// Transport is the innermost round tripper (tests); nil uses a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
}

// Client is shared by every resource and data source of one provider.
type Client struct {
	// Config is what the client was built with, AuthMode and Customer
	// defaulted: AuthMode and AuthModeSource for advice, Customer for
	// creates, Scopes and ScopesOrigin for scope errors, UseAdminAccess as
	// AdminAccess's default.
	Config
	service *chat.Service
	// reads holds list pages for refreshes (nil: every read is a GET).
	reads *listReads
}

// New builds the client. It makes no network call.
func New(ctx context.Context, cfg Config) (*Client, error) {
	base := cfg.Transport
	if base == nil {
		base = http.DefaultTransport
		if transport, ok := http.DefaultTransport.(*http.Transport); ok {
			base = transport.Clone()
		}
	}
	var rt http.RoundTripper = &loggingTransport{base: base, userAgent: cfg.UserAgent}
	if cfg.TokenSource != nil {
		rt = &oauth2.Transport{Source: oauth2.ReuseTokenSource(nil, cfg.TokenSource), Base: rt}
	}
	rt = &retryTransport{base: rt, policy: cfg.Retry, limiter: newLimiter(cfg.RateLimits)}
	var reads *listReads
	if cfg.ListReads {
		reads = newListReads()
		rt = &dropOnWrite{base: rt, reads: reads}
	}
	opts := []option.ClientOption{option.WithHTTPClient(&http.Client{Transport: rt})}
	if cfg.UserAgent != "" {
		opts = append(opts, option.WithUserAgent(cfg.UserAgent))
	}
	if cfg.Endpoint != "" {
		opts = append(opts, option.WithEndpoint(NormalizeEndpoint(cfg.Endpoint)))
	}
	service, err := chat.NewService(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("building the Chat API client: %w", err)
	}
	if cfg.Customer == "" {
		cfg.Customer = DefaultCustomer
	}
	if cfg.AuthMode == "" {
		cfg.AuthMode = AuthModeUser
	}
	return &Client{Config: cfg, service: service, reads: reads}, nil
}

// AuthModeNote is a sentence for permission errors: which auth mode the
// client uses, why, and how to use the other one. It is "" for a client
// without an auth mode.
func (c *Client) AuthModeNote() string {
	if c == nil || c.AuthMode == "" {
		return ""
	}
	source := ""
	if c.AuthModeSource != "" {
		source = " (" + c.AuthModeSource + ")"
	}
	if c.AuthMode == AuthModeApp {
		return fmt.Sprintf(`auth_mode is "app"%s; set auth_mode = "user" with user credentials (an authorized_user file, `+
			`an access token or impersonate_user) to act as a user`, source)
	}
	return fmt.Sprintf(`auth_mode is "%s"%s; set auth_mode = "app" with the Chat app's service account credentials `+
		`to act as the Chat app`, c.AuthMode, source)
}

// NormalizeEndpoint keeps the trailing slash the Go client needs to resolve
// "v1/..." against the base URL.
func NormalizeEndpoint(endpoint string) string {
	if !strings.HasSuffix(endpoint, "/") {
		return endpoint + "/"
	}
	return endpoint
}

// ErrCallerAliased is CallingUser's error when the API answers with the
// "me" alias instead of the caller's ID: nothing documents which it does.
// IsCallingUser still tells whether a given user is the caller.
var ErrCallerAliased = errors.New(`the Chat API answered the "me" alias instead of the calling user's ID`)

// CallingUser returns users/{id} of the authenticated user, read through the
// documented "me" alias of users.spaces.getSpaceReadState (it needs the
// chat.users.readstate.readonly scope). App credentials have no calling user.
// An answer that keeps the alias is ErrCallerAliased.
func (c *Client) CallingUser(ctx context.Context, space string) (string, error) {
	ctx, done := c.traceCall(ctx)
	id := strings.TrimPrefix(space, "spaces/")
	out, err := c.service.Users.Spaces.GetSpaceReadState("users/me/spaces/" + id + "/spaceReadState").Context(ctx).Do()
	if err != nil {
		return "", done(err)
	}
	user, _, ok := strings.Cut(strings.TrimPrefix(out.Name, "users/"), "/")
	switch {
	case user == "me":
		return "", ErrCallerAliased
	case !ok || user == "":
		return "", fmt.Errorf("spaces read state %q does not name the calling user", out.Name)
	}
	return "users/" + user, nil
}

// IsCallingUser reports whether user (users/{id}) is the authenticated user:
// users.spaces.getSpaceReadState "only supports getting read state for the
// calling user" (discovery document), so it answers for the caller's ID and
// refuses any other (403, 400 or 404). Other errors are returned.
func (c *Client) IsCallingUser(ctx context.Context, space, user string) (bool, error) {
	ctx, done := c.traceCall(ctx)
	id := strings.TrimPrefix(space, "spaces/")
	_, err := c.service.Users.Spaces.GetSpaceReadState(user + "/spaces/" + id + "/spaceReadState").Context(ctx).Do()
	err = done(err)
	switch {
	case err == nil:
		return true, nil
	case IsPermissionDenied(err) || IsInvalidArgument(err) || IsNotFound(err):
		return false, nil
	}
	return false, err
}
