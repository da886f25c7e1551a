package resources

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// The google_chat_space_notification_setting resource. Its files are
// notification_setting*.go rather than space_notification_setting*.go, so
// they stay apart from the space resource's space*.go.

var (
	_ managedResource                       = (*notificationSettingResource)(nil)
	_ resource.ResourceWithConfigValidators = (*notificationSettingResource)(nil)
)

// NewSpaceNotificationSetting is the google_chat_space_notification_setting
// resource.
func NewSpaceNotificationSetting() resource.Resource {
	return &notificationSettingResource{base{typeName: "google_chat_space_notification_setting", identity: "name",
		identityDescription: "Resource name of the caller's setting, `users/me/spaces/{space}/spaceNotificationSetting`."}}
}

type notificationSettingResource struct {
	base
}

type notificationSettingModel struct {
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
	ID                  types.String   `tfsdk:"id"`
	Name                types.String   `tfsdk:"name"`
	Space               types.String   `tfsdk:"space"`
	NotificationSetting types.String   `tfsdk:"notification_setting"`
	MuteSetting         types.String   `tfsdk:"mute_setting"`
	DeletionPolicy      types.String   `tfsdk:"deletion_policy"`
}

// deletion_policy values.
const (
	notificationSettingReset   = "RESET"
	notificationSettingAbandon = "ABANDON"
)

// Create patches the setting, which always exists for a member: there is
// nothing to create, and a lost answer is harmless (the patch sets values,
// so the transport sends it again).
func (r *notificationSettingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := beginWith[notificationSettingModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	out, ok := r.write(ctx, plan, nil, &resp.Diagnostics)
	if !ok {
		return
	}
	if out == nil {
		// Nothing to set (ConfigValidators make this unlikely): read it.
		var err error
		if out, err = r.client.GetSpaceNotificationSetting(ctx, notificationSettingName(plan.Space.ValueString())); err != nil {
			glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("space"), "Unable to Read Chat Space Notification Setting",
				"users.spaces.spaceNotificationSetting.get", err, notificationSettingAdvice(err))
			return
		}
	}
	state := notificationSettingFromAPI(out, plan)
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
}

func (r *notificationSettingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	refresh(ctx, r.client, req, resp, byName[notificationSettingModel]((*chatapi.Client).GetSpaceNotificationSetting),
		func(*chat.SpaceNotificationSetting) bool { return false }, readAdvice{
			"Chat Space Notification Setting Removed", "is gone: the space no longer exists, or the caller is no longer a member of " +
				"it; removing it from state (the next apply sets it again if the caller is a member once more).",
			"Unable to Read Chat Space Notification Setting", "users.spaces.spaceNotificationSetting.get",
		}, notificationSettingFromAPI)
}

func (r *notificationSettingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, plan, state, ok := beginUpdate[notificationSettingModel](ctx, r.client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	out, ok := r.write(ctx, plan, &state, &resp.Diagnostics)
	if !ok {
		return
	}
	if out != nil {
		plan = notificationSettingFromAPI(out, plan)
	}
	saveState(ctx, &resp.State, resp.Identity, &plan, "name", &resp.Diagnostics)
}

// Delete sets the defaults back (deletion_policy "RESET"), or only forgets
// the setting ("ABANDON"). A space that is gone, or no longer the caller's,
// took the setting with it.
func (r *notificationSettingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[notificationSettingModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if state.DeletionPolicy.ValueString() == notificationSettingAbandon {
		return
	}
	setting, mask := notificationSettingDefaults()
	_, err := r.client.PatchSpaceNotificationSetting(ctx, state.Name.ValueString(), setting, mask)
	if err != nil && !chatapi.IsNotFound(err) {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Reset Chat Space Notification Setting", "users.spaces.spaceNotificationSetting.patch",
			err, notificationSettingAdvice(err)+" To leave the setting as it is on destroy, set deletion_policy = \"ABANDON\".")
	}
}

// ImportState takes the space, spaces/{space}, or the setting's name,
// users/me/spaces/{space}/spaceNotificationSetting: the caller's own setting
// either way.
func (r *notificationSettingResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name, ok := importAs(ctx, req, resp, "name", canonicalNotificationSetting, "a space or the caller's space notification setting. Use "+
		"spaces/{space} or users/me/spaces/{space}/spaceNotificationSetting, for example: "+
		"terraform import google_chat_space_notification_setting.quiet spaces/AAAAbbbbCCC")
	if !ok {
		return
	}
	space, _ := spaceOfNotificationSetting(name)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("space"), space)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_policy"), notificationSettingReset)...)
}

// write patches what plan changes from state (nil: every value plan
// sets). Nothing to change answers nil without a call.
func (r *notificationSettingResource) write(ctx context.Context, plan notificationSettingModel, state *notificationSettingModel,
	diags *diag.Diagnostics) (*chat.SpaceNotificationSetting, bool) {
	setting, mask := notificationSettingPatch(plan, state)
	if len(mask) == 0 {
		return nil, true
	}
	out, err := r.client.PatchSpaceNotificationSetting(ctx, notificationSettingName(plan.Space.ValueString()), setting, mask)
	if err != nil {
		at := path.Root("space")
		if chatapi.IsInvalidArgument(err) {
			at = path.Root(mask[0])
		}
		diags.AddAttributeError(at, "Unable to Set Chat Space Notification Setting",
			glue.APIErrorDetail(fmt.Sprintf("users.spaces.spaceNotificationSetting.patch (update mask %v)", mask), err, notificationSettingAdvice(err)))
		return nil, false
	}
	return out, true
}

func notificationSettingAdvice(err error) string {
	switch {
	case chatapi.IsPermissionDenied(err):
		return "Space notification settings need user credentials (auth_mode = \"user\") whose scopes include " +
			notificationSettingScope + ", which is not among the provider's default scopes: add it to the provider's scopes " +
			"(or grant it to the credentials)."
	case chatapi.IsNotFound(err):
		return "The space does not exist, or the caller is not a member of it: a setting is the caller's own, in a space the caller joined."
	case chatapi.IsInvalidArgument(err):
		return "MAIN_CONVERSATIONS and FOR_YOU are not available in 1:1 direct messages; use ALL or OFF there."
	}
	return ""
}

// notificationSettingScope is the one scope both methods accept (discovery
// document).
const notificationSettingScope = "https://www.googleapis.com/auth/chat.users.spacesettings"

// canonicalNotificationSetting is the setting's name for an import ID.
func canonicalNotificationSetting(id string) (string, bool) {
	if convert.SpaceNamePattern.MatchString(id) {
		return notificationSettingName(id), true
	}
	if space, ok := spaceOfNotificationSetting(id); ok && id == notificationSettingName(space) {
		return id, true
	}
	return "", false
}
