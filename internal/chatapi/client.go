// Package chatapi is the provider's only door to the Google Chat API: one
// client over google.golang.org/api/chat/v1 with retries, logging and error
// classification. Resources call its methods and never build HTTP requests.
package chatapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"golang.org/x/oauth2"
	chat "google.golang.org/api/chat/v1"
	"google.golang.org/api/googleapi"
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
	// AuthModeSource says why AuthMode was chosen, for error advice (see
	// Client.AuthModeSource).
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
	service  *chat.Service
	AuthMode AuthMode
	// AuthModeSource says why AuthMode was chosen, such as "set by
	// auth_mode" or "inferred from access_token"; "" when unknown.
	AuthModeSource string
	Customer       string
	// Scopes and ScopesOrigin are Config's.
	Scopes       []string
	ScopesOrigin string
	// UseAdminAccess is Config's: the default of AdminAccess.
	UseAdminAccess bool
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
	customer := cfg.Customer
	if customer == "" {
		customer = DefaultCustomer
	}
	mode := cfg.AuthMode
	if mode == "" {
		mode = AuthModeUser
	}
	return &Client{service: service, AuthMode: mode, AuthModeSource: cfg.AuthModeSource, Customer: customer,
		Scopes: cfg.Scopes, ScopesOrigin: cfg.ScopesOrigin, UseAdminAccess: cfg.UseAdminAccess, reads: reads}, nil
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

// SetUpSpace calls spaces.setup (user credentials only). A request with a
// requestId is idempotent, so the transport may send it again.
func (c *Client) SetUpSpace(ctx context.Context, req *chat.SetUpSpaceRequest) (*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	if req.RequestId != "" {
		ctx = WithIdempotent(ctx)
	}
	out, err := c.service.Spaces.Setup(req).Context(ctx).Do()
	return out, done(err)
}

// CreateSpace calls spaces.create with a requestId that makes it idempotent.
func (c *Client) CreateSpace(ctx context.Context, space *chat.Space, requestID string) (*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	call := c.service.Spaces.Create(space).Context(ctx)
	if requestID != "" {
		call = call.RequestId(requestID)
	}
	out, err := call.Do()
	return out, done(err)
}

// GetSpace calls spaces.get.
func (c *Client) GetSpace(ctx context.Context, name string) (*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	out, err := asAdmin(c, ctx, c.service.Spaces.Get(name)).Context(ctx).Do()
	return out, done(err)
}

// PatchSpace calls spaces.patch with the given update mask paths.
func (c *Client) PatchSpace(ctx context.Context, name string, space *chat.Space, mask []string) (*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	out, err := asAdmin(c, ctx, c.service.Spaces.Patch(name, space)).UpdateMask(strings.Join(mask, ",")).Context(ctx).Do()
	return out, done(err)
}

// DeleteSpace calls spaces.delete.
func (c *Client) DeleteSpace(ctx context.Context, name string) error {
	ctx, done := c.traceCall(ctx)
	_, err := asAdmin(c, ctx, c.service.Spaces.Delete(name)).Context(ctx).Do()
	return done(err)
}

// ListSpaces calls spaces.list for every page with the API's filter.
func (c *Client) ListSpaces(ctx context.Context, filter string) ([]*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	var spaces []*chat.Space
	call := c.service.Spaces.List().Filter(filter).PageSize(1000).Context(ctx)
	err := call.Pages(ctx, func(page *chat.ListSpacesResponse) error {
		spaces = append(spaces, page.Spaces...)
		return nil
	})
	return spaces, done(err)
}

// FindDirectMessage calls spaces.findDirectMessage for users/{id or email}.
func (c *Client) FindDirectMessage(ctx context.Context, user string) (*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.FindDirectMessage().Name(user).Context(ctx).Do()
	return out, done(err)
}

// FindGroupChats calls spaces.findGroupChats for every page (user
// credentials): the group chats whose joined human members are exactly the
// caller and users (users/{id} or users/{email}). The spaces come in full
// (SPACE_VIEW_EXPANDED, which needs chat.spaces or chat.spaces.readonly
// besides the method's chat.memberships scopes) but without
// permissionSettings.
func (c *Client) FindGroupChats(ctx context.Context, users []string) ([]*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.Space
	// "The maximum value is 30."
	call := c.service.Spaces.FindGroupChats().Users(users...).SpaceView("SPACE_VIEW_EXPANDED").PageSize(30).Context(ctx)
	err := call.Pages(ctx, func(page *chat.FindGroupChatsResponse) error {
		out = append(out, page.Spaces...)
		return nil
	})
	return out, done(err)
}

// CreateMembership calls spaces.members.create. Membership names are
// deterministic, so a repeated create answers ALREADY_EXISTS rather than
// adding a second member: the transport may send it again.
func (c *Client) CreateMembership(ctx context.Context, space string, membership *chat.Membership) (*chat.Membership, error) {
	ctx, done := c.traceCall(ctx)
	out, err := asAdmin(c, ctx, c.service.Spaces.Members.Create(space, membership)).Context(WithIdempotent(ctx)).Do()
	return out, done(err)
}

// GetMembership calls spaces.members.get (name spaces/S/members/M).
func (c *Client) GetMembership(ctx context.Context, name string) (*chat.Membership, error) {
	ctx, done := c.traceCall(ctx)
	out, err := asAdmin(c, ctx, c.service.Spaces.Members.Get(name)).Context(ctx).Do()
	return out, done(err)
}

// MessageOptions are messages.create's query parameters.
type MessageOptions struct {
	MessageID        string // client-assigned ID (client-...)
	RequestID        string // makes the create idempotent
	ReplyOption      string // messageReplyOption
	NotificationType string // createMessageNotificationOptions.notificationType
}

// CreateMessage calls spaces.messages.create.
func (c *Client) CreateMessage(ctx context.Context, space string, message *chat.Message, opts MessageOptions) (*chat.Message, error) {
	ctx, done := c.traceCall(ctx)
	call := c.service.Spaces.Messages.Create(space, message).Context(ctx)
	if opts.MessageID != "" {
		call = call.MessageId(opts.MessageID)
	}
	if opts.RequestID != "" {
		call = call.RequestId(opts.RequestID)
	}
	if opts.ReplyOption != "" {
		call = call.MessageReplyOption(opts.ReplyOption)
	}
	if opts.NotificationType != "" {
		call = call.CreateMessageNotificationOptionsNotificationType(opts.NotificationType)
	}
	out, err := call.Do()
	return out, done(err)
}

// GetMessage calls spaces.messages.get (system or client-assigned ID).
func (c *Client) GetMessage(ctx context.Context, name string) (*chat.Message, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.Messages.Get(name).Context(ctx).Do()
	return out, done(err)
}

// PatchMessage calls spaces.messages.patch with the given update mask paths.
func (c *Client) PatchMessage(ctx context.Context, name string, message *chat.Message, mask []string) (*chat.Message, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.Messages.Patch(name, message).UpdateMask(strings.Join(mask, ",")).Context(ctx).Do()
	return out, done(err)
}

// UploadAttachment uploads one file to space with media.upload (user
// credentials) and returns the reference messages.create and patch take.
// The file goes in a single multipart request (ChunkSize 0: the resumable
// protocol is not used), from memory, so the transport can send it again: an
// upload has no requestId, but a repeated one only leaves an unattached
// upload behind, never a second attachment on a message.
func (c *Client) UploadAttachment(ctx context.Context, space, filename, contentType string, data []byte) (*chat.AttachmentDataRef, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Media.Upload(space, &chat.UploadAttachmentRequest{Filename: filename}).
		Media(bytes.NewReader(data), googleapi.ContentType(contentType), googleapi.ChunkSize(0)).
		Context(WithIdempotent(ctx)).Do()
	if err == nil && (out.AttachmentDataRef == nil || out.AttachmentDataRef.AttachmentUploadToken == "") {
		err = fmt.Errorf("media.upload answered no attachmentDataRef.attachmentUploadToken for %s", filename)
	}
	if err != nil {
		return nil, done(err)
	}
	return out.AttachmentDataRef, done(nil)
}

// DownloadMedia calls media.download for an attachment's
// attachmentDataRef.resourceName and returns its bytes (tests and data
// sources; at most limit bytes are read).
func (c *Client) DownloadMedia(ctx context.Context, resourceName string, limit int64) ([]byte, error) {
	ctx, done := c.traceCall(ctx)
	resp, err := c.service.Media.Download(resourceName).Context(ctx).Download()
	if err != nil {
		return nil, done(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	return data, done(err)
}

// DeleteMessage calls spaces.messages.delete. force (user credentials only)
// also deletes the message's threaded replies.
func (c *Client) DeleteMessage(ctx context.Context, name string, force bool) error {
	ctx, done := c.traceCall(ctx)
	call := c.service.Spaces.Messages.Delete(name).Context(ctx)
	if force {
		call = call.Force(true)
	}
	_, err := call.Do()
	return done(err)
}

// ListMemberships calls spaces.members.list for every page.
func (c *Client) ListMemberships(ctx context.Context, space, filter string, showGroups, showInvited bool) ([]*chat.Membership, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.Membership
	if c.AdminAccess(ctx) {
		filter = adminMembersFilter(filter)
	}
	call := asAdmin(c, ctx, c.service.Spaces.Members.List(space)).Filter(filter).PageSize(1000).Context(ctx)
	if showGroups {
		call = call.ShowGroups(true)
	}
	if showInvited {
		call = call.ShowInvited(true)
	}
	err := call.Pages(ctx, func(page *chat.ListMembershipsResponse) error {
		out = append(out, page.Memberships...)
		return nil
	})
	return out, done(err)
}

// CreateMessagePin pins message (spaces/{space}/messages/{message}) in its
// space (spaces.messagePins.create; user credentials). Sent again after a
// transient failure: a second pin of the same message is refused, never
// doubled, and the resource looks the pin up after an uncertain create.
func (c *Client) CreateMessagePin(ctx context.Context, space, message string) (*chat.MessagePin, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.MessagePins.Create(space, &chat.MessagePin{Message: message}).Context(WithIdempotent(ctx)).Do()
	return out, done(err)
}

// ListMessagePins returns every pin of space, all pages.
func (c *Client) ListMessagePins(ctx context.Context, space string) ([]*chat.MessagePin, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.MessagePin
	err := c.service.Spaces.MessagePins.List(space).PageSize(100).Context(ctx).Pages(ctx, func(page *chat.ListMessagePinsResponse) error {
		out = append(out, page.MessagePins...)
		return nil
	})
	return out, done(err)
}

// DeleteMessagePin unpins (spaces.messagePins.delete).
func (c *Client) DeleteMessagePin(ctx context.Context, name string) error {
	ctx, done := c.traceCall(ctx)
	_, err := c.service.Spaces.MessagePins.Delete(name).Context(ctx).Do()
	return done(err)
}

// PatchMembership changes a membership's role (update mask "role").
func (c *Client) PatchMembership(ctx context.Context, name, role string) (*chat.Membership, error) {
	ctx, done := c.traceCall(ctx)
	out, err := asAdmin(c, ctx, c.service.Spaces.Members.Patch(name, &chat.Membership{Role: role})).UpdateMask("role").Context(ctx).Do()
	return out, done(err)
}

// DeleteMembership calls spaces.members.delete.
func (c *Client) DeleteMembership(ctx context.Context, name string) error {
	ctx, done := c.traceCall(ctx)
	_, err := asAdmin(c, ctx, c.service.Spaces.Members.Delete(name)).Context(ctx).Do()
	return done(err)
}

// CreateReaction calls spaces.messages.reactions.create on message
// (spaces/S/messages/M). It takes no requestId, but a user reacts with one
// emoji to a message once: a repeated create finds the reaction there (the
// emulator answers ALREADY_EXISTS, a guess) rather than adding a second, so
// the transport may send it again; the caller looks the reaction up after
// an uncertain failure.
func (c *Client) CreateReaction(ctx context.Context, message string, reaction *chat.Reaction) (*chat.Reaction, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.Messages.Reactions.Create(message, reaction).Context(WithIdempotent(ctx)).Do()
	return out, done(err)
}

// ListReactions calls spaces.messages.reactions.list on message for every
// page; filter is the method's documented filter ("" for none).
func (c *Client) ListReactions(ctx context.Context, message, filter string) ([]*chat.Reaction, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.Reaction
	// "The maximum value is 200; values above 200 are changed to 200."
	call := c.service.Spaces.Messages.Reactions.List(message).PageSize(200).Context(ctx)
	if filter != "" {
		call = call.Filter(filter)
	}
	err := call.Pages(ctx, func(page *chat.ListReactionsResponse) error {
		out = append(out, page.Reactions...)
		return nil
	})
	return out, done(err)
}

// DeleteReaction calls spaces.messages.reactions.delete.
func (c *Client) DeleteReaction(ctx context.Context, name string) error {
	ctx, done := c.traceCall(ctx)
	_, err := c.service.Spaces.Messages.Reactions.Delete(name).Context(ctx).Do()
	return done(err)
}

// CreateCustomEmoji calls customEmojis.create (user credentials). It takes
// no requestId, but an emoji name is "unique within the organization": a
// repeated create is refused as ALREADY_EXISTS rather than doubled, so the
// transport may send it again; the caller looks the emoji up by name after an
// uncertain failure.
func (c *Client) CreateCustomEmoji(ctx context.Context, emoji *chat.CustomEmoji) (*chat.CustomEmoji, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.CustomEmojis.Create(emoji).Context(WithIdempotent(ctx)).Do()
	return out, done(err)
}

// GetCustomEmoji calls customEmojis.get: name is customEmojis/{id}, or
// customEmojis/:emoji-name: ("You can use the emoji name as an alias").
func (c *Client) GetCustomEmoji(ctx context.Context, name string) (*chat.CustomEmoji, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.CustomEmojis.Get(name).Context(ctx).Do()
	return out, done(err)
}

// ListCustomEmojis calls customEmojis.list for every page; filter is the
// method's documented filter ("" for none, or creator("users/me")).
func (c *Client) ListCustomEmojis(ctx context.Context, filter string) ([]*chat.CustomEmoji, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.CustomEmoji
	// "The maximum value is 200; values above 200 are changed to 200."
	call := c.service.CustomEmojis.List().PageSize(200).Context(ctx)
	if filter != "" {
		call = call.Filter(filter)
	}
	err := call.Pages(ctx, func(page *chat.ListCustomEmojisResponse) error {
		out = append(out, page.CustomEmojis...)
		return nil
	})
	return out, done(err)
}

// DeleteCustomEmoji calls customEmojis.delete.
func (c *Client) DeleteCustomEmoji(ctx context.Context, name string) error {
	ctx, done := c.traceCall(ctx)
	_, err := c.service.CustomEmojis.Delete(name).Context(ctx).Do()
	return done(err)
}

// GetSpaceNotificationSetting calls users.spaces.spaceNotificationSetting.get
// (name users/me/spaces/{space}/spaceNotificationSetting; user credentials
// with chat.users.spacesettings).
func (c *Client) GetSpaceNotificationSetting(ctx context.Context, name string) (*chat.SpaceNotificationSetting, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Users.Spaces.SpaceNotificationSetting.Get(name).Context(ctx).Do()
	return out, done(err)
}

// PatchSpaceNotificationSetting calls
// users.spaces.spaceNotificationSetting.patch with the given update mask
// paths. It sets values, so the transport may send it again.
func (c *Client) PatchSpaceNotificationSetting(ctx context.Context, name string, setting *chat.SpaceNotificationSetting,
	mask []string) (*chat.SpaceNotificationSetting, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Users.Spaces.SpaceNotificationSetting.Patch(name, setting).UpdateMask(strings.Join(mask, ",")).Context(ctx).Do()
	return out, done(err)
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
