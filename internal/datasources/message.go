package datasources

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// NewMessage is the google_chat_message data source.
func NewMessage() datasource.DataSource {
	return newDataSource(spec[messageDataModel]{typeName: "google_chat_message", schema: messageSchema, validators: messageValidators, read: readMessage})
}

type messageDataModel struct {
	Name           types.String         `tfsdk:"name"`
	Space          types.String         `tfsdk:"space"`
	MessageID      types.String         `tfsdk:"message_id"`
	Text           types.String         `tfsdk:"text"`
	FormattedText  types.String         `tfsdk:"formatted_text"`
	Sender         types.String         `tfsdk:"sender"`
	CreateTime     types.String         `tfsdk:"create_time"`
	LastUpdateTime types.String         `tfsdk:"last_update_time"`
	ThreadName     types.String         `tfsdk:"thread_name"`
	CardsV2        jsontypes.Normalized `tfsdk:"cards_v2"`
	Attachments    types.List           `tfsdk:"attachments"`
}

// attachmentDataType is one element of attachments.
var attachmentDataType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name": types.StringType, "content_name": types.StringType, "content_type": types.StringType, "source": types.StringType,
	"resource_name": types.StringType, "download_uri": types.StringType, "thumbnail_uri": types.StringType,
}}

// clientMessageIDPattern is a client-assigned message ID, as the API takes it.
var clientMessageIDPattern = regexp.MustCompile(`^client-[a-z0-9-]{1,56}$`)

func messageSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one message of a space the caller is a member of, with " +
			"[`spaces.messages.get`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/get): " +
			"by `name`, or by `space` and the client-assigned `message_id`. With app credentials (`chat.bot`) the app reads " +
			"the messages it has access to, such as direct messages and slash commands that invoke it; with user credentials, " +
			"any message the user can see. Use it for messages this configuration does not manage.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Resource name of the message, `spaces/{space}/messages/{message}`, where `{message}` " +
					"is the system-assigned ID or a client-assigned ID (`client-...`), as the API accepts both. Set either " +
					"`name`, or `space` and `message_id`; when the message is read by those, this is its system name.",
				Validators: []validator.String{convert.ValidMessageName},
			},
			"space": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The space the message is in, `spaces/{space}`. Set it with `message_id` to read a " +
					"message by its client-assigned ID; otherwise it is the space of `name`.",
				Validators: []validator.String{convert.ValidSpaceName},
			},
			"message_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The client-assigned ID the message was posted with, `client-` then lowercase letters, " +
					"digits and hyphens (at most 63 characters). Set it with `space` to read the message by it; otherwise it " +
					"is the message's client-assigned ID, null if it has none.",
				Validators: []validator.String{stringvalidator.RegexMatches(clientMessageIDPattern,
					"must begin with client- and have at most 63 lowercase letters, digits and hyphens")},
			},
			"text":             computed("The message's text in Chat's markup; null when the message is cards only."),
			"formatted_text":   computed("The text with the markup the API added (mentions, links)."),
			"sender":           computed("Who posted the message: `users/{id}` (a Chat app's own user for app messages)."),
			"create_time":      computed("When the message was posted (RFC 3339)."),
			"last_update_time": computed("When the message was last edited (RFC 3339); null if never."),
			"thread_name":      computed("The thread the message is in, `spaces/{space}/threads/{thread}`."),
			"cards_v2": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{},
				Computed:   true,
				MarkdownDescription: "The message's `cardsV2` array as JSON, keys sorted as `jsonencode` writes them (read it " +
					"with `jsondecode`); null when the message has no cards.",
			},
			"attachments": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The message's attachments, in the API's order (empty when it has none).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":          computed("Resource name, `spaces/{space}/messages/{message}/attachments/{attachment}`."),
					"content_name":  computed("The file's original name."),
					"content_type":  computed("The file's MIME type."),
					"source":        computed("`UPLOADED_CONTENT` or `DRIVE_FILE`."),
					"resource_name": computed("`attachmentDataRef.resourceName`, for `media.download`; null for a Drive file."),
					"download_uri":  computed("The URL a person opens to download the file."),
					"thumbnail_uri": computed("The URL of a preview image, when there is one."),
				}},
			},
		},
	}
}

// ConfigValidators: a message is read by name, or by space and message_id.
func messageValidators() []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("name"), path.MatchRoot("message_id")),
		datasourcevalidator.RequiredTogether(path.MatchRoot("space"), path.MatchRoot("message_id")),
	}
}

func readMessage(ctx context.Context, client *chatapi.Client, config messageDataModel, diags *diag.Diagnostics) *messageDataModel {
	// ConfigValidators skip values unknown at validation; check once known.
	if config.Name.IsNull() == config.MessageID.IsNull() || config.Space.IsNull() != config.MessageID.IsNull() {
		diags.AddAttributeError(pathName, "Invalid Attribute Combination",
			"Set either name, or space and message_id.")
		return nil
	}
	name, at := config.Name.ValueString(), pathName
	if config.Name.IsNull() {
		name, at = config.Space.ValueString()+"/messages/"+config.MessageID.ValueString(), path.Root("message_id")
	}
	message, err := client.GetMessage(ctx, name)
	if err != nil {
		advice := ""
		if chatapi.IsNotFound(err) || chatapi.IsPermissionDenied(err) {
			advice = "The message does not exist, or the caller can't see it: the caller must be a member of the space, " +
				"and with app credentials (chat.bot) an app reads only the messages it has access to, such as direct messages and " +
				"slash commands that invoke it."
		}
		glue.AddAttributeAPIError(diags, at, "Unable to Read Chat Message", "spaces.messages.get "+name, err, advice)
		return nil
	}
	if message.DeleteTime != "" {
		diags.AddAttributeError(at, "Chat Message Deleted",
			fmt.Sprintf("%s was deleted at %s.", name, message.DeleteTime))
		return nil
	}
	return messageDataFromAPI(message)
}

// messageDataFromAPI maps a message onto the data source's model.
func messageDataFromAPI(m *chat.Message) *messageDataModel {
	out := &messageDataModel{
		Name:           types.StringValue(m.Name),
		Space:          types.StringNull(),
		MessageID:      convert.StringOrNull(m.ClientAssignedMessageId),
		Text:           convert.StringOrNull(m.Text),
		FormattedText:  convert.StringOrNull(m.FormattedText),
		Sender:         types.StringNull(),
		CreateTime:     convert.StringOrNull(m.CreateTime),
		LastUpdateTime: convert.StringOrNull(m.LastUpdateTime),
		ThreadName:     types.StringNull(),
		CardsV2:        jsontypes.NewNormalizedNull(),
	}
	if space, _, ok := strings.Cut(m.Name, "/messages/"); ok {
		out.Space = types.StringValue(space)
	} else if m.Space != nil {
		out.Space = convert.StringOrNull(m.Space.Name)
	}
	if m.Sender != nil {
		out.Sender = convert.StringOrNull(m.Sender.Name)
	}
	if m.Thread != nil {
		out.ThreadName = convert.StringOrNull(m.Thread.Name)
	}
	attachments := make([]attr.Value, 0, len(m.Attachment))
	for _, a := range m.Attachment {
		resourceName := ""
		if a.AttachmentDataRef != nil {
			resourceName = a.AttachmentDataRef.ResourceName
		}
		attachments = append(attachments, types.ObjectValueMust(attachmentDataType.AttrTypes, map[string]attr.Value{
			"name": convert.StringOrNull(a.Name), "content_name": convert.StringOrNull(a.ContentName),
			"content_type": convert.StringOrNull(a.ContentType), "source": convert.StringOrNull(a.Source),
			"resource_name": convert.StringOrNull(resourceName), "download_uri": convert.StringOrNull(a.DownloadUri),
			"thumbnail_uri": convert.StringOrNull(a.ThumbnailUri),
		}))
	}
	out.Attachments = types.ListValueMust(attachmentDataType, attachments)
	if len(m.CardsV2) > 0 {
		// As the resource records an import: without output-only fields.
		out.CardsV2 = jsontypes.NewNormalizedValue(convert.SortedJSON(convert.Canonical(convert.StripOutputOnly(convert.CardSchema, m.CardsV2))))
	}
	return out
}
