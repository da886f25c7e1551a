package datasources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var _ datasource.DataSourceWithConfigure = (*spacesDataSource)(nil)

// NewSpaces is the google_chat_spaces data source.
func NewSpaces() datasource.DataSource {
	return &spacesDataSource{base{typeName: "google_chat_spaces"}}
}

type spacesDataSource struct {
	base
}

type spacesModel struct {
	SpaceTypes types.Set        `tfsdk:"space_types"`
	Spaces     []spaceDataModel `tfsdk:"spaces"`
}

func (d *spacesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the spaces the caller is a member of, all pages, with " +
			"[`spaces.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/list). Group chats " +
			"and direct messages appear only after their first message; `permission_settings` is never returned by this call.",
		Attributes: map[string]schema.Attribute{
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

func (d *spacesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	config, ok := glue.Config[spacesModel](ctx, d.client, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	var terms []string
	for _, t := range convert.SetStrings(ctx, config.SpaceTypes, &resp.Diagnostics) {
		terms = append(terms, fmt.Sprintf("space_type = %q", t))
	}
	spaces, err := d.client.ListSpaces(ctx, strings.Join(terms, " OR "))
	if err != nil {
		glue.AddAPIError(&resp.Diagnostics, "Unable to List Chat Spaces", "spaces.list", err, "")
		return
	}
	config.Spaces = make([]spaceDataModel, 0, len(spaces))
	for _, space := range spaces {
		config.Spaces = append(config.Spaces, *spaceDataFromAPI(space))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
