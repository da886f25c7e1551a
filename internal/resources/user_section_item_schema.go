package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

func (r *userSectionItemResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Which section of the caller's Google Chat navigation panel a space sits in, set with " +
			"[`users.sections.items.move`](https://developers.google.com/workspace/chat/api/reference/rest/v1/users.sections.items/move) " +
			"and read with [`items.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/users.sections.items/list) " +
			"across all sections (`users/me/sections/-`, filtered by space). Every space the caller joined sits in exactly one " +
			"section, so there is nothing to create: apply moves the space into `section`, a change of `section` moves it again, " +
			"and a move made outside Terraform is moved back. Destroy moves the space back to its default section " +
			"(`default-spaces` for a space, `default-direct-messages` for a direct message or group chat, `default-apps` for a " +
			"direct message with an app: the provider's reading of the section types, which the API does not spell out further), " +
			"after reading the space's type with `spaces.get`. User credentials only, with the `chat.users.sections` scope, which " +
			"is not among the provider's default `scopes`: add `https://www.googleapis.com/auth/chat.users.sections` to them. A " +
			"provider with app credentials refuses the resource at plan time. A space that is deleted, or that the caller " +
			"leaves, is removed from state with a warning.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id": keptComputed("Same as `space`."),
			"name": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Resource name of the item, `users/{user}/sections/{section}/items/{item}`, as the API answers " +
					"it. It changes with the section the space is in.",
			},
			"space": spaceAttribute("The space, `spaces/{space}`, of which the caller is a joined member (a named space, group " +
				"chat or direct message). Changing it replaces the resource: the old space goes back to its default section first."),
			"section": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The section, `users/{user}/sections/{section}`: usually a `google_chat_user_section`'s " +
					"`name`, or a system section such as `users/me/sections/default-spaces` (a space can go into any custom " +
					"section, and among the system sections only into its own default one; the API refuses others at apply). " +
					"`users/me` and the caller's ID name the same sections. Changes in place (the space is moved).",
				Validators: []validator.String{stringvalidator.RegexMatches(sectionNamePattern, "must be users/{user}/sections/{section}")},
			},
		},
	}
}
