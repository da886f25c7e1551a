package resources

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// ValidateConfig checks the rules that tie attributes to space_type, with no
// API call. Unknown values are skipped: they are checked at apply.
func (r *spaceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	config, ok := getModel[spaceModel](ctx, req.Config, &resp.Diagnostics)
	if !ok || config.SpaceType.IsUnknown() {
		return
	}
	spaceType := config.SpaceType.ValueString()
	if config.SpaceType.IsNull() {
		spaceType = convert.SpaceTypeSpace
	}
	bad := func(attribute, format string, args ...any) {
		resp.Diagnostics.AddAttributeError(path.Root(attribute), "Invalid Attribute Combination", fmt.Sprintf(format, args...))
	}
	set := func(v interface{ IsNull() bool }) bool { return !v.IsNull() }

	if spaceType == convert.SpaceTypeSpace && config.DisplayName.IsNull() {
		bad("display_name", "display_name is required when space_type is SPACE (the API needs a name for a named space).")
	}
	if spaceType != convert.SpaceTypeSpace {
		if set(config.DisplayName) {
			bad("display_name", "display_name is only allowed when space_type is SPACE; %s has no name.", spaceType)
		}
		for _, attribute := range []string{"predefined_permission_settings", "permission_settings", "access_settings"} {
			if attributeSet(ctx, req, attribute) {
				bad(attribute, "%s is only supported when space_type is SPACE.", attribute)
			}
		}
	}
	if spaceType == convert.SpaceTypeDM {
		for _, attribute := range []string{"description", "guidelines"} {
			if attributeSet(ctx, req, attribute) {
				bad(attribute, "%s is not allowed for a DIRECT_MESSAGE.", attribute)
			}
		}
	}
	validateImportMode(config, spaceType, bad)
	if config.SingleUserBotDm.ValueBool() && spaceType != convert.SpaceTypeDM {
		bad("single_user_bot_dm", "single_user_bot_dm requires space_type = \"DIRECT_MESSAGE\".")
	}
	if config.InitialMembers.IsUnknown() || config.InitialMembers.IsNull() && spaceType == convert.SpaceTypeSpace ||
		config.ImportMode.ValueBool() { // import mode creates no members (validateImportMode)
		return
	}
	var members []string
	if !config.InitialMembers.IsNull() {
		resp.Diagnostics.Append(config.InitialMembers.ElementsAs(ctx, &members, true)...)
	}
	for _, m := range members {
		if strings.HasPrefix(m, "groups/") && spaceType != convert.SpaceTypeSpace {
			bad("initial_members", "%s: Google groups can only be added to spaces whose space_type is SPACE.", m)
		}
	}
	switch {
	case spaceType == convert.SpaceTypeGroupChat && len(members) < 2 && !config.InitialMembers.IsUnknown():
		bad("initial_members", "A GROUP_CHAT needs at least two users in initial_members besides the caller; got %d.", len(members))
	case spaceType == convert.SpaceTypeDM && config.SingleUserBotDm.ValueBool() && len(members) > 0:
		bad("initial_members", "A direct message with the Chat app (single_user_bot_dm = true) takes no initial_members.")
	case spaceType == convert.SpaceTypeDM && !config.SingleUserBotDm.ValueBool() && !config.SingleUserBotDm.IsUnknown() && len(members) != 1:
		bad("initial_members", "A DIRECT_MESSAGE needs exactly one user in initial_members (or single_user_bot_dm = true); got %d.", len(members))
	}
}

// attributeSet reports whether a top-level attribute is set (or unknown) in configuration.
func attributeSet(ctx context.Context, req resource.ValidateConfigRequest, attribute string) bool {
	var value types.Object
	if diags := req.Config.GetAttribute(ctx, path.Root(attribute), &value); !diags.HasError() {
		return !value.IsNull()
	}
	var s types.String
	if diags := req.Config.GetAttribute(ctx, path.Root(attribute), &s); !diags.HasError() {
		return !s.IsNull()
	}
	return false
}

// ModifyPlan applies the rules that depend on the provider's credentials,
// which are known at plan time, and keeps computed values stable.
func (r *spaceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, config spaceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	creating := req.State.Raw.IsNull()
	requireUserForAdmin(r.client, config.UseAdminAccess, &resp.Diagnostics)
	if config.ImportMode.ValueBool() && r.client != nil && r.client.AuthMode == chatapi.AuthModeApp {
		resp.Diagnostics.AddAttributeError(path.Root("import_mode"), "User Credentials Required",
			"\"Creating a space in Import Mode requires user authentication\" (Space.importMode), with domain-wide delegation "+
				"(impersonate_user) and the chat.import scope; this provider uses app credentials.")
	}
	var state spaceModel
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if r.client != nil && r.client.AuthMode == chatapi.AuthModeApp {
		spaceType := plan.SpaceType.ValueString()
		if creating && (spaceType == convert.SpaceTypeGroupChat || spaceType == convert.SpaceTypeDM) {
			resp.Diagnostics.AddAttributeError(path.Root("space_type"), "User Credentials Required",
				fmt.Sprintf("Creating a %s needs user credentials (spaces.setup is user-only), but the provider uses app "+
					"credentials. Configure a provider with auth_mode = \"user\" (OAuth user credentials, an access token, or "+
					"impersonate_user) and set provider = googlechat.user on this resource.", spaceType))
		}
		if creating {
			rejectEmails(r.client, &resp.Diagnostics, path.Root("initial_members"), convert.SetStrings(ctx, plan.InitialMembers, &resp.Diagnostics)...)
			var members []string
			resp.Diagnostics.Append(plan.InitialMembers.ElementsAs(ctx, &members, true)...)
			for _, m := range members {
				if strings.HasPrefix(m, "groups/") {
					resp.Diagnostics.AddAttributeError(path.Root("initial_members"), "User Credentials Required",
						fmt.Sprintf("%s: Chat apps can't add Google groups; use user credentials to add groups.", m))
				}
			}
		}
		if creating && convert.Known(audienceOf(config.AccessSettings)) {
			resp.Diagnostics.AddAttributeError(path.Root("access_settings").AtName("audience"), "User Credentials Required",
				"Setting a target audience requires user authentication; the Chat API refuses it from apps.")
		}
		if !creating && !config.AccessSettings.IsNull() && !audienceOf(config.AccessSettings).Equal(audienceOf(state.AccessSettings)) {
			resp.Diagnostics.AddAttributeError(path.Root("access_settings").AtName("audience"), "User Credentials Required",
				"The Chat API does not let apps change access_settings.audience; use user credentials for this change.")
		}
	}
	if !creating && plan.SpaceType.ValueString() == convert.SpaceTypeSpace && !state.InitialMembers.IsNull() &&
		!plan.InitialMembers.Equal(state.InitialMembers) {
		resp.Diagnostics.AddAttributeWarning(path.Root("initial_members"), "Initial Members Only Apply at Creation",
			"Changing initial_members of an existing SPACE adds and removes nobody; the new list is only recorded. "+
				"Manage the members of an existing space with membership resources.")
	}
	// A group chat promoted to a named space gains permission and access
	// settings: unless configured, they are known only after apply.
	if !creating && state.SpaceType.ValueString() == convert.SpaceTypeGroupChat && plan.SpaceType.ValueString() == convert.SpaceTypeSpace {
		if config.PermissionSettings.IsNull() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("permission_settings"), types.ObjectUnknown(convert.PermissionsAttrTypes()))...)
		}
		if config.AccessSettings.IsNull() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("access_settings"), types.ObjectUnknown(convert.AccessAttrTypes))...)
		}
	}
	r.planAccessPermissions(ctx, config, state, creating, resp)
	if !creating {
		planImportChanges(ctx, config, plan, state, resp)
	}
	// createTime "is output only, except when used in import mode spaces":
	// a configuration may repeat the recorded time (terraform plan
	// -generate-config-out writes it), but not set one otherwise.
	if convert.Known(config.CreateTime) && !config.ImportMode.ValueBool() && (creating || !sameInstant(state.CreateTime, config.CreateTime.ValueString())) {
		resp.Diagnostics.AddAttributeError(path.Root("create_time"), "Invalid Attribute Combination",
			"create_time can be set only with import_mode = true: it is output only for other spaces (a configuration may "+
				"repeat the recorded time).")
	}
	if config.ImportMode.ValueBool() && creating {
		if _, changed := accessPermissionPatch(config.AccessSettings, state.AccessSettings, state.PermissionSettings); changed {
			resp.Diagnostics.AddAttributeError(path.Root("access_settings").AtName("access_permission_settings"), "Not Supported in Import Mode",
				"spaces.patch can't update access permission settings while the space is in import mode; set them once "+
					"import_complete is true.")
		}
	}
	if !creating && adminAccess(ctx, r.client, config.UseAdminAccess) {
		planAdminLimits(config, plan, state, resp)
	}
	// access_state follows the audience and who may discover the space: keep
	// it when neither changes.
	if !creating && !plan.AccessSettings.IsNull() && !plan.AccessSettings.IsUnknown() && !state.AccessSettings.IsNull() {
		planned := plan.AccessSettings.Attributes()
		discover, known := audiencesOf(accessPermissionsOf(config.AccessSettings), "discover_space")
		current, _ := audiencesOf(accessPermissionsOf(state.AccessSettings), "discover_space")
		if audienceOf(plan.AccessSettings).Equal(audienceOf(state.AccessSettings)) && planned["access_state"].IsUnknown() &&
			(!known || slices.Equal(discover, current)) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("access_settings").AtName("access_state"),
				state.AccessSettings.Attributes()["access_state"])...)
		}
	}
}

// spaceTypeRequiresReplace: GROUP_CHAT to SPACE is the only in-place change.
func spaceTypeRequiresReplace(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	promoted := req.StateValue.ValueString() == convert.SpaceTypeGroupChat && req.PlanValue.ValueString() == convert.SpaceTypeSpace
	resp.RequiresReplace = !promoted
}

// initialMembersRequireReplace: members of group chats and DMs are fixed at
// creation; after import (null state) the list is only recorded.
func initialMembersRequireReplace(ctx context.Context, req planmodifier.SetRequest, resp *setplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.StateValue.IsNull() {
		return
	}
	var spaceType types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("space_type"), &spaceType)...)
	resp.RequiresReplace = spaceType.ValueString() != convert.SpaceTypeSpace
}

// planAccessPermissions checks the configured access permission settings:
// changing them needs user credentials ("the authenticating user must be a
// space manager or assistant manager"); "Principals allowed to join the
// space must also be allowed to discover it"; and granting an audience the
// membership view also lets members view it (see accessPermissionPatch),
// which the plan shows.
func (r *spaceResource) planAccessPermissions(ctx context.Context, config, state spaceModel, creating bool, resp *resource.ModifyPlanResponse) {
	wanted, have := accessPermissionsOf(config.AccessSettings), accessPermissionsOf(state.AccessSettings)
	if !convert.Known(wanted) {
		return
	}
	at := path.Root("access_settings").AtName("access_permission_settings")
	planned := map[string][]string{}
	changed := map[string]bool{}
	for _, p := range convert.AccessPermissions {
		audiences, known := audiencesOf(wanted, p.Key)
		current, recorded := audiencesOf(have, p.Key)
		if known {
			planned[p.Key] = audiences
			changed[p.Key] = !recorded || !slices.Equal(audiences, current)
		} else if recorded {
			planned[p.Key] = current
		}
		if changed[p.Key] && r.client != nil && r.client.AuthMode == chatapi.AuthModeApp {
			resp.Diagnostics.AddAttributeError(at.AtName(p.Key), "User Credentials Required",
				at.AtName(p.Key).String()+": changing access permission settings needs user credentials: spaces.patch wants "+
					"\"the authenticating user\" to be a space manager or assistant manager.")
		}
	}
	if discover, known := planned["discover_space"]; known {
		join := planned["join_space"]
		for _, audience := range join {
			if !slices.Contains(discover, audience) {
				resp.Diagnostics.AddAttributeError(at.AtName("join_space"), "Audience Can't Join Without Discovering",
					fmt.Sprintf("%s: %s may join but not discover the space: the Chat API wants \"principals allowed to join "+
						"the space\" to \"also be allowed to discover it\". Add it to discover_space.", at.AtName("join_space"), audience))
			}
		}
	}
	var permissions types.Object
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("permission_settings"), &permissions)...)
	if changed["view_space_membership"] && len(planned["view_space_membership"]) > 0 && !creating && convert.Known(permissions) {
		// Planned as accessPermissionPatch will send it.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx,
			path.Root("permission_settings").AtName("view_space_membership").AtName("members_allowed"), types.BoolValue(true))...)
	}
}

// requireUserForAdmin refuses use_admin_access = true with app credentials:
// administrator privileges are a user's.
func requireUserForAdmin(client *chatapi.Client, own types.Bool, diags *diag.Diagnostics) {
	if own.ValueBool() && client != nil && client.AuthMode == chatapi.AuthModeApp {
		diags.AddAttributeError(path.Root("use_admin_access"), "User Credentials Required",
			"use_admin_access needs the user credentials of a Google Workspace administrator; this provider uses app credentials.")
	}
}

// planAdminLimits refuses the changes spaces.patch can't make with
// administrator privileges: "`space_type` is not supported with
// `useAdminAccess`", and likewise `space_history_state`,
// `access_settings.audience` and `access_settings.access_permission_settings`
// (discovery document, spaces.patch updateMask).
func planAdminLimits(config, plan, state spaceModel, resp *resource.ModifyPlanResponse) {
	refuse := func(at path.Path, mask string) {
		resp.Diagnostics.AddAttributeError(at, "Not Supported With Administrator Access",
			fmt.Sprintf("spaces.patch can't change %s with useAdminAccess. Set use_admin_access = false on this space to make "+
				"this change as a space manager, or make it in Google Chat.", mask))
	}
	if !plan.SpaceType.Equal(state.SpaceType) && convert.Known(plan.SpaceType) {
		refuse(path.Root("space_type"), "space_type")
	}
	if convert.Known(plan.HistoryState) && !plan.HistoryState.Equal(state.HistoryState) {
		refuse(path.Root("history_state"), "space_history_state")
	}
	if wanted := audienceOf(config.AccessSettings); convert.Known(config.AccessSettings) && !wanted.IsUnknown() &&
		!wanted.Equal(audienceOf(state.AccessSettings)) {
		refuse(path.Root("access_settings").AtName("audience"), "access_settings.audience")
	}
	if _, changed := accessPermissionPatch(config.AccessSettings, state.AccessSettings, state.PermissionSettings); changed {
		refuse(path.Root("access_settings").AtName("access_permission_settings"), "access_settings.access_permission_settings")
	}
}

// validateImportMode checks import_mode, import_complete and create_time
// against what import mode allows: "Import mode supports SPACE and
// GROUP_CHAT ... not DIRECT_MESSAGE" and "No members are created" (Chat's
// import guide; spaces.create), and createTime is "output only, except when
// used in import mode spaces" (Space.createTime).
func validateImportMode(config spaceModel, spaceType string, bad func(attribute, format string, args ...any)) {
	importing := config.ImportMode.ValueBool() || config.ImportMode.IsUnknown()
	switch {
	case config.ImportMode.ValueBool() && spaceType == convert.SpaceTypeDM:
		bad("import_mode", "import mode supports SPACE and GROUP_CHAT, not DIRECT_MESSAGE.")
	case config.ImportMode.ValueBool() && !config.InitialMembers.IsNull():
		bad("initial_members", "a space in import mode is created with no members (spaces.create: \"Import mode: No members are "+
			"created\"); add them with membership resources once import_complete is true.")
	}
	if !importing && !config.ImportComplete.IsNull() {
		bad("import_complete", "import_complete applies only to a space with import_mode = true.")
	}
}

// planImportChanges refuses what can't change on an existing import-mode
// space: completing the import can't be undone, and access settings can't
// be updated "if the space is in import mode" (spaces.patch updateMask).
func planImportChanges(ctx context.Context, config, plan, state spaceModel, resp *resource.ModifyPlanResponse) {
	if plan.ImportComplete.ValueBool() && !state.ImportComplete.ValueBool() {
		// completeImport clears it.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("import_mode_expire_time"), types.StringUnknown())...)
	}
	if state.ImportComplete.ValueBool() && !plan.ImportComplete.ValueBool() && plan.ImportMode.Equal(state.ImportMode) {
		resp.Diagnostics.AddAttributeError(path.Root("import_complete"), "Import Can't Be Undone",
			"spaces.completeImport can't be undone: the space left import mode. Keep import_complete = true, or replace the "+
				"space (for example by changing import_mode).")
	}
	if !state.ImportMode.ValueBool() || state.ImportComplete.ValueBool() {
		return
	}
	wanted := audienceOf(config.AccessSettings)
	_, accessChanged := accessPermissionPatch(config.AccessSettings, state.AccessSettings, state.PermissionSettings)
	if accessChanged || convert.Known(config.AccessSettings) && !wanted.IsUnknown() && !wanted.Equal(audienceOf(state.AccessSettings)) {
		resp.Diagnostics.AddAttributeError(path.Root("access_settings"), "Not Supported in Import Mode",
			"spaces.patch can't update access settings while the space is in import mode; set import_complete = true first.")
	}
}
