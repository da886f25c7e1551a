package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/validators"
)

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
			"cards, accessory widgets and private messages; with user credentials the user is the sender and the message holds " +
			"text and file attachments. Every create carries a `requestId`, so a retried request never posts twice.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id":   keptComputed("Same as `name`."),
			"name": keptComputed("Resource name, `spaces/{space}/messages/{message}`, with the system-assigned message ID."),
			"space": spaceAttribute("The space to post in, `spaces/{space}` (for example `google_chat_space.team.name`). " +
				"Changing it posts the message again in the new space."),
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
					"credentials only, and only with `text` or `cards_v2` (\"You can add accessory widgets to messages that " +
					"contain text, cards, or both\"). Updated in place.",
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
					stringvalidator.UTF8LengthBetween(1, maxThreadKey),
					stringvalidator.ConflictsWith(path.MatchRoot("thread_name")),
				},
			},
			"thread_name": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIf(instantChanged,
					"A change of instant posts the message again.", "A change of instant posts the message again.")},
				MarkdownDescription: "Set it to reply to an existing thread, `spaces/{space}/threads/{thread}` (for example " +
					"another message's `thread_name`); otherwise the thread the message landed in. A change posts the message again.",
				Validators: []validator.String{convert.ValidThreadName},
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
				PlanModifiers: []planmodifier.String{viewerAsConfigured, stringplanmodifier.RequiresReplaceIfConfigured()},
				MarkdownDescription: "Makes the message private to this user, `users/{id}` or `users/{email}`, who must be a " +
					"member of the space. App credentials only. An email is sent as written (the Chat API takes a user's email " +
					"as an alias for `{user}`) and stays as written in state, though the API answers with `users/{id}`; should " +
					"the API refuse it, the apply fails with the API's error and `users/{id}` is the fix. Unset, the message is " +
					"visible to every member and the plan says so (null); after an import the API's viewer is recorded. A " +
					"change posts the message again.",
				Validators: []validator.String{convert.ValidUserName},
			},
			"notification_type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How the message notifies: `NOTIFICATION_TYPE_NONE`, `NOTIFICATION_TYPE_FORCE_NOTIFY` or " +
					"`NOTIFICATION_TYPE_SILENT` (the last two need app credentials). Used only when the message is posted; a " +
					"later change is recorded and changes nothing.",
				Validators: []validator.String{stringvalidator.OneOf("NOTIFICATION_TYPE_NONE", "NOTIFICATION_TYPE_FORCE_NOTIFY", "NOTIFICATION_TYPE_SILENT")},
			},
			"attachments": attachmentsAttribute(),
			"create_time": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
				MarkdownDescription: "When the message was posted (RFC 3339). In a space in import mode it may be set to the " +
					"message's time in the system it is migrated from, between 2000-01-01 and now (Message.createTime is " +
					"\"output only, except when used in import mode spaces\"); the API refuses it elsewhere. A change posts " +
					"the message again.",
				Validators: []validator.String{validators.ImportTime()},
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
				Computed:      true,
				PlanModifiers: []planmodifier.String{formattedTextFollowsText},
				MarkdownDescription: "The text with the markup the API added (mentions, links). Known at plan time unless " +
					"`text` changes: editing only cards or widgets keeps it.",
			},
		},
	}
}

// attachmentsAttribute is the message's uploaded files: set by the
// configuration (source or content_base64, filename, content_type), planned
// by planAttachments (sha256 and the defaults) and mapped back by
// attachmentsFromAPI (the API's output-only fields).
func attachmentsAttribute() schema.ListNestedAttribute {
	computedFromAPI := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return schema.ListNestedAttribute{
		Optional: true,
		MarkdownDescription: "Files attached to the message, uploaded with " +
			"[`media.upload`](https://developers.google.com/workspace/chat/api/reference/rest/v1/media/upload) and sent as " +
			"`attachmentDataRef`. User credentials only (media.upload \"Requires user authentication\"), so a message with " +
			"attachments can't have `private_message_viewer`. Each file is at most 200 MB, and the file types Google Chat " +
			"blocks (executables and scripts such as `.exe`, `.bat`, `.js`, `.jar`) are refused at plan time. Any change to " +
			"the list (a file's bytes, name or type, an entry added, removed or moved) uploads every file again and edits " +
			"the message in place with the `attachment` update mask. The bytes of a `source` file are never stored in " +
			"state, only their SHA-256.",
		Validators: []validator.List{
			listvalidator.SizeAtLeast(1),
			listvalidator.ConflictsWith(path.MatchRoot("private_message_viewer")),
		},
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"source": schema.StringAttribute{
					Optional: true,
					MarkdownDescription: "Path of a local file to upload, read at plan time (its SHA-256 is planned) and " +
						"again at apply. Exactly one of `source` and `content_base64`.",
					Validators: []validator.String{
						stringvalidator.LengthAtLeast(1),
						stringvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("content_base64")),
					},
				},
				"content_base64": schema.StringAttribute{
					Optional: true,
					MarkdownDescription: "The file's bytes, base64-encoded (for example `filebase64(...)` or " +
						"`base64encode(...)`). Stored in state like any argument: prefer `source` for large files. Needs " +
						"`filename`.",
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				"filename": schema.StringAttribute{
					Optional: true, Computed: true,
					MarkdownDescription: "The file name the message shows, with its extension (media.upload's required " +
						"`filename`, \"including the file extension\": a name without one is refused at plan). Default: the " +
						"base name of `source`; required with `content_base64`.",
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				"content_type": schema.StringAttribute{
					Optional: true, Computed: true,
					MarkdownDescription: "The MIME type the file is uploaded with. Default: the type of `filename`'s " +
						"extension, or `application/octet-stream`. The type the API records may differ and is not compared.",
					Validators: []validator.String{stringvalidator.RegexMatches(contentTypePattern, "must be a MIME type such as application/pdf")},
				},
				"sha256":        computedFromAPI("Hex SHA-256 of the file's bytes, computed at plan time: a change uploads the files again."),
				"name":          computedFromAPI("Resource name of the attachment, `spaces/{space}/messages/{message}/attachments/{attachment}`."),
				"resource_name": computedFromAPI("`attachmentDataRef.resourceName`: the name `media.download` takes to fetch the bytes."),
				"download_uri":  computedFromAPI("The URL a person opens to download the file (not for apps, says the API)."),
				"thumbnail_uri": computedFromAPI("The URL of a preview image, when the API offers one."),
			},
		},
	}
}
