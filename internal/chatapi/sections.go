package chatapi

import (
	"context"

	chat "google.golang.org/api/chat/v1"
)

// The caller's sidebar sections: users.sections and users.sections.items.
// Every method needs user credentials with chat.users.sections (the list
// methods also take chat.users.sections.readonly); parents and names use
// users/me, which each method documents.

// CreateSection calls users.sections.create under parent (users/me). It
// takes no requestId, so the transport never sends it again: a caller that
// lost the answer looks for the section (ListSections).
func (c *Client) CreateSection(ctx context.Context, parent string, section *chat.GoogleChatV1Section) (*chat.GoogleChatV1Section, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Users.Sections.Create(parent, section).Context(ctx).Do()
	return out, done(err)
}

// ListSections lists the sections of parent (users/me), all pages.
func (c *Client) ListSections(ctx context.Context, parent string) ([]*chat.GoogleChatV1Section, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.GoogleChatV1Section
	// "The maximum value is 100."
	err := c.service.Users.Sections.List(parent).PageSize(100).Context(ctx).Pages(ctx, func(page *chat.ListSectionsResponse) error {
		out = append(out, page.Sections...)
		return nil
	})
	return out, done(err)
}

// PatchSectionDisplayName renames a custom section (update mask
// display_name, the one path patch supports). It sets a value, so the
// transport may send it again.
func (c *Client) PatchSectionDisplayName(ctx context.Context, name, displayName string) (*chat.GoogleChatV1Section, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Users.Sections.Patch(name, &chat.GoogleChatV1Section{DisplayName: displayName}).
		UpdateMask("display_name").Context(ctx).Do()
	return out, done(err)
}

// DeleteSection calls users.sections.delete: the section's spaces move to
// their default sections.
func (c *Client) DeleteSection(ctx context.Context, name string) error {
	ctx, done := c.traceCall(ctx)
	_, err := c.service.Users.Sections.Delete(name).Context(ctx).Do()
	return done(err)
}

// PositionSection calls users.sections.position. Sending it twice puts the
// section at the same place, so the transport may send it again.
func (c *Client) PositionSection(ctx context.Context, name string, req *chat.PositionSectionRequest) (*chat.GoogleChatV1Section, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Users.Sections.Position(name, req).Context(WithIdempotent(ctx)).Do()
	if err != nil {
		return nil, done(err)
	}
	return out.Section, done(nil)
}

// ListSectionItems lists the items of section (users/me/sections/{section},
// or users/me/sections/- with a filter by space), all pages; filter is
// "space = spaces/{space}" or "".
func (c *Client) ListSectionItems(ctx context.Context, section, filter string) ([]*chat.SectionItem, error) {
	ctx, done := c.traceCall(ctx)
	var out []*chat.SectionItem
	call := c.service.Users.Sections.Items.List(section).PageSize(100).Context(ctx)
	if filter != "" {
		call = call.Filter(filter)
	}
	err := call.Pages(ctx, func(page *chat.ListSectionItemsResponse) error {
		out = append(out, page.SectionItems...)
		return nil
	})
	return out, done(err)
}

// MoveSectionItem moves an item (users/{user}/sections/{section}/items/{item})
// to target (users/me/sections/{section}). The item's name changes with its
// section, so a second attempt after a lost answer finds no item (404): the
// caller looks again (ListSectionItems), and the transport does not resend.
func (c *Client) MoveSectionItem(ctx context.Context, item, target string) (*chat.SectionItem, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Users.Sections.Items.Move(item, &chat.MoveSectionItemRequest{TargetSection: target}).Context(ctx).Do()
	if err != nil {
		return nil, done(err)
	}
	return out.SectionItem, done(nil)
}
