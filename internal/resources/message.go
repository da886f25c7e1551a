package resources

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var _ validatedResource = (*messageResource)(nil)

// NewMessage is the google_chat_message resource.
func NewMessage() resource.Resource {
	return &messageResource{base{typeName: "google_chat_message", identity: "name", identityDescription: "Resource name of the message, `spaces/{space}/messages/{message}`."}}
}

type messageResource struct {
	base
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
	Attachments             types.List           `tfsdk:"attachments"`
}

const (
	replyUnspecified      = "MESSAGE_REPLY_OPTION_UNSPECIFIED"
	replyFallbackToThread = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
	replyOrFail           = "REPLY_MESSAGE_OR_FAIL"
	maxThreadKey          = 4000
)

var (
	clientMessageIDPattern = regexp.MustCompile(`^client-[a-z0-9-]{1,56}$`)
)

func (r *messageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := beginWith[messageModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	input, err := messageToAPI(plan)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Message", err.Error())
		return
	}
	space := plan.Space.ValueString()
	if convert.Known(plan.CreateTime) {
		input.CreateTime = plan.CreateTime.ValueString() // import mode: the message's historical time
	}
	if input.Attachment, err = r.upload(ctx, space, plan.Attachments); err != nil {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("attachments"), "Unable to Upload Chat Message Attachment", "media.upload", err, messageAdvice(err, plan))
		return
	}
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
		advice := messageAdvice(err, plan)
		if at, ok := messageErrorPath(err, plan); ok {
			glue.AddAttributeAPIError(&resp.Diagnostics, at, "Unable to Create Chat Message", "spaces.messages.create", err, advice)
		} else {
			glue.AddAPIError(&resp.Diagnostics, "Unable to Create Chat Message", "spaces.messages.create", err, advice)
		}
		return
	}
	if out.CreateTime == "" || len(out.Attachment) < len(input.Attachment) {
		// A repeated requestId answers with the request echoed, and an answer
		// may leave out the attachments: read the message.
		if out, err = r.client.GetMessage(ctx, out.Name); err != nil {
			glue.AddAPIError(&resp.Diagnostics, "Unable to Read Created Chat Message", "spaces.messages.get", err, "")
			return
		}
	}
	state := messageFromAPI(out, plan)
	if input.Text != out.Text || canonicalCards(plan.CardsV2) != apiJSON(out.CardsV2) ||
		canonicalWidgets(plan.AccessoryWidgets) != apiJSON(out.AccessoryWidgets) {
		// The adopted message differs: bring it in line now.
		r.patch(ctx, &state, plan, resp.Diagnostics.AddError)
	}
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
}

func (r *messageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	refresh(ctx, r.client, req, resp, byName[messageModel]((*chatapi.Client).GetMessage), func(m *chat.Message) bool { return m.DeleteTime != "" }, readAdvice{
		"Chat Message Deleted", "was deleted outside Terraform; removing it from state so the next apply posts it again.",
		"Unable to Read Chat Message", "spaces.messages.get",
	}, messageFromAPI)
}

func (r *messageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, plan, state, ok := beginUpdate[messageModel](ctx, r.client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.patch(ctx, &state, plan, resp.Diagnostics.AddError)
	if convert.Known(plan.FormattedText) {
		// Planned from state because text did not change (see
		// formattedTextFollowsText): the API derives it from text alone.
		state.FormattedText = plan.FormattedText
	}
	// Inputs used only at creation take the planned values.
	state.NotificationType = plan.NotificationType
	state.MessageReplyOption = plan.MessageReplyOption
	state.ThreadKey = plan.ThreadKey
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
}

func (r *messageResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[messageModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// With user credentials a thread's first message can't be deleted while
	// it has replies unless force is set; force deletes the replies too, and
	// their own deletes then find them gone. Apps ignore force.
	force := r.client.AuthMode == chatapi.AuthModeUser
	err := r.client.DeleteMessage(ctx, state.Name.ValueString(), force)
	if err != nil && !chatapi.IsNotFound(err) {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Delete Chat Message", "spaces.messages.delete", err, messageAdvice(err, state))
	}
}

func (r *messageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importAs(ctx, req, resp, "name", matching(convert.MessageNamePattern),
		"a message name. Use spaces/{space}/messages/{message}, where {message} is the system ID or a client-assigned "+
			"ID, for example: terraform import google_chat_message.hello spaces/AAAA/messages/client-hello")
}

// messageAdvice says what to check, for the message as configured.
func messageAdvice(err error, message messageModel) string {
	switch {
	case chatapi.IsPermissionDenied(err):
		return "The caller must be a member of the space (add the Chat app to it) whose role may post there (the space's " +
			"permission_settings post_messages and reply_messages: an announcement space lets only managers post, and the " +
			"app that created a space is a member, not a manager), and with app credentials an app can change only its own messages."
	case chatapi.IsAlreadyExists(err):
		return "Another message in the space already uses this message_id. Choose another, or import it with: " +
			"terraform import google_chat_message.NAME spaces/SPACE/messages/MESSAGE_ID"
	case chatapi.IsNotFound(err) && message.MessageReplyOption.ValueString() == replyOrFail && convert.Known(message.ThreadName):
		// A new thread_key starts a thread even with REPLY_MESSAGE_OR_FAIL
		// ("If a new `thread_key` is used, a new thread is created"), so
		// only a thread_name can be missing.
		return "With REPLY_MESSAGE_OR_FAIL the thread must exist; check thread_name."
	case chatapi.IsNotFound(err):
		return fmt.Sprintf("The space %s does not exist, or the caller can't see it; check space.", message.Space.ValueString())
	}
	return ""
}

// messageErrorPath is the attribute a failed create points at, when one
// attribute is at fault: the space (missing, or the caller is not in it),
// the thread a reply must land in, the client-assigned ID already taken, or
// the private viewer the API refused.
func messageErrorPath(err error, plan messageModel) (path.Path, bool) {
	message := ""
	var apiErr *chatapi.APIError
	if errors.As(err, &apiErr) {
		message = strings.ToLower(apiErr.Message)
	}
	switch {
	case chatapi.IsNotFound(err) && plan.MessageReplyOption.ValueString() == replyOrFail && convert.Known(plan.ThreadName):
		return path.Root("thread_name"), true
	case chatapi.IsNotFound(err) && convert.Known(plan.PrivateMessageViewer) && strings.Contains(message, "user"):
		return path.Root("private_message_viewer"), true
	case chatapi.IsNotFound(err), chatapi.IsPermissionDenied(err):
		return path.Root("space"), true
	case chatapi.IsAlreadyExists(err) && convert.Known(plan.MessageID):
		return path.Root("message_id"), true
	case chatapi.IsInvalidArgument(err) && convert.Known(plan.PrivateMessageViewer) &&
		(strings.Contains(message, "privatemessageviewer") || strings.Contains(message, "private_message_viewer")):
		return path.Root("private_message_viewer"), true
	}
	return path.Empty(), false
}

// patch edits the message in place with a mask of only the changed fields.
func (r *messageResource) patch(ctx context.Context, state *messageModel, plan messageModel, addError func(string, string)) {
	input, err := messageToAPI(plan)
	if err != nil {
		addError("Invalid Message", err.Error())
		return
	}
	mask := messageMask(plan, *state)
	if slices.Contains(mask, "attachment") {
		if input.Attachment, err = r.upload(ctx, state.Space.ValueString(), plan.Attachments); err != nil {
			addError("Unable to Upload Chat Message Attachment", glue.APIErrorDetail("media.upload", err, messageAdvice(err, plan)))
			return
		}
	} else {
		// Unchanged files (or files recorded after an import): the plan
		// holds the configured values and the API's names.
		state.Attachments = plan.Attachments
	}
	if len(mask) == 0 {
		// Same content spelled differently (key case, formatting): keep the
		// plan's text so state matches configuration.
		state.Text, state.CardsV2, state.AccessoryWidgets = plan.Text, plan.CardsV2, plan.AccessoryWidgets
		return
	}
	input = maskedMessage(input, mask)
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.PatchMessage(attemptCtx, state.Name.ValueString(), input, mask)
	if err != nil && attempts.Uncertain() {
		// An attempt whose answer was lost may have applied the patch, and
		// its repeat then fails (an upload token attaches once): read the
		// message, and take it if it shows the patch.
		if got, getErr := r.client.GetMessage(ctx, state.Name.ValueString()); getErr == nil && patchLanded(got, input, plan, mask) {
			out, err = got, nil
		}
	}
	if err == nil && len(out.Attachment) < len(input.Attachment) {
		out, err = r.client.GetMessage(ctx, state.Name.ValueString()) // an answer without the attachments
	}
	if err != nil {
		addError("Unable to Update Chat Message",
			glue.APIErrorDetail("spaces.messages.patch (updateMask "+strings.Join(mask, ",")+")", err, messageAdvice(err, plan)))
		return
	}
	*state = messageFromAPI(out, plan)
	if !slices.Contains(mask, "attachment") {
		state.Attachments = plan.Attachments // not patched: an answer need not carry them
	}
}

// upload sends each planned attachment with media.upload and returns the
// references messages.create and patch take, in order (none for none).
func (r *messageResource) upload(ctx context.Context, space string, planned types.List) ([]*chat.Attachment, error) {
	attachments := attachmentList(planned)
	if len(attachments) == 0 {
		return nil, nil
	}
	out := make([]*chat.Attachment, 0, len(attachments))
	for _, a := range attachments {
		data, err := attachmentContent(a)
		if err != nil {
			return nil, err
		}
		ref, err := r.client.UploadAttachment(ctx, space, a.Filename.ValueString(), a.ContentType.ValueString(), data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Filename.ValueString(), err)
		}
		out = append(out, &chat.Attachment{AttachmentDataRef: ref})
	}
	return out, nil
}
