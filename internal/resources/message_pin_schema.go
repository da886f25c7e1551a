package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

func (r *messagePinResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A pinned message in a Google Chat space, made with " +
			"[`spaces.messagePins.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messagePins/create) " +
			"and removed (unpinned) on destroy. Needs user credentials (`auth_mode = \"user\"`) with the `chat.spaces` scope " +
			"(a provider default) or `chat.spaces.pins`. The API has no call to read one pin: refresh lists the space's pins.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id":    keptComputed("Same as `name`."),
			"name":  keptComputed("Resource name, `spaces/{space}/messagePins/{message}`: the pin's ID is its message's ID."),
			"space": keptComputed("The space of the message, `spaces/{space}`."),
			"message": schema.StringAttribute{
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "The message to pin, `spaces/{space}/messages/{message}` (a client-assigned ID such as " +
					"`client-welcome` works too), usually `google_chat_message.NAME.name`. Changing it replaces the pin.",
				Validators: []validator.String{convert.ValidMessageName},
			},
		},
	}
}
