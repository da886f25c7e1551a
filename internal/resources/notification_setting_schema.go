package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

func (r *notificationSettingResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The caller's own notification setting in a Google Chat space, set with " +
			"[`users.spaces.spaceNotificationSetting.patch`](https://developers.google.com/workspace/chat/api/reference/rest/v1/users.spaces.spaceNotificationSetting/patch) " +
			"and read with [`get`](https://developers.google.com/workspace/chat/api/reference/rest/v1/users.spaces.spaceNotificationSetting/get). " +
			"Every member has one, so there is nothing to create: apply patches only the attributes the configuration sets (at least one of " +
			"`notification_setting` and `mute_setting`), and destroy sets the defaults back or leaves the setting alone (`deletion_policy`). " +
			"User credentials only (both methods \"Require user authentication\"), with the `chat.users.spacesettings` scope, which is not " +
			"among the provider's default `scopes`: add `https://www.googleapis.com/auth/chat.users.spacesettings` to them. A provider with " +
			"app credentials refuses the resource at plan time. The caller must be a member of the space; a space that is deleted, or that " +
			"the caller leaves, removes the setting from state with a warning.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id": keptComputed("Same as `name`."),
			"name": keptComputed("Resource name, `users/me/spaces/{space}/spaceNotificationSetting`: always the `users/me` alias, " +
				"whichever user ID the API answers with, so it is known at plan time."),
			"space": spaceAttribute("The space, `spaces/{space}`, of which the caller is a member (a named space, group chat or " +
				"direct message). Changing it replaces the resource: the old space's setting is reset (or abandoned) first."),
			"notification_setting": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "What notifies the caller: `ALL` (@mentions, followed threads and the first message of new " +
					"threads, and every new thread is followed), `MAIN_CONVERSATIONS` (@mentions, followed threads and the first " +
					"message of new threads), `FOR_YOU` (@mentions and followed threads) or `OFF`. `MAIN_CONVERSATIONS` and `FOR_YOU` " +
					"are not available in 1:1 direct messages (the API refuses them at apply). Left out, the provider neither sends " +
					"nor changes it, and reports what the API holds. Changes in place.",
				Validators: []validator.String{stringvalidator.OneOf(notificationSettingValues...)},
			},
			"mute_setting": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "`MUTED` (no notifications at all, whatever `notification_setting` says) or `UNMUTED` " +
					"(notifications as `notification_setting` says). Left out, the provider neither sends nor changes it, and " +
					"reports what the API holds. Changes in place.",
				Validators: []validator.String{stringvalidator.OneOf(muteSettingValues...)},
			},
			"deletion_policy": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(notificationSettingReset),
				MarkdownDescription: "What destroy does: `RESET` (default) sets `notification_setting = \"ALL\"` and " +
					"`mute_setting = \"UNMUTED\"`, both of them, whichever the configuration set (the API does not document its " +
					"defaults: these are the provider's assumption, `ALL` being the one level every kind of space offers); " +
					"`ABANDON` leaves the setting as it is and only removes it from Terraform state. Changes in place, with no API call.",
				Validators: []validator.String{stringvalidator.OneOf(notificationSettingReset, notificationSettingAbandon)},
			},
		},
	}
}
