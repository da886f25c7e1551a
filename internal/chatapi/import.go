package chatapi

import (
	"context"

	chat "google.golang.org/api/chat/v1"
)

// CompleteImport calls spaces.completeImport: the space leaves import mode
// and becomes visible to users ("user authentication and domain-wide
// delegation with chat.import"). It can't be undone, and a repeat finds the
// space no longer in import mode, so the caller checks the space after an
// error; the transport may send it again.
func (c *Client) CompleteImport(ctx context.Context, name string) (*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	out, err := c.service.Spaces.CompleteImport(name, &chat.CompleteImportSpaceRequest{}).Context(WithIdempotent(ctx)).Do()
	if err != nil {
		return nil, done(err)
	}
	return out.Space, done(nil)
}
