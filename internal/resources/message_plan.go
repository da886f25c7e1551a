package resources

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// ValidateConfig checks the message against the API's rules, with no API call.
func (r *messageResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config messageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.Text.IsNull() && config.CardsV2.IsNull() && config.AccessoryWidgets.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("text"), "Empty Chat Message",
			"A message needs at least one of text, cards_v2 or accessory_widgets.")
		return
	}
	var cards []*chat.CardWithId
	var widgets []*chat.AccessoryWidget
	var err error
	if convert.Known(config.CardsV2) {
		if cards, err = convert.DecodeCards(config.CardsV2.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("cards_v2"), "Invalid Card", err.Error())
		}
	}
	if convert.Known(config.AccessoryWidgets) {
		if widgets, err = convert.DecodeAccessoryWidgets(config.AccessoryWidgets.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("accessory_widgets"), "Invalid Accessory Widgets", err.Error())
		}
	}
	if resp.Diagnostics.HasError() || config.Text.IsUnknown() || config.CardsV2.IsUnknown() || config.AccessoryWidgets.IsUnknown() {
		return
	}
	if size := convert.MessageSize(config.Text.ValueString(), config.FallbackText.ValueString(), cards, widgets); size > convert.MaxMessageBytes {
		// Point at the part that weighs most.
		at, weight := "text", len(config.Text.ValueString())
		if w := len(convert.Canonical(cards)); len(cards) > 0 && w > weight {
			at, weight = "cards_v2", w
		}
		if w := len(convert.Canonical(widgets)); len(widgets) > 0 && w > weight {
			at = "accessory_widgets"
		}
		resp.Diagnostics.AddAttributeError(path.Root(at), "Chat Message Too Large",
			fmt.Sprintf("The message is %d bytes (text, fallback_text, cards and widgets together); the Chat API accepts at most %d.",
				size, convert.MaxMessageBytes))
	}
}

// ModifyPlan applies the rules that depend on the provider's credentials.
func (r *messageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var config messageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.client != nil && r.client.AuthMode == chatapi.AuthModeUser {
		appOnly := map[string]bool{
			"cards_v2":               !config.CardsV2.IsNull(),
			"accessory_widgets":      !config.AccessoryWidgets.IsNull(),
			"private_message_viewer": !config.PrivateMessageViewer.IsNull(),
		}
		for _, attribute := range []string{"cards_v2", "accessory_widgets", "private_message_viewer"} {
			if appOnly[attribute] {
				resp.Diagnostics.AddAttributeError(path.Root(attribute), "App Credentials Required",
					fmt.Sprintf("%s needs app credentials: with user credentials a message is text only. Use a provider "+
						"configured as the Chat app (auth_mode = \"app\") for this message.", attribute))
			}
		}
		if t := config.NotificationType.ValueString(); t == "NOTIFICATION_TYPE_FORCE_NOTIFY" || t == "NOTIFICATION_TYPE_SILENT" {
			resp.Diagnostics.AddAttributeError(path.Root("notification_type"), "App Credentials Required",
				fmt.Sprintf("%s needs app credentials.", t))
		}
	}
	// private_message_viewer may be users/{email} with app credentials:
	// nothing in the documents forbids it (User.name: "the user's email
	// address can be used as an alias for {user} in API requests"), so the
	// plan lets it through. The API answers users/{id}; messageFromAPI keeps
	// the configured spelling, and a refusal would surface at apply on
	// private_message_viewer.
	option := config.MessageReplyOption.ValueString()
	if req.State.Raw.IsNull() && (option == "" || option == replyUnspecified) && (!config.ThreadKey.IsNull() || !config.ThreadName.IsNull()) {
		resp.Diagnostics.AddAttributeWarning(path.Root("message_reply_option"), "Thread Ignored",
			"Without a message_reply_option that replies, the Chat API starts a new thread and ignores thread_key and "+
				"thread_name. Set message_reply_option = \"REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD\" to reply.")
	}
}

// viewerAsConfigured plans private_message_viewer from configuration: null
// when unset on a new message (a message is public unless told otherwise),
// and the recorded value on an existing one (an imported private message).
// It is Computed only so an import can record the API's viewer.
type viewerAsConfigured struct{}

func (viewerAsConfigured) Description(context.Context) string {
	return "Null when not configured for a new message; otherwise the value in state."
}

func (m viewerAsConfigured) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (viewerAsConfigured) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.ConfigValue.IsNull() && req.PlanValue.IsUnknown() {
		resp.PlanValue = req.StateValue // null for a create
	}
}

// formattedTextFollowsText keeps formatted_text from state unless text
// changes: the API derives it from text alone, so a card or widget edit
// leaves it as it was.
type formattedTextFollowsText struct{}

func (formattedTextFollowsText) Description(context.Context) string {
	return "Keeps the value in state unless text changes."
}

func (m formattedTextFollowsText) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (formattedTextFollowsText) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var planned, current types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("text"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("text"), &current)...)
	if resp.Diagnostics.HasError() || planned.IsUnknown() || !planned.Equal(current) {
		return
	}
	resp.PlanValue = req.StateValue
}
