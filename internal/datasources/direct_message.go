package datasources

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var _ datasource.DataSourceWithConfigure = (*directMessageDataSource)(nil)

// NewDirectMessage is the google_chat_direct_message data source.
func NewDirectMessage() datasource.DataSource {
	return &directMessageDataSource{base{typeName: "google_chat_direct_message"}}
}

type directMessageDataSource struct {
	base
}

type directMessageModel struct {
	User types.String `tfsdk:"user"`
	spaceDataModel
}

func (d *directMessageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := spaceAttributes()
	attributes["user"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: "The other person, `users/{id}`, or `users/{email}` with user credentials only: " +
			"`spaces.findDirectMessage` takes an email as an alias for `{user}` only when authenticated as a user, so " +
			"with app credentials an email is refused before any API call. With app credentials this finds the app's " +
			"direct message with that user; with user credentials, the caller's.",
		Validators: []validator.String{stringvalidator.RegexMatches(convert.UserNamePattern, "must be users/{id or email}")},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the existing direct message with a user, with " +
			"[`spaces.findDirectMessage`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/findDirectMessage). " +
			"Fails with a clear error when there is none (create one with `google_chat_space`).",
		Attributes: attributes,
	}
}

func (d *directMessageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	config, ok := glue.Config[directMessageModel](ctx, d.client, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	user := config.User.ValueString()
	if rejectEmail(d.client, path.Root("user"), user, &resp.Diagnostics) {
		return
	}
	space, err := d.client.FindDirectMessage(ctx, user)
	if chatapi.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("user"), "No Direct Message Found",
			fmt.Sprintf("There is no direct message between the caller and %s. Create one with a google_chat_space of "+
				"space_type = \"DIRECT_MESSAGE\" (user credentials), or read it after one of you has started it.", user))
		return
	}
	if err != nil {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("user"), "Unable to Find Direct Message",
			"spaces.findDirectMessage "+user, err, "")
		return
	}
	out := directMessageModel{User: config.User, spaceDataModel: *spaceDataFromAPI(space)}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
