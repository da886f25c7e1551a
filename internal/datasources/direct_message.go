package datasources

import (
	"context"
	"fmt"

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

// NewDirectMessage is the google_chat_direct_message data source.
func NewDirectMessage() datasource.DataSource {
	return newDataSource(spec[directMessageModel]{typeName: "google_chat_direct_message", schema: directMessageSchema, read: readDirectMessage})
}

type directMessageModel struct {
	User types.String `tfsdk:"user"`
	spaceDataModel
}

func directMessageSchema() schema.Schema {
	return spaceSchemaWith("Finds the existing direct message with a user, with "+
		"[`spaces.findDirectMessage`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/findDirectMessage). "+
		"Fails with a clear error when there is none (create one with `google_chat_space`).", map[string]schema.Attribute{
		"user": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "The other person, `users/{id}`, or `users/{email}` with user credentials only: " +
				"`spaces.findDirectMessage` takes an email as an alias for `{user}` only when authenticated as a user, so " +
				"with app credentials an email is refused before any API call. With app credentials this finds the app's " +
				"direct message with that user; with user credentials, the caller's.",
			Validators: []validator.String{convert.ValidUserName},
		},
	})
}

func readDirectMessage(ctx context.Context, client *chatapi.Client, config directMessageModel, diags *diag.Diagnostics) *directMessageModel {
	user := config.User.ValueString()
	if rejectEmail(client, path.Root("user"), user, diags) {
		return nil
	}
	space, err := client.FindDirectMessage(ctx, user)
	if chatapi.IsNotFound(err) {
		diags.AddAttributeError(path.Root("user"), "No Direct Message Found",
			fmt.Sprintf("There is no direct message between the caller and %s. Create one with a google_chat_space of "+
				"space_type = \"DIRECT_MESSAGE\" (user credentials), or read it after one of you has started it.", user))
		return nil
	}
	if err != nil {
		glue.AddAttributeAPIError(diags, path.Root("user"), "Unable to Find Direct Message",
			"spaces.findDirectMessage "+user, err, "")
		return nil
	}
	out := directMessageModel{User: config.User, spaceDataModel: *spaceDataFromAPI(space)}
	return &out
}
