package resources

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

var (
	_ resource.Resource                   = (*messageResource)(nil)
	_ resource.ResourceWithConfigure      = (*messageResource)(nil)
	_ resource.ResourceWithImportState    = (*messageResource)(nil)
	_ resource.ResourceWithValidateConfig = (*messageResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*messageResource)(nil)
)

// NewMessage is the google_chat_message resource.
func NewMessage() resource.Resource { return &messageResource{} }

type messageResource struct {
	client *chatapi.Client
}

type messageModel struct {
	Timeouts                timeouts.Value       `tfsdk:"timeouts"`
	ID                      types.String         `tfsdk:"id"`
	Name                    types.String         `tfsdk:"name"`
	Space                   types.String         `tfsdk:"space"`
	Text                    types.String         `tfsdk:"text"`
	CardsV2                 jsontypes.Normalized `tfsdk:"cards_v2"`
	AccessoryWidgets        jsontypes.Normalized `tfsdk:"accessory_widgets"`
	FallbackText            types.String         `tfsdk:"fallback_text"`
	ThreadKey               types.String         `tfsdk:"thread_key"`
	ThreadName              types.String         `tfsdk:"thread_name"`
	MessageReplyOption      types.String         `tfsdk:"message_reply_option"`
	MessageID               types.String         `tfsdk:"message_id"`
	PrivateMessageViewer    types.String         `tfsdk:"private_message_viewer"`
	NotificationType        types.String         `tfsdk:"notification_type"`
	CreateTime              types.String         `tfsdk:"create_time"`
	LastUpdateTime          types.String         `tfsdk:"last_update_time"`
	Sender                  types.String         `tfsdk:"sender"`
	ClientAssignedMessageID types.String         `tfsdk:"client_assigned_message_id"`
	FormattedText           types.String         `tfsdk:"formatted_text"`
}

const (
	replyUnspecified      = "MESSAGE_REPLY_OPTION_UNSPECIFIED"
	replyFallbackToThread = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
	replyOrFail           = "REPLY_MESSAGE_OR_FAIL"
	maxThreadKey          = 4000
)

var (
	clientMessageIDPattern = regexp.MustCompile(`^client-[a-z0-9-]{1,56}$`)
	threadNamePattern      = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/threads/[A-Za-z0-9_.-]+$`)
	messageImportPattern   = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messages/[A-Za-z0-9_.-]+$`)
	userNamePattern        = regexp.MustCompile(`^users/[^/\s]+$`)
)

func (r *messageResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "google_chat_message"
}

func (r *messageResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	// Inputs the API does not return: a change replaces the message, but after
	// import (no value in state) the configured value is only recorded.
	replaceAfterCreate := []planmodifier.String{stringplanmodifier.RequiresReplaceIf(changedAfterCreate,
		"A change posts the message again.", "A change posts the message again.")}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A message in a Google Chat space, posted with " +
			"[`spaces.messages.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create) " +
			"and edited in place with `spaces.messages.patch`. With app credentials the Chat app is the sender and can post " +
			"cards, accessory widgets and private messages; with user credentials the user is the sender and the message is " +
			"text only. Every create carries a `requestId`, so a retried request never posts twice.",
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})},
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Same as `name`.",
			},
			"name": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Resource name, `spaces/{space}/messages/{message}`, with the system-assigned message ID.",
			},
			"space": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "The space to post in, `spaces/{space}` (for example `google_chat_space.team.name`). Changing it posts the message again in the new space.",
				Validators:          []validator.String{stringvalidator.RegexMatches(spaceNamePattern, "must be spaces/{space}")},
			},
			"text": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Message text in Chat's markup: `*bold*`, `_italic_`, links as `<https://example.com|label>`, " +
					"mentions as `<users/{id}>` or `<users/all>`. Updated in place.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"cards_v2": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{},
				Optional:   true,
				MarkdownDescription: "The `cardsV2` array as JSON (use `jsonencode`): cards of at most 32 KB each; with several cards " +
					"each needs a unique `cardId`. Checked against the API's card schema at plan time; formatting and key order " +
					"never cause a diff. App credentials only. Updated in place.",
			},
			"accessory_widgets": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{},
				Optional:   true,
				MarkdownDescription: "The `accessoryWidgets` array as JSON: button lists shown at the bottom of the message. App " +
					"credentials only. Updated in place.",
			},
			"fallback_text": schema.StringAttribute{
				Optional: true, PlanModifiers: replace,
				MarkdownDescription: "Plain-text description of the cards, for notifications. The API can't update it: a change posts the message again.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"thread_key": schema.StringAttribute{
				Optional: true, PlanModifiers: replaceAfterCreate,
				MarkdownDescription: "Starts a thread with this key, or replies to the thread this Chat app (or user) started with it, " +
					"at most 4,000 characters. Keys are scoped to the app that sets them. Takes effect only with a " +
					"`message_reply_option` that replies. A change posts the message again.",
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, maxThreadKey),
					stringvalidator.ConflictsWith(path.MatchRoot("thread_name")),
				},
			},
			"thread_name": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
				MarkdownDescription: "Set it to reply to an existing thread, `spaces/{space}/threads/{thread}` (for example " +
					"another message's `thread_name`); otherwise the thread the message landed in. A change posts the message again.",
				Validators: []validator.String{stringvalidator.RegexMatches(threadNamePattern, "must be spaces/{space}/threads/{thread}")},
			},
			"message_reply_option": schema.StringAttribute{
				Optional: true, PlanModifiers: replaceAfterCreate,
				MarkdownDescription: "`MESSAGE_REPLY_OPTION_UNSPECIFIED` (the API's default: start a new thread, ignoring " +
					"`thread_key` and `thread_name`), `REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD` (reply, or start a thread if that fails) " +
					"or `REPLY_MESSAGE_OR_FAIL` (reply, or fail with NOT_FOUND). Only named spaces thread replies. A change posts " +
					"the message again.",
				Validators: []validator.String{stringvalidator.OneOf(replyUnspecified, replyFallbackToThread, replyOrFail)},
			},
			"message_id": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
				MarkdownDescription: "A client-assigned ID, unique in the space: `client-` then lowercase letters, digits and " +
					"hyphens, at most 63 characters in all. The message can then be addressed as `spaces/{space}/messages/{message_id}`. " +
					"A change posts the message again.",
				Validators: []validator.String{stringvalidator.RegexMatches(clientMessageIDPattern,
					"must begin with client- and have at most 63 lowercase letters, digits and hyphens")},
			},
			"private_message_viewer": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
				MarkdownDescription: "Makes the message private to this user, `users/{id or email}`, who must be a member of the " +
					"space. App credentials only. A change posts the message again.",
				Validators: []validator.String{stringvalidator.RegexMatches(userNamePattern, "must be users/{id or email}")},
			},
			"notification_type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How the message notifies: `NOTIFICATION_TYPE_NONE`, `NOTIFICATION_TYPE_FORCE_NOTIFY` or " +
					"`NOTIFICATION_TYPE_SILENT` (the last two need app credentials). Used only when the message is posted; a " +
					"later change is recorded and changes nothing.",
				Validators: []validator.String{stringvalidator.OneOf("NOTIFICATION_TYPE_NONE", "NOTIFICATION_TYPE_FORCE_NOTIFY", "NOTIFICATION_TYPE_SILENT")},
			},
			"create_time": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "When the message was posted (RFC 3339).",
			},
			"last_update_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the message was last edited (RFC 3339); empty if never.",
			},
			"sender": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Who posted the message: `users/{id}` (the Chat app's own user with app credentials).",
			},
			"client_assigned_message_id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The client-assigned ID, if the message has one.",
			},
			"formatted_text": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The text with the markup the API added (mentions, links).",
			},
		},
	}
}

func (r *messageResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *messageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan messageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	input, err := messageToAPI(plan)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Message", err.Error())
		return
	}
	space := plan.Space.ValueString()
	opts := chatapi.MessageOptions{
		MessageID:        plan.MessageID.ValueString(),
		RequestID:        uuid.NewString(), // one per create: retries re-send it, so a lost response never posts twice
		ReplyOption:      plan.MessageReplyOption.ValueString(),
		NotificationType: plan.NotificationType.ValueString(),
	}
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateMessage(attemptCtx, space, input, opts)
	if opts.MessageID != "" && err != nil && attempts.Uncertain() {
		// An earlier attempt of this very create may have landed before its
		// answer was lost: the client-assigned ID finds our message.
		existing, getErr := r.client.GetMessage(ctx, space+"/messages/"+opts.MessageID)
		if getErr == nil && existing.DeleteTime == "" {
			out, err = existing, nil
		}
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Create Chat Message", "spaces.messages.create", err, messageAdvice(err))
		return
	}
	if out.CreateTime == "" {
		// A repeated requestId answers with the request echoed; read the message.
		if out, err = r.client.GetMessage(ctx, out.Name); err != nil {
			addAPIError(&resp.Diagnostics, "Unable to Read Created Chat Message", "spaces.messages.get", err, "")
			return
		}
	}
	state := messageFromAPI(out, plan)
	if input.Text != out.Text || canonicalCards(plan.CardsV2) != apiJSON(out.CardsV2) ||
		canonicalWidgets(plan.AccessoryWidgets) != apiJSON(out.AccessoryWidgets) {
		// The adopted message differs: bring it in line now.
		r.patch(ctx, &state, plan, resp.Diagnostics.AddError)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *messageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !configured(r.client, &resp.Diagnostics) {
		return
	}
	var state messageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	out, err := r.client.GetMessage(ctx, state.Name.ValueString())
	if chatapi.IsNotFound(err) || err == nil && out.DeleteTime != "" {
		resp.Diagnostics.AddWarning("Chat Message Deleted",
			fmt.Sprintf("%s was deleted outside Terraform; removing it from state so the next apply posts it again.", state.Name.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Read Chat Message", "spaces.messages.get", err, "")
		return
	}
	state = messageFromAPI(out, state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *messageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan, state messageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.patch(ctx, &state, plan, resp.Diagnostics.AddError)
	// Inputs used only at creation take the planned values.
	state.NotificationType = plan.NotificationType
	state.MessageReplyOption = plan.MessageReplyOption
	state.ThreadKey = plan.ThreadKey
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// patch edits the message in place with a mask of only the changed fields.
func (r *messageResource) patch(ctx context.Context, state *messageModel, plan messageModel, addError func(string, string)) {
	input, err := messageToAPI(plan)
	if err != nil {
		addError("Invalid Message", err.Error())
		return
	}
	mask := messageMask(plan, *state)
	if len(mask) == 0 {
		// Same content spelled differently (key case, formatting): keep the
		// plan's text so state matches configuration.
		state.Text, state.CardsV2, state.AccessoryWidgets = plan.Text, plan.CardsV2, plan.AccessoryWidgets
		return
	}
	out, err := r.client.PatchMessage(ctx, state.Name.ValueString(), input, mask)
	if err != nil {
		addError("Unable to Update Chat Message", fmt.Sprintf("spaces.messages.patch (updateMask %s) failed: %v\n\n%s",
			strings.Join(mask, ","), err, messageAdvice(err)))
		return
	}
	*state = messageFromAPI(out, plan)
}

func (r *messageResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var state messageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// With user credentials a thread's first message can't be deleted while
	// it has replies unless force is set; force deletes the replies too, and
	// their own deletes then find them gone. Apps ignore force.
	force := r.client.AuthMode == chatapi.AuthModeUser
	err := r.client.DeleteMessage(ctx, state.Name.ValueString(), force)
	if err != nil && !chatapi.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Unable to Delete Chat Message", "spaces.messages.delete", err, messageAdvice(err))
	}
}

func (r *messageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !messageImportPattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("%q is not a message name. Use spaces/{space}/messages/{message}, where {message} is the system ID "+
				"or a client-assigned ID, for example: terraform import google_chat_message.hello spaces/AAAA/messages/client-hello", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

func messageAdvice(err error) string {
	switch {
	case chatapi.Code(err) == 403:
		return "The caller must be a member of the space (add the Chat app to it), and with app credentials an app can " +
			"change only its own messages."
	case chatapi.IsAlreadyExists(err):
		return "Another message in the space already uses this message_id. Choose another, or import it with: " +
			"terraform import google_chat_message.NAME spaces/SPACE/messages/MESSAGE_ID"
	case chatapi.IsNotFound(err):
		return "With REPLY_MESSAGE_OR_FAIL the thread must exist; check thread_name or thread_key."
	}
	return ""
}
