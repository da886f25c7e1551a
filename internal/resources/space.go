package resources

import (
	"context"
	"fmt"
	"regexp"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

var (
	_ resource.Resource                   = (*spaceResource)(nil)
	_ resource.ResourceWithConfigure      = (*spaceResource)(nil)
	_ resource.ResourceWithImportState    = (*spaceResource)(nil)
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
	ID                           types.String   `tfsdk:"id"`
	Name                         types.String   `tfsdk:"name"`
	SpaceType                    types.String   `tfsdk:"space_type"`
	DisplayName                  types.String   `tfsdk:"display_name"`
	Description                  types.String   `tfsdk:"description"`
	Guidelines                   types.String   `tfsdk:"guidelines"`
	HistoryState                 types.String   `tfsdk:"history_state"`
	ExternalUserAllowed          types.Bool     `tfsdk:"external_user_allowed"`
	SingleUserBotDm              types.Bool     `tfsdk:"single_user_bot_dm"`
	PredefinedPermissionSettings types.String   `tfsdk:"predefined_permission_settings"`
	PermissionSettings           types.Object   `tfsdk:"permission_settings"`
	AccessSettings               types.Object   `tfsdk:"access_settings"`
	InitialMembers               types.Set      `tfsdk:"initial_members"`
	DeletionPolicy               types.String   `tfsdk:"deletion_policy"`
	SpaceURI                     types.String   `tfsdk:"space_uri"`
	CreateTime                   types.String   `tfsdk:"create_time"`
	ThreadingState               types.String   `tfsdk:"threading_state"`
	AdminInstalled               types.Bool     `tfsdk:"admin_installed"`
}

const (
	spaceTypeSpace     = "SPACE"
	spaceTypeGroupChat = "GROUP_CHAT"
	spaceTypeDM        = "DIRECT_MESSAGE"
	deletionDelete     = "DELETE"
	deletionAbandon    = "ABANDON"
	maxInitialMembers  = 49
)

var (
	spaceNamePattern = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+$`)
	importIDPattern  = regexp.MustCompile(`^(spaces/)?([A-Za-z0-9_-]+)$`)
	memberPattern    = regexp.MustCompile(`^(users/[^/\s]+|groups/[^/\s@]+)$`)
)

func (r *spaceResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "google_chat_space"
}

func (r *spaceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Google Chat space: a named space (`SPACE`), a group chat (`GROUP_CHAT`) or a direct message " +
			"(`DIRECT_MESSAGE`). With user credentials every type is created with " +
			"[`spaces.setup`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/setup) and its initial " +
			"members; with app credentials only named spaces can be created, with " +
			"[`spaces.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/create) in the provider's " +
			"`customer`, then the initial members are added one by one. Creation carries a `requestId`, so a retried request " +
			"never makes a second space.",
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})},
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Same as `name`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Resource name of the space, `spaces/{space}`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"space_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(spaceTypeSpace),
				MarkdownDescription: "`SPACE` (default), `GROUP_CHAT` or `DIRECT_MESSAGE`. Group chats and direct messages need " +
					"user credentials. Changing `GROUP_CHAT` to `SPACE` (with a `display_name`) updates the space in place, the " +
					"only type change the API allows; any other change replaces it.",
				Validators: []validator.String{stringvalidator.OneOf(spaceTypeSpace, spaceTypeGroupChat, spaceTypeDM)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(spaceTypeRequiresReplace,
					"Changing space_type replaces the space, except GROUP_CHAT to SPACE.",
					"Changing `space_type` replaces the space, except `GROUP_CHAT` to `SPACE`.")},
			},
			"display_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The space's name, at most 128 characters. Required for `SPACE`, not allowed for the other " +
					"types. Must be unique in the organization (the API answers `ALREADY_EXISTS` otherwise). Updated in place.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"description": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "What the space is about, at most 4,096 characters. Not allowed for `DIRECT_MESSAGE`. Updated in place.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 4096)},
			},
			"guidelines": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The space's rules and etiquette, at most 5,000 characters. Not allowed for `DIRECT_MESSAGE`. Updated in place.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 5000)},
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
						Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^audiences/[A-Za-z0-9_-]+$`),
							"must be audiences/{audience}")},
					},
					"access_state": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "`PRIVATE` or `DISCOVERABLE` (output only).",
					},
				},
			},
			"initial_members": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Members added at creation, besides the caller: `users/{id}`, `users/{email}` or " +
					"`groups/{id}` (groups only in `SPACE`, and only with user credentials). `GROUP_CHAT` needs at least two " +
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
				Computed:            true,
				MarkdownDescription: "When the space was created (RFC 3339). Empty for direct messages.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"threading_state": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`THREADED_MESSAGES`, `GROUPED_MESSAGES` or `UNTHREADED_MESSAGES`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
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
		MarkdownDescription: "Who may do what in a `SPACE`, by role. Only the settings you set are managed; the others are " +
			"read from the API. Each change is sent with `permission_settings.*` update masks in a request of its own. With " +
			"app credentials the API returns and accepts these only for spaces the app created.",
		PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
		Attributes:    attributes,
	}
}

func (r *spaceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
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
		addAPIError(&resp.Diagnostics, "Unable to Create Chat Space", createMethod(r.client), err, createAdvice(err))
		return
	}
	if out.SpaceUri == "" {
		// A repeated requestId answers with the request echoed; read the space.
		if out, err = r.client.GetSpace(ctx, out.Name); err != nil {
			addAPIError(&resp.Diagnostics, "Unable to Read Created Chat Space", "spaces.get", err, "")
			return
		}
	}
	state := spaceFromAPI(out, plan)
	// Save now: if a follow-up call fails the space is tainted, not orphaned.
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)

	if r.client.AuthMode == chatapi.AuthModeApp {
		for _, m := range members {
			if _, err := r.client.CreateMembership(ctx, out.Name, m); err != nil && !chatapi.IsAlreadyExists(err) {
				addAPIError(&resp.Diagnostics, "Unable to Add Initial Member", "spaces.members.create", err,
					fmt.Sprintf("The space %s was created; it is marked tainted and will be replaced on the next apply.", out.Name))
				return
			}
		}
	}
	if patch, mask := permissionChanges(config.PermissionSettings, state.PermissionSettings); len(mask) > 0 {
		updated, err := r.client.PatchSpace(ctx, out.Name, &chat.Space{PermissionSettings: patch}, mask)
		if err != nil {
			addAPIError(&resp.Diagnostics, "Unable to Set Chat Space Permissions", "spaces.patch", err,
				fmt.Sprintf("The space %s was created; it is marked tainted and will be replaced on the next apply.", out.Name))
			return
		}
		state = spaceFromAPI(updated, state)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *spaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !configured(r.client, &resp.Diagnostics) {
		return
	}
	var state spaceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out, err := r.client.GetSpace(ctx, state.Name.ValueString())
	if chatapi.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Chat Space Not Found",
			fmt.Sprintf("%s no longer exists; removing it from state so the next apply creates it again.", state.Name.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Read Chat Space", "spaces.get", err, "")
		return
	}
	state = spaceFromAPI(out, state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
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
			addAPIError(&resp.Diagnostics, "Unable to Update Chat Space", "spaces.patch (updateMask "+joinMask(patch.mask)+")", err, updateAdvice(err))
			// Keep what did change, so the next plan shows only what is left.
			resp.Diagnostics.Append(resp.State.Set(ctx, &result)...)
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
	case state.SpaceType.ValueString() != spaceTypeSpace && (chatapi.Code(err) == 400 || chatapi.Code(err) == 403):
		resp.Diagnostics.AddWarning("Chat Space Not Deleted",
			fmt.Sprintf("The Chat API does not delete %s %s (%v); it was removed from Terraform state only. "+
				"Set deletion_policy = \"ABANDON\" to skip the attempt.", state.SpaceType.ValueString(), state.Name.ValueString(), err))
	default:
		addAPIError(&resp.Diagnostics, "Unable to Delete Chat Space", "spaces.delete", err,
			"App credentials can delete only spaces the app created; users must be space managers. "+
				"To leave the space in place, set deletion_policy = \"ABANDON\".")
	}
}

func (r *spaceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	match := importIDPattern.FindStringSubmatch(req.ID)
	if match == nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("%q is not a space name. Use spaces/{space} or the bare space ID, for example: terraform import google_chat_space.team spaces/AAAAbbbb123", req.ID))
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
	case spaceTypeSpace:
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
	case spaceTypeDM:
		if len(members) == 1 && members[0].Member != nil {
			if found, err := r.client.FindDirectMessage(ctx, members[0].Member.Name); err == nil {
				return found
			}
		}
	}
	return nil
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
	case chatapi.Code(err) == 403:
		return "Check the provider's auth_mode and scopes: app credentials need chat.app.spaces (with administrator " +
			"approval) and the provider's customer; user credentials need chat.spaces or chat.spaces.create."
	}
	return ""
}

func updateAdvice(err error) string {
	switch {
	case chatapi.IsAlreadyExists(err):
		return "Another space in the organization already uses this display_name; choose another."
	case chatapi.Code(err) == 403:
		return "The caller may lack the permission for this change: permission settings need a space manager (or the " +
			"app that created the space), audience changes need user credentials and a manager."
	}
	return ""
}
