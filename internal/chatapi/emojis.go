package chatapi

import (
	"context"

	chat "google.golang.org/api/chat/v1"
)

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

// GetCustomEmoji calls customEmojis.get: name is customEmojis/{customEmoji}, or
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
