package resources

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/validators"
)

func (r *spaceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Google Chat space: a named space (`SPACE`), a group chat (`GROUP_CHAT`) or a direct message " +
			"(`DIRECT_MESSAGE`). With user credentials every type is created with " +
			"[`spaces.setup`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/setup) and its initial " +
			"members; with app credentials only named spaces can be created, with " +
			"[`spaces.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/create) in the provider's " +
			"`customer`, then the initial members are added one by one. Creation carries a `requestId`, so a retried request " +
			"never makes a second space.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id":   keptComputed("Same as `name`."),
			"name": keptComputed("Resource name of the space, `spaces/{space}`."),
			"space_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(convert.SpaceTypeSpace),
				MarkdownDescription: "`SPACE` (default), `GROUP_CHAT` or `DIRECT_MESSAGE`. Group chats and direct messages need " +
					"user credentials. Changing `GROUP_CHAT` to `SPACE` (with a `display_name`) updates the space in place, the " +
					"only type change the API allows; any other change replaces it.",
				Validators: []validator.String{stringvalidator.OneOf(convert.SpaceTypeSpace, convert.SpaceTypeGroupChat, convert.SpaceTypeDM)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(spaceTypeRequiresReplace,
					"Changing space_type replaces the space, except GROUP_CHAT to SPACE.",
					"Changing `space_type` replaces the space, except `GROUP_CHAT` to `SPACE`.")},
			},
			"display_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The space's name, at most 128 characters. Required for `SPACE`, not allowed for the other " +
					"types. Must be unique in the organization (the API answers `ALREADY_EXISTS` otherwise). Updated in place.",
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, 128)},
			},
			"description": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "What the space is about, at most 4,096 characters. Not allowed for `DIRECT_MESSAGE`. Updated in place.",
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 4096)},
			},
			"guidelines": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The space's rules and etiquette, at most 5,000 characters. Not allowed for `DIRECT_MESSAGE`. Updated in place.",
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 5000)},
			},
			"history_state": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "`HISTORY_ON` or `HISTORY_OFF` (messages deleted after 24 hours). Defaults to the " +
					"organization's setting. Updated in place (the API needs this change in a request of its own, which the " +
					"provider sends separately).",
				Validators:    []validator.String{stringvalidator.OneOf("HISTORY_ON", "HISTORY_OFF")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"external_user_allowed": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Whether any Google Chat user, including users outside the organization, can be a member. " +
					"Set at creation only: changing it replaces the space. Defaults to the organization's setting.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown(), boolplanmodifier.RequiresReplaceIfConfigured()},
			},
			"single_user_bot_dm": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "With `space_type = \"DIRECT_MESSAGE\"` and no `initial_members`: the direct message between " +
					"the calling user and the Chat app. Changing it replaces the space.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown(), boolplanmodifier.RequiresReplaceIfConfigured()},
			},
			"predefined_permission_settings": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "`COLLABORATION_SPACE` (the API's default) or `ANNOUNCEMENT_SPACE`: the preset that " +
					"fills `permission_settings` at creation. `SPACE` only. Input only: the API never returns it, so a change " +
					"replaces the space, and after import the configured value is recorded without a change.",
				Validators: []validator.String{stringvalidator.OneOf("COLLABORATION_SPACE", "ANNOUNCEMENT_SPACE")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(changedAfterCreate,
					"A change replaces the space (input only at creation).", "A change replaces the space (input only at creation).")},
			},
			"permission_settings": permissionSettingsSchema(),
			"use_admin_access": useAdminAccessAttribute("spaces.get, spaces.patch and spaces.delete (never spaces.setup or " +
				"spaces.create: the administrator creates the space as a user, and is its first member)"),
			"access_settings": schema.SingleNestedAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Who can discover and join the space. `SPACE` only. Unset, the provider records what the " +
					"API reports and changes nothing.",
				PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"audience": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "Target audience that can discover the space, `audiences/{id}` or " +
							"`audiences/default` (the whole organization). Null removes it. Changing it needs user " +
							"credentials and a space manager; the provider sends it in a request of its own.",
						Validators: []validator.String{stringvalidator.RegexMatches(audiencePattern, "must be audiences/{audience}")},
					},
					"access_state": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "`PRIVATE` or `DISCOVERABLE` (output only).",
					},
					"access_permission_settings": accessPermissionSettingsSchema(),
				},
			},
			"initial_members": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Members added at creation, besides the caller: `users/{id}`, `users/{email}` or " +
					"`groups/{id}` (emails and groups only with user credentials, groups only in `SPACE`). `GROUP_CHAT` needs at least two " +
					"users; `DIRECT_MESSAGE` exactly one (none with `single_user_bot_dm`); at most 49. Used only at creation: for " +
					"`GROUP_CHAT` and `DIRECT_MESSAGE` a change replaces the space; for `SPACE` a change is recorded with a " +
					"warning and nobody is added or removed (manage members with membership resources).",
				Validators: []validator.Set{
					setvalidator.SizeAtMost(maxInitialMembers),
					setvalidator.ValueStringsAre(stringvalidator.RegexMatches(memberPattern,
						"must be users/{id or email} or groups/{id}"), stringvalidator.NoneOf("users/app")),
				},
				PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplaceIf(initialMembersRequireReplace,
					"A change replaces a group chat or direct message.", "A change replaces a group chat or direct message.")},
			},
			"deletion_policy": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(deletionDelete),
				MarkdownDescription: "`DELETE` (default) deletes the space, with its messages and memberships, on destroy; " +
					"`ABANDON` only removes it from Terraform state. Group chats and direct messages the API will not delete " +
					"are removed from state with a warning.",
				Validators: []validator.String{stringvalidator.OneOf(deletionDelete, deletionAbandon)},
			},
			"space_uri": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "URL that opens the space in Google Chat.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"create_time": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "When the space was created (RFC 3339). Empty for direct messages. With `import_mode` it " +
					"may be set to the space's creation time in the system it is migrated from, between 2000-01-01 and now " +
					"(Space.createTime is \"output only, except when used in import mode spaces\"). A change replaces the space.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIf(instantChanged,
					"A change of instant replaces the space.", "A change of instant replaces the space.")},
				Validators: []validator.String{validators.ImportTime()},
			},
			"import_mode": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Create the space in [import mode](https://developers.google.com/workspace/chat/import-data), " +
					"for a migration from another chat system: `SPACE` or `GROUP_CHAT`, with `spaces.create` and no members " +
					"(not even the caller), invisible to users until `import_complete`. Needs user credentials with domain-wide " +
					"delegation (`impersonate_user`) and the `chat.import` scope, which is not among the default scopes. A " +
					"space left in import mode is deleted by Google after `import_mode_expire_time` (90 days). A change " +
					"replaces the space.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplaceIf(boolChangedAfterCreate,
					"A change replaces the space.", "A change replaces the space.")},
			},
			"import_complete": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Set to `true` to end import mode with `spaces.completeImport`: the space becomes a " +
					"standard space, visible to users, and members can then be added. It can't be undone: going back to " +
					"`false` is refused at plan. Only with `import_mode`.",
			},
			"import_mode_expire_time": schema.StringAttribute{
				Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "When Google deletes the space if it is still in import mode (RFC 3339); null for " +
					"other spaces and once the import is complete.",
			},
			"threading_state": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`THREADED_MESSAGES`, `GROUPED_MESSAGES` or `UNTHREADED_MESSAGES`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"last_active_time": schema.StringAttribute{
				Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "When the last message was posted in the space (RFC 3339); null before the first. " +
					activityNote,
			},
			"joined_direct_human_user_count": schema.Int64Attribute{
				Computed: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				MarkdownDescription: "How many users joined the space directly, not through a group (`membershipCount`). " + activityNote,
			},
			"joined_group_count": schema.Int64Attribute{
				Computed: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				MarkdownDescription: "How many Google groups joined the space (`membershipCount`). " + activityNote,
			},
			"admin_installed": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "For a direct message with a Chat app: whether a Workspace administrator set it up.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func permissionSettingsSchema() schema.SingleNestedAttribute {
	attributes := map[string]schema.Attribute{}
	for _, p := range convert.Permissions {
		boolAttr := func(role string) schema.BoolAttribute {
			return schema.BoolAttribute{Required: !p.ComputedOnly, Computed: p.ComputedOnly,
				MarkdownDescription: fmt.Sprintf("Whether %s have this permission.", role)}
		}
		description := p.Description
		if !p.ComputedOnly {
			description += " Unset, it keeps the API's value; set, all three roles must be given."
		}
		attributes[p.Key] = schema.SingleNestedAttribute{
			Optional:            !p.ComputedOnly,
			Computed:            true,
			MarkdownDescription: description,
			// Non-null only: a group chat promoted to a space has none yet.
			PlanModifiers: []planmodifier.Object{objectplanmodifier.UseNonNullStateForUnknown()},
			Attributes: map[string]schema.Attribute{
				"managers_allowed":           boolAttr("space owners (`ROLE_MANAGER`)"),
				"assistant_managers_allowed": boolAttr("space managers (`ROLE_ASSISTANT_MANAGER`)"),
				"members_allowed":            boolAttr("members (`ROLE_MEMBER`)"),
			},
		}
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		Computed: true,
		MarkdownDescription: "Who may do what in a `SPACE`, by role. Only the settings you set are managed. The API " +
			"returns all nine settings with every space, and the provider records the ones you did not set as the API " +
			"reports them, so other configuration can read them (for example `google_chat_space.team.permission_settings." +
			"post_messages`) and an import shows the whole space; they never appear in a plan's diff, and a change made " +
			"to them outside Terraform is recorded, never undone. Removing a setting from the configuration stops managing " +
			"it and leaves its value as it is. Each change is sent with `permission_settings.*` update masks in a request " +
			"of its own. With app credentials the API returns and accepts these only for spaces the app created.",
		PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
		Attributes:    attributes,
	}
}

// activityNote explains the activity attributes: refreshed by every read,
// never planned as a change.
const activityNote = "Refreshed on every read; an apply that changes the space keeps the value read before it, so it " +
	"never shows in a plan."

// accessPermissionSettingsSchema is access_settings.access_permission_settings:
// a set of target audiences for each setting, managed only where configured.
func accessPermissionSettingsSchema() schema.SingleNestedAttribute {
	settings := map[string]schema.Attribute{}
	for _, p := range convert.AccessPermissions {
		settings[p.Key] = schema.SetAttribute{
			ElementType: types.StringType, Optional: true, Computed: true,
			MarkdownDescription: p.Description + " `audiences/{id}`, or `audiences/default` for the whole organization; " +
				"empty for none. Unset, the value the API reports is recorded and left as it is.",
			PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(audiencePattern,
				"must be audiences/{audience}"))},
		}
	}
	return schema.SingleNestedAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "Which [target audiences](https://support.google.com/a/answer/9934697) can discover the space, " +
			"join it and view its members (`SPACE` only). Each configured setting that differs is sent with its own " +
			"`access_settings.access_permission_settings.*` update mask, in a request of its own as the API demands; " +
			"`view_space_membership` travels with `permission_settings.view_space_membership`, which must let members " +
			"view the membership when an audience may. Changing them needs user credentials and a space manager or " +
			"assistant manager.",
		PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
		Attributes:    settings,
	}
}

// audiencePattern is a target audience's name.
var audiencePattern = regexp.MustCompile(`^audiences/[A-Za-z0-9_-]+$`)
