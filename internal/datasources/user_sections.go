package datasources

import (
	"context"

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

// sectionTypes are Section.type's values but the unspecified one
// (discovery document).
var sectionTypes = []string{"CUSTOM_SECTION", "DEFAULT_DIRECT_MESSAGES", "DEFAULT_SPACES", "DEFAULT_APPS"}

// NewUserSections is the google_chat_user_sections data source.
func NewUserSections() datasource.DataSource {
	return newDataSource(spec[userSectionsModel]{typeName: "google_chat_user_sections", schema: userSectionsSchema, read: readUserSections})
}

type userSectionsModel struct {
	Type     types.String       `tfsdk:"type"`
	Sections []userSectionModel `tfsdk:"sections"`
}

type userSectionModel struct {
	Name        types.String `tfsdk:"name"`
	Type        types.String `tfsdk:"type"`
	DisplayName types.String `tfsdk:"display_name"`
	SortOrder   types.Int64  `tfsdk:"sort_order"`
}

func userSectionsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the caller's sections of the Google Chat navigation panel, system and custom, all pages, with " +
			"[`users.sections.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/users.sections/list). " +
			"Needs user credentials (the method \"Requires user authentication\") with the `chat.users.sections` or " +
			"`chat.users.sections.readonly` scope, neither of which is among the provider's default `scopes`: add one of " +
			"`https://www.googleapis.com/auth/chat.users.sections.readonly` or `https://www.googleapis.com/auth/chat.users.sections`.",
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only sections of this type: `CUSTOM_SECTION`, `DEFAULT_DIRECT_MESSAGES`, `DEFAULT_SPACES` or " +
					"`DEFAULT_APPS`. Null (default): every section. The provider filters the list; the API has no filter.",
				Validators: []validator.String{stringvalidator.OneOf(sectionTypes...)},
			},
			"sections": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The sections, in the API's order (by `sort_order`).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": computed("Resource name, `users/{user}/sections/{section}`; system sections have the constant IDs " +
						"`default-direct-messages`, `default-spaces` and `default-apps`."),
					"type": computed("`CUSTOM_SECTION`, `DEFAULT_DIRECT_MESSAGES`, `DEFAULT_SPACES` or `DEFAULT_APPS`."),
					"display_name": computed("The section's name, up to 80 characters; only custom sections have one (null " +
						"for system sections)."),
					"sort_order": schema.Int64Attribute{Computed: true,
						MarkdownDescription: "The section's place: sections with a lower value appear first."},
				}},
			},
		},
	}
}

func readUserSections(ctx context.Context, client *chatapi.Client, config userSectionsModel, diags *diag.Diagnostics) *userSectionsModel {
	if !glue.RequireUser(client, diags, path.Root("sections"), "list their sections", "users.sections.list") {
		return nil
	}
	sections, err := client.ListSections(ctx, "users/me")
	if err != nil {
		hint := ""
		if chatapi.IsPermissionDenied(err) {
			hint = "Add https://www.googleapis.com/auth/chat.users.sections.readonly (or chat.users.sections) to the provider's scopes."
		}
		glue.AddAttributeAPIError(diags, path.Root("sections"), "Unable to List Chat Sections", "users.sections.list users/me", err, hint)
		return nil
	}
	config.Sections = userSectionsFromAPI(sections, config.Type.ValueString())
	return &config
}

// userSectionsFromAPI maps sections, only those of sectionType unless it is "".
func userSectionsFromAPI(sections []*chat.GoogleChatV1Section, sectionType string) []userSectionModel {
	out := make([]userSectionModel, 0, len(sections))
	for _, s := range sections {
		if sectionType != "" && s.Type != sectionType {
			continue
		}
		out = append(out, userSectionModel{Name: types.StringValue(s.Name), Type: types.StringValue(s.Type),
			DisplayName: convert.StringOrNull(s.DisplayName), SortOrder: types.Int64Value(s.SortOrder)})
	}
	return out
}
