package chatapi

import (
	"context"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// AdminScopes are the scopes administrator access needs, one for each kind
// of method that takes useAdminAccess (discovery document: spaces.get,
// patch and search need `chat.admin.spaces`, spaces.delete
// `chat.admin.delete`, the spaces.members methods `chat.admin.memberships`;
// the readonly variants serve only reads).
var AdminScopes = []string{
	"https://www.googleapis.com/auth/chat.admin.spaces",
	"https://www.googleapis.com/auth/chat.admin.memberships",
	"https://www.googleapis.com/auth/chat.admin.delete",
}

type adminAccessKey struct{}

// WithAdminAccess makes the calls made with ctx send useAdminAccess as on
// says, whatever the client's default (Config.UseAdminAccess): a resource's
// own use_admin_access.
func WithAdminAccess(ctx context.Context, on bool) context.Context {
	return context.WithValue(ctx, adminAccessKey{}, on)
}

// AdminAccess reports whether the calls made with ctx run with
// administrator privileges.
func (c *Client) AdminAccess(ctx context.Context) bool {
	if on, ok := ctx.Value(adminAccessKey{}).(bool); ok {
		return on
	}
	return c.UseAdminAccess
}

// adminCall is a call of a method that takes useAdminAccess.
type adminCall[T any] interface{ UseAdminAccess(bool) T }

// asAdmin sets useAdminAccess on call when ctx asks for it; the parameter
// is left out otherwise, as the API's default is false.
func asAdmin[T adminCall[T]](c *Client, ctx context.Context, call T) T {
	if c.AdminAccess(ctx) {
		return call.UseAdminAccess(true)
	}
	return call
}

// SearchSpaces calls spaces.search for every page with query (the method's
// documented grammar) and orderBy ("" for the API's order), with
// administrator privileges as ctx says. With them a page holds up to 1,000
// spaces, without them 100.
func (c *Client) SearchSpaces(ctx context.Context, query, orderBy string) ([]*chat.Space, error) {
	ctx, done := c.traceCall(ctx)
	size := int64(100)
	if c.AdminAccess(ctx) {
		size = 1000
	}
	call := asAdmin(c, ctx, c.service.Spaces.Search().Query(query).PageSize(size).Context(ctx))
	if orderBy != "" {
		call = call.OrderBy(orderBy)
	}
	var spaces []*chat.Space
	err := call.Pages(ctx, func(page *chat.SearchSpacesResponse) error {
		// "results" is the field; the deprecated "spaces" is "populated only
		// when useAdminAccess is set to true": read it only without results.
		for _, result := range page.Results {
			if result != nil && result.Space != nil {
				spaces = append(spaces, result.Space)
			}
		}
		if len(page.Results) == 0 {
			spaces = append(spaces, page.Spaces...)
		}
		return nil
	})
	return spaces, done(err)
}

// adminMembersFilter is what spaces.members.list needs with administrator
// access: "Either `member.type = "HUMAN"` or `member.type != "BOT"` is
// required when `use_admin_access` is set to true" (its filter parameter).
// A filter that names no member type gets `member.type != "BOT"` (app
// memberships can't be listed that way anyway) ANDed to it.
func adminMembersFilter(filter string) string {
	switch {
	case strings.Contains(filter, "member.type"):
		return filter
	case filter == "":
		return `member.type != "BOT"`
	}
	return `member.type != "BOT" AND ` + filter
}

// adminNote is the sentence a permission error of a call made with
// administrator privileges ends with: what they need.
const adminNote = "The call used administrator privileges (use_admin_access): the caller must be a Google Workspace " +
	"administrator with the \"manage chat and spaces conversations\" privilege, and the credentials need the method's " +
	"chat.admin.* scope."
