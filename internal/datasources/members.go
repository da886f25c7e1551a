package datasources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// NewMembers is the google_chat_members data source.
func NewMembers() datasource.DataSource {
	return newDataSource(spec[membersModel]{typeName: "google_chat_members", schema: membersSchema, read: readMembers})
}

type membersModel struct {
	Space       types.String  `tfsdk:"space"`
	Role        types.String  `tfsdk:"role"`
	MemberType  types.String  `tfsdk:"member_type"`
	ShowGroups  types.Bool    `tfsdk:"show_groups"`
	ShowInvited types.Bool    `tfsdk:"show_invited"`
	Members     []memberModel `tfsdk:"members"`
}

type memberModel struct {
	convert.MembershipAttributes
	MemberType types.String `tfsdk:"member_type"`
}

func membersSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the members of a space, all pages, with " +
			"[`spaces.members.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.members/list). " +
			"With app credentials the API leaves Chat apps (the caller included) out of the list.",
		Attributes: map[string]schema.Attribute{
			"space": schema.StringAttribute{
				Required: true, MarkdownDescription: "The space, `spaces/{space}`.",
				Validators: []validator.String{convert.ValidSpaceName},
			},
			"role": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only members with this role: `ROLE_MEMBER` or `ROLE_MANAGER` (the roles the API's filter supports).",
				Validators: []validator.String{stringvalidator.OneOf("ROLE_MEMBER", "ROLE_MANAGER")},
			},
			"member_type": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only `HUMAN` users or `BOT` apps. With administrator access only `HUMAN` " +
					"(the API lists only people then, and rejects other member type filters).",
				Validators: []validator.String{stringvalidator.OneOf("HUMAN", "BOT")},
			},
			"show_groups": schema.BoolAttribute{Optional: true, MarkdownDescription: "Include Google group memberships (default false; " +
				"user credentials only: \"Reading or mutating memberships for Google Groups requires user authentication\")."},
			"show_invited": schema.BoolAttribute{Optional: true, MarkdownDescription: "Include invited users who have not joined yet (default false; user credentials only)."},
			"members": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The memberships, in the API's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":         computed("Resource name, `spaces/{space}/members/{member}`."),
					"member":       computed("The user or app, `users/{id}`; null for a group."),
					"member_type":  computed("`HUMAN` or `BOT`; null for a group."),
					"group_member": computed("The group, `groups/{id}`; null for a user."),
					"role":         computed("`ROLE_MEMBER`, `ROLE_MANAGER`, `ROLE_ASSISTANT_MANAGER`, or `MEMBERSHIP_ROLE_UNSPECIFIED` for groups."),
					"state":        computed("`JOINED` or `INVITED`."),
					"create_time":  computed("When the member joined or was invited (RFC 3339)."),
				}},
			},
		},
	}
}

func readMembers(ctx context.Context, client *chatapi.Client, config membersModel, diags *diag.Diagnostics) *membersModel {
	// showInvited "Currently requires user authentication"; "Reading or
	// mutating memberships for Google Groups requires user authentication"
	// (Membership.groupMember).
	if config.ShowInvited.ValueBool() && !glue.RequireUser(client, diags, path.Root("show_invited"), "list invited members",
		"spaces.members.list with showInvited") {
		return nil
	}
	if config.ShowGroups.ValueBool() && !glue.RequireUser(client, diags, path.Root("show_groups"), "read Google group memberships",
		"spaces.members.list with showGroups") {
		return nil
	}
	// "Either `member.type = "HUMAN"` or `member.type != "BOT"` is required
	// when `use_admin_access` is set to true. Other member type filters will
	// be rejected." (filter)
	if config.MemberType.ValueString() == "BOT" && client.AdminAccess(ctx) {
		diags.AddAttributeError(path.Root("member_type"), "Invalid Member Filter for Administrator Access",
			"With administrator access spaces.members.list lists only people: member_type may be HUMAN or unset, not BOT.")
		return nil
	}
	var terms []string
	if role := config.Role.ValueString(); role != "" {
		terms = append(terms, fmt.Sprintf("role = %q", role))
	}
	if memberType := config.MemberType.ValueString(); memberType != "" {
		terms = append(terms, fmt.Sprintf("member.type = %q", memberType))
	}
	list, err := client.ListMemberships(ctx, config.Space.ValueString(), strings.Join(terms, " AND "),
		config.ShowGroups.ValueBool(), config.ShowInvited.ValueBool())
	if err != nil {
		glue.AddAttributeAPIError(diags, path.Root("space"), "Unable to List Chat Members",
			"spaces.members.list "+config.Space.ValueString(), err, "")
		return nil
	}
	config.Members = make([]memberModel, 0, len(list))
	for _, m := range list {
		config.Members = append(config.Members, memberFromAPI(m))
	}
	return &config
}

// memberFromAPI maps a membership with the shared mapper, plus its type.
func memberFromAPI(m *chat.Membership) memberModel {
	out := memberModel{MembershipAttributes: convert.MembershipFromAPI(m, convert.MembershipAttributes{}), MemberType: types.StringNull()}
	if m.Member != nil {
		out.MemberType = convert.StringOrNull(m.Member.Type)
	}
	return out
}
