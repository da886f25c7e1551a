package datasources

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/boolvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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

// NewSpaces is the google_chat_spaces data source.
func NewSpaces() datasource.DataSource {
	return newDataSource(spec[spacesModel]{typeName: "google_chat_spaces", schema: spacesSchema, read: readSpaces})
}

type spacesModel struct {
	SpaceTypes     types.Set        `tfsdk:"space_types"`
	Query          types.String     `tfsdk:"query"`
	OrderBy        types.String     `tfsdk:"order_by"`
	UseAdminAccess types.Bool       `tfsdk:"use_admin_access"`
	Spaces         []spaceDataModel `tfsdk:"spaces"`
}

func spacesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the spaces the caller is a member of, all pages, with " +
			"[`spaces.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/list). Group chats " +
			"and direct messages appear only after their first message; `permission_settings` is never returned by this call. " +
			"With `query` it searches instead, with [`spaces.search`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/search): " +
			"with administrator access, every named space of the organization.",
		Attributes: map[string]schema.Attribute{
			"query": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "A `spaces.search` query (user credentials only), checked at plan against the grammar the API documents: " +
					"`space_type = \"SPACE\"` is required; with administrator access so is `customer = \"customers/my_customer\"`, " +
					"and `create_time`, `last_active_time` (RFC 3339, with `=`, `<`, `>`, `<=`, `>=`), `display_name` " +
					"(`:`, token prefix match), `external_user_allowed` and `space_history_state` may be searched; without it " +
					"only `display_name`, `external_user_allowed` and `space_type`, among the caller's spaces (and without " +
					"`display_name` the API finds nothing). Fields are joined with `AND`; terms of one field in parentheses with " +
					"`OR` (and `AND` for an interval of times). For example `customer = \"customers/my_customer\" AND " +
					"space_type = \"SPACE\" AND display_name:\"incident\"`.",
				Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("space_types"))},
			},
			"order_by": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How `query` results are ordered: with administrator access " +
					"`membership_count.joined_direct_human_user_count`, `last_active_time` or `create_time`, each `ASC` or " +
					"`DESC`; without it `create_time DESC` or `relevance DESC`. Unset, the API's order.",
				Validators: []validator.String{
					stringvalidator.AlsoRequires(path.MatchRoot("query")),
					stringvalidator.RegexMatches(orderByPattern, "must be a field and ASC or DESC, such as \"create_time DESC\""),
				},
			},
			"use_admin_access": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Search with Google Workspace administrator privileges (`useAdminAccess`), overriding the " +
					"provider's `use_admin_access`; needs an administrator's user credentials with `chat.admin.spaces` or " +
					"`chat.admin.spaces.readonly`. Only with `query`.",
				Validators: []validator.Bool{boolvalidator.AlsoRequires(path.MatchRoot("query"))},
			},
			"space_types": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Only spaces of these types: `SPACE`, `GROUP_CHAT`, `DIRECT_MESSAGE` (the API's " +
					"`space_type` filter). Unset lists every type.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf("SPACE", "GROUP_CHAT", "DIRECT_MESSAGE")),
				},
			},
			"spaces": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The spaces, in the API's order.",
				NestedObject:        schema.NestedAttributeObject{Attributes: spaceAttributes()},
			},
		},
	}
}

func readSpaces(ctx context.Context, client *chatapi.Client, config spacesModel, diags *diag.Diagnostics) *spacesModel {
	var spaces []*chat.Space
	var err error
	var ok bool
	if config.Query.IsNull() {
		var terms []string
		for _, t := range convert.SetStrings(ctx, config.SpaceTypes, diags) {
			terms = append(terms, fmt.Sprintf("space_type = %q", t))
		}
		if diags.HasError() {
			return nil
		}
		if spaces, err = client.ListSpaces(ctx, strings.Join(terms, " OR ")); err != nil {
			glue.AddAPIError(diags, "Unable to List Chat Spaces", "spaces.list", err, "")
			return nil
		}
	} else if spaces, ok = search(ctx, client, config, diags); !ok {
		return nil
	}
	config.Spaces = make([]spaceDataModel, 0, len(spaces))
	for _, space := range spaces {
		config.Spaces = append(config.Spaces, *spaceDataFromAPI(space))
	}
	return &config
}

// orderByPattern is one order_by term.
var orderByPattern = regexp.MustCompile(`^(membership_count\.joined_direct_human_user_count|last_active_time|create_time|relevance)( (ASC|DESC))?$`)

// search runs spaces.search for query, after checking it and order_by for
// the access they run with, so a bad query makes no call.
func search(ctx context.Context, client *chatapi.Client, config spacesModel, diags *diag.Diagnostics) ([]*chat.Space, bool) {
	ctx, admin := glue.AdminAccess(ctx, client, config.UseAdminAccess)
	query, orderBy := config.Query.ValueString(), config.OrderBy.ValueString()
	if admin && client.AuthMode == chatapi.AuthModeApp {
		diags.AddAttributeError(path.Root("use_admin_access"), "User Credentials Required",
			"Administrator access needs the user credentials of a Google Workspace administrator; this provider uses app credentials.")
		return nil, false
	}
	if !glue.RequireUser(client, diags, path.Root("query"), "search spaces", "spaces.search") {
		return nil, false
	}
	if err := convert.CheckSearchQuery(query, admin); err != nil {
		diags.AddAttributeError(path.Root("query"), "Invalid Search Query", err.Error()+".")
		return nil, false
	}
	adminOrders := []string{"membership_count.joined_direct_human_user_count", "last_active_time", "create_time"}
	field, _, _ := strings.Cut(orderBy, " ")
	valid := admin && slices.Contains(adminOrders, field) || !admin && (orderBy == "create_time DESC" || orderBy == "relevance DESC")
	if orderBy != "" && !valid {
		diags.AddAttributeError(path.Root("order_by"), "Invalid Search Order",
			fmt.Sprintf("%q: with administrator access order by membership_count.joined_direct_human_user_count, "+
				"last_active_time or create_time (ASC or DESC); without it only create_time DESC or relevance DESC.", orderBy))
		return nil, false
	}
	if !admin && !strings.Contains(query, "display_name") {
		diags.AddAttributeWarning(path.Root("query"), "Search Without display_name",
			"Without administrator access spaces.search needs display_name \"to retrieve meaningful results. Otherwise, the "+
				"default behavior is to return an empty response.\"")
	}
	spaces, err := client.SearchSpaces(ctx, query, orderBy)
	if err != nil {
		glue.AddAttributeAPIError(diags, path.Root("query"), "Unable to Search Chat Spaces", "spaces.search", err, "")
		return nil, false
	}
	return spaces, true
}
