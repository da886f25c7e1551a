package resources

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

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

var (
	_ resource.Resource                   = (*spaceResource)(nil)
	_ resource.ResourceWithConfigure      = (*spaceResource)(nil)
	_ resource.ResourceWithImportState    = (*spaceResource)(nil)
	_ resource.ResourceWithIdentity       = (*spaceResource)(nil)
	_ resource.ResourceWithValidateConfig = (*spaceResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*spaceResource)(nil)
)

// NewSpace is the google_chat_space resource.
func NewSpace() resource.Resource { return &spaceResource{} }

type spaceResource struct {
	client *chatapi.Client
}

type spaceModel struct {
	Timeouts                     timeouts.Value `tfsdk:"timeouts"`
	PredefinedPermissionSettings types.String   `tfsdk:"predefined_permission_settings"`
	InitialMembers               types.Set      `tfsdk:"initial_members"`
	DeletionPolicy               types.String   `tfsdk:"deletion_policy"`
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

func (r *spaceResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "google_chat_space"
}

func (r *spaceResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema("name", "Resource name of the space, `spaces/{space}`.")
}

func (r *spaceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = glue.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *spaceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan, config spaceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
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
	if r.client.AuthMode == chatapi.AuthModeUser {
		out, err = r.client.SetUpSpace(attemptCtx, &chat.SetUpSpaceRequest{Space: input, Memberships: members, RequestId: requestID})
	} else {
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
			glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("display_name"), "Unable to Create Chat Space", createMethod(r.client), err, createAdvice(err))
		} else {
			glue.AddAPIError(&resp.Diagnostics, "Unable to Create Chat Space", createMethod(r.client), err, createAdvice(err))
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
	// Save now: if a follow-up call fails the space is tainted, not orphaned.
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)

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
	if patch, mask := permissionChanges(config.PermissionSettings, state.PermissionSettings); len(mask) > 0 {
		updated, err := r.client.PatchSpace(ctx, out.Name, &chat.Space{PermissionSettings: patch}, mask)
		if err != nil {
			glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("permission_settings"), "Unable to Set Chat Space Permissions", "spaces.patch", err,
				fmt.Sprintf("The space %s was created; it is marked tainted and will be replaced on the next apply.", out.Name))
			return
		}
		state = spaceFromAPI(updated, state)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
}

func (r *spaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !glue.Configured(r.client, &resp.Diagnostics) {
		return
	}
	var state spaceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Every read returns an identity, even one that removes the resource:
	// the framework insists where Terraform (1.11) or an older state has none.
	setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
	out, err := r.client.GetSpace(ctx, state.Name.ValueString())
	if chatapi.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Chat Space Not Found",
			fmt.Sprintf("%s no longer exists; removing it from state so the next apply creates it again.", state.Name.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Read Chat Space", "spaces.get", err, "")
		return
	}
	state = spaceFromAPI(out, state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
}

func (r *spaceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan, state, config spaceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
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
			resp.Diagnostics.Append(resp.State.Set(ctx, &result)...)
			setIdentity(ctx, resp.Identity, "name", result.Name, &resp.Diagnostics)
			return
		}
		result = spaceFromAPI(out, result)
	}
	// Attributes that never reach the API (deletion_policy, initial_members,
	// predefined_permission_settings) take the planned values.
	result.DeletionPolicy = plan.DeletionPolicy
	result.InitialMembers = plan.InitialMembers
	result.PredefinedPermissionSettings = plan.PredefinedPermissionSettings
	resp.Diagnostics.Append(resp.State.Set(ctx, &result)...)
	setIdentity(ctx, resp.Identity, "name", result.Name, &resp.Diagnostics)
}

func (r *spaceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var state spaceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || state.DeletionPolicy.ValueString() == deletionAbandon {
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
	id := importID(ctx, req, "name", &resp.Diagnostics)
	match := importIDPattern.FindStringSubmatch(id)
	if match == nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("%q is not a space name. Use spaces/{space} or the bare space ID, for example: terraform import google_chat_space.team spaces/AAAAbbbb123", id))
		return
	}
	name := "spaces/" + match[2]
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_policy"), deletionDelete)...)
}

// findCreated looks for a space a failed create may have made: a named space
// by its display name (unique in the organization), a DM by its member. A
// group chat has nothing to find it by.
func (r *spaceResource) findCreated(ctx context.Context, plan spaceModel, members []*chat.Membership) *chat.Space {
	switch plan.SpaceType.ValueString() {
	case convert.SpaceTypeSpace:
		spaces, err := r.client.ListSpaces(ctx, `space_type = "SPACE"`)
		if err != nil {
			return nil
		}
		for _, space := range spaces {
			if space.DisplayName == plan.DisplayName.ValueString() {
				found, err := r.client.GetSpace(ctx, space.Name)
				if err == nil {
					return found
				}
			}
		}
	case convert.SpaceTypeDM:
		if len(members) == 1 && members[0].Member != nil {
			if found, err := r.client.FindDirectMessage(ctx, members[0].Member.Name); err == nil {
				return found
			}
		}
	}
	return nil
}

// initialMemberName is the user or group a membership adds.
func initialMemberName(m *chat.Membership) string {
	if m.GroupMember != nil {
		return m.GroupMember.Name
	}
	return m.Member.Name
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
	case len(mask) > 0 && strings.HasPrefix(mask[0], "permission_settings."):
		return path.Root("permission_settings"), true
	}
	return path.Empty(), false
}

func createMethod(client *chatapi.Client) string {
	if client.AuthMode == chatapi.AuthModeUser {
		return "spaces.setup"
	}
	return "spaces.create"
}

func createAdvice(err error) string {
	switch {
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
