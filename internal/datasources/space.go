// Package datasources holds the provider's data sources.
package datasources

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
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

// NewSpace is the google_chat_space data source.
func NewSpace() datasource.DataSource {
	return newDataSource(spec[spaceDataModel]{typeName: "google_chat_space", schema: spaceSchema, validators: spaceValidators, read: readSpace})
}

// spaceDataModel is a space as the data sources describe it: the shared
// attributes and what only a read reports.
type spaceDataModel struct {
	convert.SpaceAttributes
}

func spaceSchema() schema.Schema {
	return spaceSchemaWith("Reads a Google Chat space the caller is a member of, by name or by display name, with "+
		"[`spaces.get`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/get) (and "+
		"[`spaces.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/list) to find a "+
		"display name). Use it for spaces this configuration does not manage.", map[string]schema.Attribute{
		"name": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Resource name of the space, `spaces/{space}`. Set exactly one of `name` and `display_name`; " +
				"when the space is found by `display_name`, this is its name.",
			Validators: []validator.String{convert.ValidSpaceName},
		},
		"display_name": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Finds the named space (`space_type = \"SPACE\"`) with exactly this display name among the " +
				"spaces the caller is a member of (`spaces.list`), instead of by `name`; exactly one space must match, or " +
				"the read fails with the number found. Set exactly one of `name` and `display_name`; when the space is read " +
				"by `name`, this is its display name (empty for group chats and direct messages).",
			Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, 128)},
		},
	})
}

// ConfigValidators: a space is found by name or by display name.
func spaceValidators() []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("name"), path.MatchRoot("display_name"))}
}

// spaceSchemaWith is the schema of a data source that reads one space: the
// space's attributes, and the data source's own arguments in place of any of
// the same name.
func spaceSchemaWith(description string, own map[string]schema.Attribute) schema.Schema {
	attributes := spaceAttributes()
	maps.Copy(attributes, own)
	return schema.Schema{MarkdownDescription: description, Attributes: attributes}
}

// spaceAttributes are the computed attributes that describe a space, shared
// by the space, direct message, group chat and spaces data sources.
func spaceAttributes() map[string]schema.Attribute {
	settingAttrs := map[string]schema.Attribute{
		"managers_allowed":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether space owners (`ROLE_MANAGER`) have this permission."},
		"assistant_managers_allowed": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether space managers (`ROLE_ASSISTANT_MANAGER`) have this permission."},
		"members_allowed":            schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether members (`ROLE_MEMBER`) have this permission."},
	}
	permissions := map[string]schema.Attribute{}
	for _, p := range convert.Permissions {
		permissions[p.Key] = schema.SingleNestedAttribute{Computed: true, MarkdownDescription: p.Description, Attributes: settingAttrs}
	}
	return map[string]schema.Attribute{
		"name":                  computed("Resource name of the space, `spaces/{space}`."),
		"id":                    computed("Same as `name`."),
		"space_type":            computed("`SPACE`, `GROUP_CHAT` or `DIRECT_MESSAGE`."),
		"display_name":          computed("The space's name (empty for group chats and direct messages)."),
		"description":           computed("What the space is about."),
		"guidelines":            computed("The space's rules and etiquette."),
		"history_state":         computed("`HISTORY_ON` or `HISTORY_OFF`."),
		"external_user_allowed": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether users outside the organization can be members."},
		"single_user_bot_dm":    schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this is a direct message between a user and a Chat app."},
		"permission_settings": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Who may do what, by role. Null when the API does not return it to this caller (apps see it only for spaces they created; spaces.list never returns it).",
			Attributes:          permissions,
		},
		"access_settings": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Who can discover and join the space (named spaces only).",
			Attributes: map[string]schema.Attribute{
				"audience":     computed("Target audience, `audiences/{id}`."),
				"access_state": computed("`PRIVATE` or `DISCOVERABLE`."),
				"access_permission_settings": schema.SingleNestedAttribute{
					Computed:            true,
					MarkdownDescription: "Which target audiences can discover the space, join it and view its members.",
					Attributes:          accessPermissionAttributes(),
				},
			},
		},
		"space_uri":                      computed("URL that opens the space in Google Chat."),
		"create_time":                    computed("When the space was created (RFC 3339)."),
		"last_active_time":               computed("Time of the last message in the space (RFC 3339)."),
		"threading_state":                computed("`THREADED_MESSAGES`, `GROUPED_MESSAGES` or `UNTHREADED_MESSAGES`."),
		"admin_installed":                schema.BoolAttribute{Computed: true, MarkdownDescription: "For a direct message with a Chat app: whether an administrator set it up."},
		"joined_direct_human_user_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Users who joined the space directly (not through a group)."},
		"joined_group_count":             schema.Int64Attribute{Computed: true, MarkdownDescription: "Google groups that joined the space."},
	}
}

func readSpace(ctx context.Context, client *chatapi.Client, config spaceDataModel, diags *diag.Diagnostics) *spaceDataModel {
	// ConfigValidators skip values unknown at validation; check once known.
	if !config.Name.IsNull() && !config.DisplayName.IsNull() {
		diags.AddAttributeError(path.Root("display_name"), "Invalid Attribute Combination",
			"Set either name or display_name, not both.")
		return nil
	}
	name := config.Name.ValueString()
	if config.Name.IsNull() {
		found, ok := findByDisplayName(ctx, client, config.DisplayName.ValueString(), diags)
		if !ok {
			return nil
		}
		name = found
	}
	space, err := client.GetSpace(ctx, name)
	if err != nil {
		advice := ""
		if chatapi.IsNotFound(err) || chatapi.IsPermissionDenied(err) {
			advice = "The space does not exist, or the caller is not a member of it."
		}
		glue.AddAttributeAPIError(diags, pathName, "Unable to Read Chat Space", "spaces.get "+name, err, advice)
		return nil
	}
	return spaceDataFromAPI(space)
}

// findByDisplayName returns the name of the one named space the caller is a
// member of whose display name is exactly displayName.
func findByDisplayName(ctx context.Context, client *chatapi.Client, displayName string, diags *diag.Diagnostics) (string, bool) {
	at := path.Root("display_name")
	spaces, err := client.ListSpaces(ctx, `space_type = "SPACE"`)
	if err != nil {
		glue.AddAttributeAPIError(diags, at, "Unable to Find Chat Space", `spaces.list (filter space_type = "SPACE")`, err, "")
		return "", false
	}
	var names []string
	for _, space := range spaces {
		if space.DisplayName == displayName {
			names = append(names, space.Name)
		}
	}
	switch len(names) {
	case 1:
		return names[0], true
	case 0:
		diags.AddAttributeError(at, "Chat Space Not Found",
			fmt.Sprintf("Found 0 named spaces with display_name %q among the %d the caller is a member of. The match is exact "+
				"(case and spaces count), and only spaces the caller belongs to are listed: add the caller (the Chat app or "+
				"the user) to the space, or look it up by name.", displayName, len(spaces)))
	default:
		diags.AddAttributeError(at, "More Than One Chat Space Found",
			fmt.Sprintf("Found %d named spaces with display_name %q (%s); look the space up by name instead.",
				len(names), displayName, strings.Join(names, ", ")))
	}
	return "", false
}

// spaceDataFromAPI maps a space with the shared mapper.
func spaceDataFromAPI(space *chat.Space) *spaceDataModel {
	return &spaceDataModel{SpaceAttributes: convert.SpaceFromAPIAlone(space)}
}

// accessPermissionAttributes are the sets of audiences of each access
// permission setting.
func accessPermissionAttributes() map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for _, p := range convert.AccessPermissions {
		out[p.Key] = schema.SetAttribute{ElementType: types.StringType, Computed: true,
			MarkdownDescription: p.Description + " Empty for none."}
	}
	return out
}
