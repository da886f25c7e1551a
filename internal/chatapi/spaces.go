package chatapi

import (
	"context"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

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
