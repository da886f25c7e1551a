package chatapi

import (
	"context"

	chat "google.golang.org/api/chat/v1"
)

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
