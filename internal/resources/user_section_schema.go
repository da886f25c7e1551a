package resources

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

func (r *userSectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A custom section of the caller's Google Chat navigation panel, created with " +
			"[`users.sections.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/users.sections/create), " +
			"renamed with `patch`, positioned with `position`, read with `list` (there is no `get`) and deleted with `delete`: the " +
			"spaces in it go back to Chat's default sections. Put spaces in it with `google_chat_user_section_item`. User credentials " +
			"only (every method \"Requires user authentication\"), with the `chat.users.sections` scope, which is not among the " +
			"provider's default `scopes`: add `https://www.googleapis.com/auth/chat.users.sections` to them. A provider with app " +
			"credentials refuses the resource at plan time. System sections (`default-direct-messages`, `default-spaces`, " +
			"`default-apps`) can't be managed; read them with the `google_chat_user_sections` data source.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id": keptComputed("Same as `name`."),
			"name": keptComputed("Resource name, `users/{user}/sections/{section}`, as the API answers it (the caller's numeric " +
				"user ID, or `users/me` after an import that said so)."),
			"display_name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The section's name in the navigation panel: 1 to 80 characters, not only whitespace (\"Supports " +
					"up to 80 characters\", required for a custom section). Need not be unique. Changes in place.",
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(1, maxSectionDisplayName),
					stringvalidator.RegexMatches(regexp.MustCompile(`\S`), "must not be only whitespace"),
				},
			},
			"position": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Where to put the section among all of the caller's sections (system ones included), with " +
					"`users.sections.position`: `START` (first), `END` (last), or a number from 1 (the section goes to that place and " +
					"the section there, and those below it, move down one; a number past the last section appends it). Applied after " +
					"create and whenever it changes; not enforced afterwards, since other sections (and other resources' positions) " +
					"move this one: `sort_order` says where it is. Left out (default), new sections go where the API puts them and " +
					"stay where they are; removing it leaves the section where it is. Changes in place.",
				Validators: []validator.String{stringvalidator.RegexMatches(positionPattern, "must be START, END or a number from 1")},
			},
			"type": keptComputed("The section's type: always `CUSTOM_SECTION`."),
			"sort_order": schema.Int64Attribute{
				Computed: true,
				MarkdownDescription: "The section's place in the caller's list of sections as the API reports it: lower comes " +
					"first. Changes when this or another section is created, positioned or deleted.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
		},
	}
}
