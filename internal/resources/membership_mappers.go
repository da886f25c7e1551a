package resources

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// membershipToAPI builds the create body and the {member} key of the name.
func membershipToAPI(plan membershipModel) (*chat.Membership, string) {
	if group := plan.GroupMember.ValueString(); group != "" {
		return &chat.Membership{GroupMember: &chat.Group{Name: group}}, strings.TrimPrefix(group, "groups/")
	}
	member := plan.Member.ValueString()
	userType := "HUMAN"
	if member == convert.CallingApp {
		userType = "BOT"
	}
	return &chat.Membership{Member: &chat.User{Name: member, Type: userType}}, strings.TrimPrefix(member, "users/")
}

// membershipFromAPI maps a membership onto the model with the shared
// mapper; the space comes from the membership's name.
func membershipFromAPI(m *chat.Membership, prior membershipModel) membershipModel {
	out := prior
	out.MembershipAttributes = convert.MembershipFromAPI(m, prior.MembershipAttributes)
	out.ID = out.Name
	if space, _, ok := strings.Cut(m.Name, "/members/"); ok {
		out.Space = types.StringValue(space)
	}
	return out
}

func memberOf(plan membershipModel) string {
	if convert.Known(plan.GroupMember) {
		return plan.GroupMember.ValueString()
	}
	return plan.Member.ValueString()
}

// readMembership is the membership's refresh read: from the space's
// members.list when that is cheaper (chatapi.Client.ReadMembership), if the
// list entry carries what prior records.
func readMembership(c *chatapi.Client, ctx context.Context, name string, prior membershipModel) (*chat.Membership, error) {
	return c.ReadMembership(ctx, name, func(entry *chat.Membership) bool { return memberEntryCarries(entry, prior) })
}

// memberEntryCarries says whether a members.list entry has the member, the
// state, the create time when prior has one, and a role (apps, which have
// none, excepted); never for an import.
func memberEntryCarries(entry *chat.Membership, prior membershipModel) bool {
	// An import (no role recorded yet) records whatever the answer holds:
	// read it whole.
	return convert.Known(prior.Role) && entry.State != "" && (entry.Member != nil || entry.GroupMember != nil) &&
		(entry.Role != "" || prior.Role.ValueString() == convert.RoleUnspecified) &&
		(!convert.Known(prior.CreateTime) || prior.CreateTime.ValueString() == "" || entry.CreateTime != "")
}
