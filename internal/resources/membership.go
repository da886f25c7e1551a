package resources

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

var (
	_ resource.Resource                = (*membershipResource)(nil)
	_ resource.ResourceWithConfigure   = (*membershipResource)(nil)
	_ resource.ResourceWithImportState = (*membershipResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*membershipResource)(nil)
)

// NewMembership is the google_chat_membership resource.
func NewMembership() resource.Resource { return &membershipResource{} }

type membershipResource struct {
	client *chatapi.Client
}

type membershipModel struct {
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
	ID          types.String   `tfsdk:"id"`
	Name        types.String   `tfsdk:"name"`
	Space       types.String   `tfsdk:"space"`
	Member      types.String   `tfsdk:"member"`
	GroupMember types.String   `tfsdk:"group_member"`
	Role        types.String   `tfsdk:"role"`
	State       types.String   `tfsdk:"state"`
	CreateTime  types.String   `tfsdk:"create_time"`
}

const (
	roleMember           = "ROLE_MEMBER"
	roleManager          = "ROLE_MANAGER"
	roleAssistantManager = "ROLE_ASSISTANT_MANAGER"
	roleUnspecified      = "MEMBERSHIP_ROLE_UNSPECIFIED"
	callingApp           = "users/app"
)

var (
	groupNamePattern      = regexp.MustCompile(`^groups/[^/\s@]+$`)
	membershipNamePattern = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/members/[^/\s]+$`)
)

func (r *membershipResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "google_chat_membership"
}

func (r *membershipResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One member of a Google Chat space: a user, the calling Chat app, or a Google group, added with " +
			"[`spaces.members.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.members/create). " +
			"The role is changed in place with `spaces.members.patch`. Don't manage the same space with " +
			"`google_chat_space_members` as well: the two would undo each other's changes.",
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})},
		Attributes: map[string]schema.Attribute{
			"id":   schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Same as `name`."},
			"name": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Resource name, `spaces/{space}/members/{member}`."},
			"space": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "The space, `spaces/{space}`. Changing it replaces the membership.",
				Validators:          []validator.String{stringvalidator.RegexMatches(spaceNamePattern, "must be spaces/{space}")},
			},
			"member": schema.StringAttribute{
				Optional: true, PlanModifiers: replace,
				MarkdownDescription: "The user, `users/{id}` or `users/{email}`, or `users/app` for the calling Chat app. The " +
					"API answers with `users/{id}`; the value stays as written. Exactly one of `member` and `group_member`. " +
					"Changing it replaces the membership.",
				Validators: []validator.String{
					stringvalidator.RegexMatches(userNamePattern, "must be users/{id or email} or users/app"),
					stringvalidator.ExactlyOneOf(path.MatchRoot("member"), path.MatchRoot("group_member")),
				},
			},
			"group_member": schema.StringAttribute{
				Optional: true, PlanModifiers: replace,
				MarkdownDescription: "A Google group, `groups/{id}` (the Cloud Identity group ID; emails are not accepted). Only in " +
					"named spaces, and only with user credentials. Changing it replaces the membership.",
				Validators: []validator.String{stringvalidator.RegexMatches(groupNamePattern, "must be groups/{id}")},
			},
			"role": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "`ROLE_MEMBER` (default), `ROLE_MANAGER` (shown as owner in Chat) or `ROLE_ASSISTANT_MANAGER` " +
					"(shown as manager); manager roles only in named spaces. Groups have no role. Updated in place; a role " +
					"changed outside Terraform is set back.",
				Validators: []validator.String{
					stringvalidator.OneOf(roleMember, roleManager, roleAssistantManager),
					stringvalidator.ConflictsWith(path.MatchRoot("group_member")),
				},
			},
			"state":       schema.StringAttribute{Computed: true, MarkdownDescription: "`JOINED`, or `INVITED` until the user accepts."},
			"create_time": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the member joined or was invited (RFC 3339)."},
		},
	}
}

func (r *membershipResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan fills the default role and applies the app-credential rules.
func (r *membershipResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var config membershipModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.Role.IsNull() && !config.GroupMember.IsUnknown() && !config.Member.IsUnknown() {
		role := roleMember
		if !config.GroupMember.IsNull() {
			role = roleUnspecified
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("role"), role)...)
	}
	// The same member spelled another way (users/{id} after import, an email
	// in configuration) is not a new membership: no replace.
	if !req.State.Raw.IsNull() && r.client != nil && known(config.Member) {
		var state membershipModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if !state.Member.Equal(config.Member) && known(state.Member) {
			key := strings.TrimPrefix(config.Member.ValueString(), "users/")
			if m, err := r.client.GetMembership(ctx, state.Space.ValueString()+"/members/"+key); err == nil && m.Name == state.Name.ValueString() {
				resp.RequiresReplace = slices.DeleteFunc(resp.RequiresReplace, func(p path.Path) bool { return p.Equal(path.Root("member")) })
			}
		}
	}
	if r.client != nil && r.client.AuthMode == chatapi.AuthModeApp && req.State.Raw.IsNull() {
		if !config.GroupMember.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("group_member"), "User Credentials Required",
				"Chat apps can't add Google groups to a space; use a provider with user credentials for this membership.")
		}
		if config.Member.ValueString() == callingApp {
			resp.Diagnostics.AddAttributeError(path.Root("member"), "User Credentials Required",
				"The Chat API doesn't let an app add a Chat app, itself included; a user adds the app (user credentials, "+
					"with the chat.memberships.app scope).")
		}
	}
}

func (r *membershipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	space := plan.Space.ValueString()
	input, key := membershipToAPI(plan)
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateMembership(attemptCtx, space, input)
	if err != nil && attempts.Uncertain() {
		// An earlier attempt of this very create may have landed before its
		// answer was lost: the membership is ours, read it back.
		if found, getErr := r.client.GetMembership(ctx, space+"/members/"+key); getErr == nil {
			out, err = found, nil
		}
	} else if chatapi.IsAlreadyExists(err) {
		addAPIError(&resp.Diagnostics, "Chat Membership Already Exists", "spaces.members.create", err,
			fmt.Sprintf("%s is already in %s. To manage the existing membership, import it with:\n"+
				"  terraform import google_chat_membership.NAME %s/members/%s", memberOf(plan), space, space, key))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Add Chat Member", "spaces.members.create", err, membershipAdvice(err))
		return
	}
	state := membershipFromAPI(out, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	// members.create takes no role: a manager role is a second call.
	if wanted := plan.Role.ValueString(); wanted != state.Role.ValueString() && wanted != roleUnspecified {
		updated, err := r.client.PatchMembership(ctx, out.Name, wanted)
		if err != nil {
			addAPIError(&resp.Diagnostics, "Unable to Set Chat Member Role", "spaces.members.patch", err, membershipAdvice(err))
			return
		}
		state = membershipFromAPI(updated, plan)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

func (r *membershipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !configured(r.client, &resp.Diagnostics) {
		return
	}
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out, err := r.client.GetMembership(ctx, state.Name.ValueString())
	if chatapi.IsNotFound(err) || err == nil && out.State == "NOT_A_MEMBER" {
		resp.Diagnostics.AddWarning("Chat Member Removed",
			fmt.Sprintf("%s is no longer in the space; removing it from state so the next apply adds it again.", state.Name.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Read Chat Membership", "spaces.members.get", err, "")
		return
	}
	state = membershipFromAPI(out, state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *membershipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan, state membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.Role.Equal(state.Role) {
		// Only the member's spelling changed (same membership): nothing to send.
		state.Member = plan.Member
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	out, err := r.client.PatchMembership(ctx, state.Name.ValueString(), plan.Role.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Change Chat Member Role", "spaces.members.patch (updateMask role)", err, membershipAdvice(err))
		return
	}
	state = membershipFromAPI(out, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *membershipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteMembership(ctx, state.Name.ValueString()); err != nil && !chatapi.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Unable to Remove Chat Member", "spaces.members.delete", err, membershipAdvice(err))
	}
}

func (r *membershipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !membershipNamePattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("%q is not a membership name. Use spaces/{space}/members/{member}, where {member} is a user ID, an "+
				"email, app, or a group ID, for example: terraform import google_chat_membership.bob spaces/AAAA/members/bob@example.com", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	// Imported by email or as the app: keep that spelling for member.
	if _, key, _ := strings.Cut(req.ID, "/members/"); strings.Contains(key, "@") || key == "app" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("member"), "users/"+key)...)
	}
}

// membershipToAPI builds the create body and the {member} key of the name.
func membershipToAPI(plan membershipModel) (*chat.Membership, string) {
	if group := plan.GroupMember.ValueString(); group != "" {
		return &chat.Membership{GroupMember: &chat.Group{Name: group}}, strings.TrimPrefix(group, "groups/")
	}
	member := plan.Member.ValueString()
	userType := "HUMAN"
	if member == callingApp {
		userType = "BOT"
	}
	return &chat.Membership{Member: &chat.User{Name: member, Type: userType}}, strings.TrimPrefix(member, "users/")
}

// membershipFromAPI maps a membership; member keeps the spelling in state
// (an email stays an email), so the canonical users/{id} never diffs.
func membershipFromAPI(m *chat.Membership, prior membershipModel) membershipModel {
	out := prior
	out.ID = types.StringValue(m.Name)
	out.Name = types.StringValue(m.Name)
	if space, _, ok := strings.Cut(m.Name, "/members/"); ok {
		out.Space = types.StringValue(space)
	}
	switch {
	case m.GroupMember != nil:
		out.Member = types.StringNull()
		if !known(prior.GroupMember) {
			out.GroupMember = types.StringValue(m.GroupMember.Name)
		}
	case m.Member != nil:
		out.GroupMember = types.StringNull()
		if !known(prior.Member) {
			out.Member = types.StringValue(m.Member.Name)
		}
	}
	role := m.Role
	if role == "" {
		role = roleUnspecified
	}
	out.Role = types.StringValue(role)
	out.State = convert.StringOrNull(m.State)
	out.CreateTime = convert.StringOrNull(m.CreateTime)
	return out
}

func memberOf(plan membershipModel) string {
	if known(plan.GroupMember) {
		return plan.GroupMember.ValueString()
	}
	return plan.Member.ValueString()
}

func membershipAdvice(err error) string {
	switch {
	case chatapi.Code(err) == 403:
		return "The caller must be allowed to manage members of the space: a space manager, or with app credentials the " +
			"app that created the space (and with administrator approval of chat.app.memberships)."
	case chatapi.Code(err) == 400:
		return "Manager roles and Google groups exist only in named spaces (space_type SPACE); users can't be added to direct messages."
	}
	return ""
}
