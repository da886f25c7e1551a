package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// NewMessagePins is the google_chat_message_pins data source.
func NewMessagePins() datasource.DataSource {
	return newDataSource(spec[messagePinsModel]{typeName: "google_chat_message_pins", schema: messagePinsSchema, read: readMessagePins})
}

type messagePinsModel struct {
	Space types.String `tfsdk:"space"`
	Pins  []pinModel   `tfsdk:"pins"`
}

type pinModel struct {
	Name    types.String `tfsdk:"name"`
	Message types.String `tfsdk:"message"`
}

func messagePinsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the pinned messages of a space, all pages, with " +
			"[`spaces.messagePins.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messagePins/list). " +
			"Needs user credentials (`auth_mode = \"user\"`) with `chat.spaces` (a default) or a `chat.spaces.pins` scope.",
		Attributes: map[string]schema.Attribute{
			"space": schema.StringAttribute{
				Required: true, MarkdownDescription: "The space, `spaces/{space}`.",
				Validators: []validator.String{convert.ValidSpaceName},
			},
			"pins": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The pins, in the API's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":    computed("Resource name, `spaces/{space}/messagePins/{message}`."),
					"message": computed("The pinned message, `spaces/{space}/messages/{message}`."),
				}},
			},
		},
	}
}

func readMessagePins(ctx context.Context, client *chatapi.Client, config messagePinsModel, diags *diag.Diagnostics) *messagePinsModel {
	if !glue.RequireUser(client, diags, path.Root("space"), "list pins", "spaces.messagePins.list") {
		return nil
	}
	pins, err := client.ListMessagePins(ctx, config.Space.ValueString())
	if err != nil {
		glue.AddAttributeAPIError(diags, path.Root("space"), "Unable to List Chat Message Pins",
			"spaces.messagePins.list "+config.Space.ValueString(), err, "")
		return nil
	}
	config.Pins = make([]pinModel, 0, len(pins))
	for _, p := range pins {
		config.Pins = append(config.Pins, pinModel{Name: types.StringValue(p.Name), Message: types.StringValue(p.Message)})
	}
	return &config
}
