package convert

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

// MembershipAttributes is the part of a membership every membership model
// shares: the google_chat_membership resource and the members data source
// embed it, and MembershipFromAPI is the one mapping onto it.
type MembershipAttributes struct {
	Name        types.String `tfsdk:"name"`
	Member      types.String `tfsdk:"member"`
	GroupMember types.String `tfsdk:"group_member"`
	Role        types.String `tfsdk:"role"`
	State       types.String `tfsdk:"state"`
	CreateTime  types.String `tfsdk:"create_time"`
}

// MembershipFromAPI maps an API membership onto prior. A member or group
// already known in prior keeps its spelling (an email stays an email), so
// the API's canonical users/{id} never shows as a diff. A missing role (the
// API's groups) reads as MEMBERSHIP_ROLE_UNSPECIFIED.
func MembershipFromAPI(m *chat.Membership, prior MembershipAttributes) MembershipAttributes {
	out := prior
	out.Name = types.StringValue(m.Name)
	switch {
	case m.GroupMember != nil:
		out.Member = types.StringNull()
		if !Known(prior.GroupMember) {
			out.GroupMember = types.StringValue(m.GroupMember.Name)
		}
	case m.Member != nil:
		out.GroupMember = types.StringNull()
		if !Known(prior.Member) {
			out.Member = types.StringValue(m.Member.Name)
		}
	}
	role := m.Role
	if role == "" {
		role = RoleUnspecified
	}
	out.Role = types.StringValue(role)
	out.State = StringOrNull(m.State)
	out.CreateTime = StringOrNull(m.CreateTime)
	return out
}
