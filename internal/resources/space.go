package resources

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var _ validatedResource = (*spaceResource)(nil)

// NewSpace is the google_chat_space resource.
func NewSpace() resource.Resource {
	return &spaceResource{base{typeName: "google_chat_space", identity: "name", identityDescription: "Resource name of the space, `spaces/{space}`."}}
}

type spaceResource struct {
	base
}

type spaceModel struct {
	Timeouts                     timeouts.Value `tfsdk:"timeouts"`
	PredefinedPermissionSettings types.String   `tfsdk:"predefined_permission_settings"`
	InitialMembers               types.Set      `tfsdk:"initial_members"`
	DeletionPolicy               types.String   `tfsdk:"deletion_policy"`
	UseAdminAccess               types.Bool     `tfsdk:"use_admin_access"`
	ImportMode                   types.Bool     `tfsdk:"import_mode"`
	ImportComplete               types.Bool     `tfsdk:"import_complete"`
	ImportModeExpireTime         types.String   `tfsdk:"import_mode_expire_time"`
	convert.SpaceAttributes
}

const (
	deletionDelete    = "DELETE"
	deletionAbandon   = "ABANDON"
	maxInitialMembers = 49
)

var (
	importIDPattern = regexp.MustCompile(`^(spaces/)?([A-Za-z0-9_-]+)$`)
	memberPattern   = regexp.MustCompile(`^(users/[^/\s]+|groups/[^/\s@]+)$`)
)

func (r *spaceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	// What the configuration set, not what the plan filled in, decides which
	// settings are sent.
	config, ok := getModel[spaceModel](ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx, cancel, plan, ok := beginWith[spaceModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	members, diags := initialMemberships(ctx, plan.InitialMembers)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	input := spaceToAPI(plan)
	// One requestId for this create: the transport re-sends the same body, so
	// a lost response never makes a second space.
	requestID := uuid.NewString()
	var out *chat.Space
	var err error
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	started := time.Now()
	adopted := false
	switch {
	case plan.ImportMode.ValueBool():
		// "Can be used to create a named space, or a group chat in Import
		// mode" (spaces.create): no members, not even the caller.
		out, err = r.client.CreateSpace(attemptCtx, input, requestID)
	case r.client.AuthMode == chatapi.AuthModeUser:
		// spaces.setup returns a DM that already exists ("If a DM already
		// exists between two users, ... then the existing DM is returned",
		// discovery document): look first, so destroy never deletes a DM
		// (and its history) that predates this configuration.
		if out, adopted = r.existingDM(ctx, plan, members); !adopted {
			out, err = r.client.SetUpSpace(attemptCtx, &chat.SetUpSpaceRequest{Space: input, Memberships: members, RequestId: requestID})
		}
	default:
		input.Customer = r.client.Customer
		out, err = r.client.CreateSpace(attemptCtx, input, requestID)
	}
	if err != nil && attempts.Uncertain() {
		// Every retry failed, but an attempt may have created the space: look
		// for it before reporting failure, so a later apply makes no second one.
		if found := r.findCreated(ctx, plan, members); found != nil {
			out, err = found, nil
		}
	}
	if err != nil {
		if chatapi.IsAlreadyExists(err) && plan.SpaceType.ValueString() == convert.SpaceTypeSpace {
			glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("display_name"), "Unable to Create Chat Space", createMethod(r.client, plan.ImportMode.ValueBool()), err, createAdvice(err, plan.ImportMode.ValueBool()))
		} else {
			glue.AddAPIError(&resp.Diagnostics, "Unable to Create Chat Space", createMethod(r.client, plan.ImportMode.ValueBool()), err,
				createAdvice(err, plan.ImportMode.ValueBool()))
		}
		return
	}
	if out.SpaceUri == "" {
		// A repeated requestId answers with the request echoed; read the space.
		if out, err = r.client.GetSpace(ctx, out.Name); err != nil {
			glue.AddAPIError(&resp.Diagnostics, "Unable to Read Created Chat Space", "spaces.get", err, "")
			return
		}
	}
	state := spaceFromAPI(out, plan)
	// The creator is the space's manager: the follow-up calls need no
	// administrator privileges, and some masks are "not supported with
	// useAdminAccess" (access permission settings).
	ctx = chatapi.WithAdminAccess(ctx, false)
	// Save now: if a follow-up call fails the space is tainted, not orphaned.
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
	if adopted || bornBefore(out, started) {
		// A bot DM has no lookup before setup: an answer older than this
		// apply is one that existed.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateAdopted, []byte("true"))...)
		resp.Diagnostics.AddWarning("Existing Direct Message Adopted",
			fmt.Sprintf("%s existed before this configuration; spaces.setup returns an existing direct message rather than "+
				"making another. Terraform manages it from now on, but destroy will only remove it from state, never delete it.", out.Name))
	} else if r.client.AuthMode == chatapi.AuthModeUser && len(members) > 0 && plan.SpaceType.ValueString() != convert.SpaceTypeDM &&
		!plan.ImportMode.ValueBool() {
		r.warnMembersNotAdded(ctx, out.Name, members, &resp.Diagnostics)
	}

	if r.client.AuthMode == chatapi.AuthModeApp {
		for _, m := range members {
			if _, err := r.client.CreateMembership(ctx, out.Name, m); err != nil && !chatapi.IsAlreadyExists(err) {
				glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("initial_members"), "Unable to Add Initial Member",
					"spaces.members.create "+initialMemberName(m), err,
					fmt.Sprintf("The space %s was created; it is marked tainted and will be replaced on the next apply.", out.Name))
				return
			}
		}
	}
	if patch, ok := accessPermissionPatch(config.AccessSettings, state.AccessSettings, state.PermissionSettings); ok {
		// spaces.setup and spaces.create take only the audience.
		updated, err := r.client.PatchSpace(ctx, out.Name, patch.space, patch.mask)
		if err != nil {
			glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("access_settings").AtName("access_permission_settings"),
				"Unable to Set Chat Space Access Permissions", "spaces.patch (updateMask "+joinMask(patch.mask)+")", err,
				fmt.Sprintf("The space %s was created; it is marked tainted and will be replaced on the next apply.", out.Name))
			return
		}
		state = spaceFromAPI(updated, state)
	}
	if patch, mask := permissionChanges(config.PermissionSettings, state.PermissionSettings); len(mask) > 0 {
		updated, err := r.client.PatchSpace(ctx, out.Name, &chat.Space{PermissionSettings: patch}, mask)
		if err != nil {
			glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("permission_settings"), "Unable to Set Chat Space Permissions", "spaces.patch", err,
				fmt.Sprintf("The space %s was created; it is marked tainted and will be replaced on the next apply.", out.Name))
			return
		}
		state = spaceFromAPI(updated, state)
	}
	if plan.ImportComplete.ValueBool() && !r.completeImport(ctx, &state, &resp.Diagnostics) {
		state.ImportComplete = types.BoolValue(false) // still in import mode: an untainted state must say so
		saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
		return
	}
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
}

func (r *spaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	refresh(ctx, r.client, req, resp, readSpace, func(*chat.Space) bool { return false }, readAdvice{
		"Chat Space Not Found", "no longer exists; removing it from state so the next apply creates it again.",
		"Unable to Read Chat Space", "spaces.get",
	}, spaceFromAPI)
}

func (r *spaceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	// What the configuration set, not what the plan filled in, decides which
	// settings are sent.
	config, ok := getModel[spaceModel](ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx, cancel, plan, state, ok := beginUpdate[spaceModel](ctx, r.client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	name := state.Name.ValueString()
	result := state
	for _, patch := range spacePatches(plan, state, config) {
		out, err := r.client.PatchSpace(ctx, name, patch.space, patch.mask)
		if err != nil {
			method := "spaces.patch (updateMask " + joinMask(patch.mask) + ")"
			if at, ok := patchErrorPath(err, patch.mask); ok {
				glue.AddAttributeAPIError(&resp.Diagnostics, at, "Unable to Update Chat Space", method, err, updateAdvice(err))
			} else {
				glue.AddAPIError(&resp.Diagnostics, "Unable to Update Chat Space", method, err, updateAdvice(err))
			}
			// Keep what did change, so the next plan shows only what is left.
			saveState(ctx, &resp.State, resp.Identity, &result, "name", &resp.Diagnostics)
			return
		}
		result = spaceFromAPI(out, result)
	}
	// Attributes that never reach the API (deletion_policy, initial_members,
	// predefined_permission_settings) take the planned values.
	result.DeletionPolicy = plan.DeletionPolicy
	result.InitialMembers = plan.InitialMembers
	result.PredefinedPermissionSettings = plan.PredefinedPermissionSettings
	result.UseAdminAccess = plan.UseAdminAccess
	if plan.ImportComplete.ValueBool() && !state.ImportComplete.ValueBool() && !r.completeImport(ctx, &result, &resp.Diagnostics) {
		saveState(ctx, &resp.State, resp.Identity, &result, "name", &resp.Diagnostics)
		return
	}
	result.ImportComplete = plan.ImportComplete
	result.ImportMode = plan.ImportMode // an input: recorded as planned (null to true after an import)
	if sameInstant(plan.CreateTime, result.CreateTime.ValueString()) {
		result.CreateTime = plan.CreateTime // the same instant, spelled as configured
	}
	// The activity attributes were planned from state: the next read
	// brings the values the edit left.
	result.LastActiveTime, result.JoinedDirectHumanUserCount, result.JoinedGroupCount =
		plan.LastActiveTime, plan.JoinedDirectHumanUserCount, plan.JoinedGroupCount
	saveState(ctx, &resp.State, resp.Identity, &result, "name", &resp.Diagnostics)
}

func (r *spaceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[spaceModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if state.DeletionPolicy.ValueString() == deletionAbandon {
		return
	}
	if adopted, diags := req.Private.GetKey(ctx, privateAdopted); string(adopted) == "true" && !diags.HasError() {
		resp.Diagnostics.AddWarning("Adopted Direct Message Not Deleted",
			fmt.Sprintf("%s existed before this configuration adopted it, so destroy removed it from Terraform state only, "+
				"whatever deletion_policy says.", state.Name.ValueString()))
		return
	}
	err := r.client.DeleteSpace(ctx, state.Name.ValueString())
	switch {
	case err == nil, chatapi.IsNotFound(err):
	case state.SpaceType.ValueString() != convert.SpaceTypeSpace && (chatapi.IsInvalidArgument(err) || chatapi.IsPermissionDenied(err)):
		resp.Diagnostics.AddWarning("Chat Space Not Deleted",
			fmt.Sprintf("The Chat API does not delete %s %s (%v); it was removed from Terraform state only. "+
				"Set deletion_policy = \"ABANDON\" to skip the attempt.", state.SpaceType.ValueString(), state.Name.ValueString(), err))
	default:
		glue.AddAPIError(&resp.Diagnostics, "Unable to Delete Chat Space", "spaces.delete", err,
			"App credentials can delete only spaces the app created; users must be space managers. "+
				"To leave the space in place, set deletion_policy = \"ABANDON\".")
	}
}

func (r *spaceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	canonical := func(id string) (string, bool) {
		if match := importIDPattern.FindStringSubmatch(id); match != nil {
			return "spaces/" + match[2], true
		}
		return "", false
	}
	if _, ok := importAs(ctx, req, resp, "name", canonical,
		"a space name. Use spaces/{space} or the bare space ID, for example: terraform import google_chat_space.team spaces/AAAAbbbb123"); ok {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_policy"), deletionDelete)...)
	}
}

// patchErrorPath is the attribute a failed spaces.patch points at: the one
// its update mask sends alone, or display_name when the name is taken.
func patchErrorPath(err error, mask []string) (path.Path, bool) {
	switch {
	case chatapi.IsAlreadyExists(err) && slices.Contains(mask, "display_name"):
		return path.Root("display_name"), true
	case len(mask) == 1 && mask[0] == "space_history_state":
		return path.Root("history_state"), true
	case len(mask) == 1 && mask[0] == "access_settings.audience":
		return path.Root("access_settings").AtName("audience"), true
	case len(mask) > 0 && strings.HasPrefix(mask[0], "access_settings.access_permission_settings."):
		return path.Root("access_settings").AtName("access_permission_settings"), true
	case len(mask) > 0 && strings.HasPrefix(mask[0], "permission_settings."):
		return path.Root("permission_settings"), true
	}
	return path.Empty(), false
}

func createMethod(client *chatapi.Client, importMode bool) string {
	if client.AuthMode == chatapi.AuthModeUser && !importMode {
		return "spaces.setup"
	}
	return "spaces.create"
}

func createAdvice(err error, importMode bool) string {
	switch {
	case importMode && chatapi.IsPermissionDenied(err):
		return "A space in import mode needs user credentials with domain-wide delegation (credentials of the Chat app's " +
			"service account with impersonate_user) and the chat.import scope, granted to the service account by an administrator."
	case chatapi.IsAlreadyExists(err):
		return "Another space in the organization already uses this display_name. Choose another display_name, or " +
			"import the existing space with: terraform import google_chat_space.NAME spaces/ID"
	case chatapi.IsPermissionDenied(err):
		return "Check the provider's auth_mode and scopes: app credentials need chat.app.spaces (with administrator " +
			"approval) and the provider's customer; user credentials need chat.spaces or chat.spaces.create."
	}
	return ""
}

func updateAdvice(err error) string {
	switch {
	case chatapi.IsAlreadyExists(err):
		return "Another space in the organization already uses this display_name; choose another."
	case chatapi.IsPermissionDenied(err):
		return "The caller may lack the permission for this change: permission settings need a space manager (or the " +
			"app that created the space), audience changes need user credentials and a manager."
	}
	return ""
}
