package resources

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// messageToAPI builds the message body from the plan.
func messageToAPI(plan messageModel) (*chat.Message, error) {
	message := &chat.Message{Text: plan.Text.ValueString(), FallbackText: plan.FallbackText.ValueString()}
	if convert.Known(plan.CardsV2) {
		cards, err := convert.DecodeCards(plan.CardsV2.ValueString())
		if err != nil {
			return nil, err
		}
		message.CardsV2 = convert.StripOutputOnly(convert.CardSchema, cards) // such as ownerUser
	}
	if convert.Known(plan.AccessoryWidgets) {
		widgets, err := convert.DecodeAccessoryWidgets(plan.AccessoryWidgets.ValueString())
		if err != nil {
			return nil, err
		}
		message.AccessoryWidgets = widgets
	}
	switch {
	case convert.Known(plan.ThreadName):
		message.Thread = &chat.Thread{Name: plan.ThreadName.ValueString()}
	case convert.Known(plan.ThreadKey):
		message.Thread = &chat.Thread{ThreadKey: plan.ThreadKey.ValueString()}
	}
	if convert.Known(plan.PrivateMessageViewer) {
		message.PrivateMessageViewer = &chat.User{Name: plan.PrivateMessageViewer.ValueString()}
	}
	return message, nil
}

// messageFromAPI maps an API message onto the model. Inputs the API does not
// echo (thread_key, reply and notification options) and values it returns in
// another spelling (a viewer given by email, a thread the message fell back
// from) keep their prior values, so they never show as drift.
func messageFromAPI(m *chat.Message, prior messageModel) messageModel {
	out := prior
	out.ID = types.StringValue(m.Name)
	out.Name = types.StringValue(m.Name)
	if space, _, ok := strings.Cut(m.Name, "/messages/"); ok {
		out.Space = types.StringValue(space)
	}
	out.Text = convert.StringOrNull(m.Text)
	out.FallbackText = convert.StringOrNull(m.FallbackText)
	out.CardsV2 = jsonFromAPI(prior.CardsV2, m.CardsV2, convert.CardsMatch)
	out.AccessoryWidgets = jsonFromAPI(prior.AccessoryWidgets, m.AccessoryWidgets, convert.WidgetsMatch)
	if !convert.Known(prior.ThreadName) {
		out.ThreadName = types.StringNull()
		if m.Thread != nil {
			out.ThreadName = convert.StringOrNull(m.Thread.Name)
		}
	}
	if !convert.Known(prior.PrivateMessageViewer) {
		out.PrivateMessageViewer = types.StringNull()
		if m.PrivateMessageViewer != nil {
			out.PrivateMessageViewer = convert.StringOrNull(m.PrivateMessageViewer.Name)
		}
	}
	out.MessageID = convert.StringOrNull(m.ClientAssignedMessageId)
	out.ClientAssignedMessageID = convert.StringOrNull(m.ClientAssignedMessageId)
	out.CreateTime = convert.StringOrNull(m.CreateTime)
	if sameInstant(prior.CreateTime, m.CreateTime) {
		out.CreateTime = prior.CreateTime // as configured for an import
	}
	out.LastUpdateTime = convert.StringOrNull(m.LastUpdateTime)
	out.FormattedText = convert.StringOrNull(m.FormattedText)
	out.Attachments = attachmentsFromAPI(prior.Attachments, m.Attachment)
	out.Sender = types.StringNull()
	if m.Sender != nil {
		out.Sender = convert.StringOrNull(m.Sender.Name)
	}
	return out
}

// jsonFromAPI keeps the prior JSON text when the API's answer carries what
// it says: the tolerant reader (internal/convert/readonly.go) ignores the
// fields the discovery document marks output only (CardWithId.ownerUser)
// and the fields the prior text does not set (newer API revisions, server
// defaults). Otherwise (import, drift) it writes the API's value less its
// output-only fields, as jsonencode would, so a configuration in the API's
// camelCase imports with no diff.
func jsonFromAPI[T any](prior jsontypes.Normalized, api []T, matches func(configured, answer string) bool) jsontypes.Normalized {
	if len(api) == 0 {
		return jsontypes.NewNormalizedNull()
	}
	if convert.Known(prior) && matches(prior.ValueString(), convert.Canonical(api)) {
		return prior
	}
	return jsontypes.NewNormalizedValue(convert.SortedJSON(apiJSON(api)))
}

// messageMask lists the fields that differ: only they are patched.
func messageMask(plan, state messageModel) []string {
	var mask []string
	if !plan.Text.Equal(state.Text) {
		mask = append(mask, "text")
	}
	if canonicalCards(plan.CardsV2) != canonicalCards(state.CardsV2) {
		mask = append(mask, "cards_v2")
	}
	if canonicalWidgets(plan.AccessoryWidgets) != canonicalWidgets(state.AccessoryWidgets) {
		mask = append(mask, "accessory_widgets")
	}
	if attachmentsChanged(plan.Attachments, state.Attachments) {
		mask = append(mask, "attachment")
	}
	return mask
}

// canonicalCards is cards_v2 as the API's types encode it ("" for none or invalid).
func canonicalCards(v jsontypes.Normalized) string {
	if !convert.Known(v) {
		return ""
	}
	cards, err := convert.DecodeCards(v.ValueString())
	if err != nil {
		return v.ValueString()
	}
	return convert.Canonical(cards)
}

func canonicalWidgets(v jsontypes.Normalized) string {
	if !convert.Known(v) {
		return ""
	}
	widgets, err := convert.DecodeAccessoryWidgets(v.ValueString())
	if err != nil {
		return v.ValueString()
	}
	return convert.Canonical(widgets)
}

// apiJSON is the canonical JSON of an API list ("" for none), less the
// fields the discovery document marks output only, which no configuration
// sets: what canonicalCards and canonicalWidgets compare it with.
func apiJSON[T any](items []T) string {
	if len(items) == 0 {
		return ""
	}
	return convert.Canonical(convert.StripOutputOnly(apiSchema(items), items))
}

// apiSchema is the discovery document's schema of a list's elements.
func apiSchema(items any) string {
	switch items.(type) {
	case []*chat.CardWithId:
		return convert.CardSchema
	case []*chat.AccessoryWidget:
		return convert.AccessoryWidgetSchema
	}
	return ""
}

// attachmentModel is one element of a message's attachments.
type attachmentModel struct {
	Source        types.String `tfsdk:"source"`
	ContentBase64 types.String `tfsdk:"content_base64"`
	Filename      types.String `tfsdk:"filename"`
	ContentType   types.String `tfsdk:"content_type"`
	SHA256        types.String `tfsdk:"sha256"`
	Name          types.String `tfsdk:"name"`
	ResourceName  types.String `tfsdk:"resource_name"`
	DownloadURI   types.String `tfsdk:"download_uri"`
	ThumbnailURI  types.String `tfsdk:"thumbnail_uri"`
}

// attachmentType is the object type of attachmentModel.
var attachmentType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"source": types.StringType, "content_base64": types.StringType, "filename": types.StringType,
	"content_type": types.StringType, "sha256": types.StringType, "name": types.StringType,
	"resource_name": types.StringType, "download_uri": types.StringType, "thumbnail_uri": types.StringType,
}}

// attachmentList reads a list of attachments (none for null or unknown).
func attachmentList(list types.List) []attachmentModel {
	if !convert.Known(list) {
		return nil
	}
	var out []attachmentModel
	_ = list.ElementsAs(context.Background(), &out, false) // the schema fixes the element type
	return out
}

// attachmentListValue is the list value of attachments.
func attachmentListValue(attachments []attachmentModel) types.List {
	list, _ := types.ListValueFrom(context.Background(), attachmentType, attachments)
	return list
}

// attachmentsFromAPI maps the message's attachments. Each answer is matched
// with the prior element it came from, by name, or (just after create or an
// update, when names were unknown) by file name, then in order; a matched element
// keeps its configured values and takes the API's output-only ones. An
// attachment matched by nothing (added outside Terraform, or imported) is
// recorded with the API's file name and type, and no source: the plan then
// shows it as a change unless the configuration names the same files. The
// API's order is kept. The tolerant reader: contentType, source and
// driveDataRef are never compared.
func attachmentsFromAPI(prior types.List, api []*chat.Attachment) types.List {
	if len(api) == 0 {
		if convert.Known(prior) && len(prior.Elements()) == 0 {
			return prior
		}
		if prior.IsNull() {
			return types.ListNull(attachmentType)
		}
		return attachmentListValue([]attachmentModel{}) // all removed outside Terraform
	}
	priors := attachmentList(prior)
	used := make([]bool, len(priors))
	match := func(a *chat.Attachment) (attachmentModel, bool) {
		for i, p := range priors {
			if !used[i] && convert.Known(p.Name) && p.Name.ValueString() == a.Name {
				used[i] = true
				return p, true
			}
		}
		// Then by file name, then in order: the API may spell contentName
		// its own way.
		for _, sameName := range []bool{true, false} {
			for i, p := range priors {
				if !used[i] && !convert.Known(p.Name) && (!sameName || p.Filename.ValueString() == a.ContentName) {
					used[i] = true
					return p, true
				}
			}
		}
		return attachmentModel{}, false
	}
	out := make([]attachmentModel, 0, len(api))
	for _, a := range api {
		m, ok := match(a)
		if !ok {
			m = attachmentModel{Source: types.StringNull(), ContentBase64: types.StringNull(), SHA256: types.StringNull(),
				Filename: convert.StringOrNull(a.ContentName), ContentType: convert.StringOrNull(a.ContentType)}
		}
		m.Name = convert.StringOrNull(a.Name)
		m.ResourceName = types.StringNull()
		if a.AttachmentDataRef != nil {
			m.ResourceName = convert.StringOrNull(a.AttachmentDataRef.ResourceName)
		}
		m.DownloadURI = convert.StringOrNull(a.DownloadUri)
		m.ThumbnailURI = convert.StringOrNull(a.ThumbnailUri)
		out = append(out, m)
	}
	return attachmentListValue(out)
}

// attachmentsChanged reports whether the planned attachments must be
// uploaded again: planAttachments leaves their names unknown then, and a
// list emptied or removed has nothing to upload but must be patched.
func attachmentsChanged(plan, state types.List) bool {
	planned, prior := attachmentList(plan), attachmentList(state)
	if len(planned) == 0 {
		return len(prior) > 0
	}
	for _, a := range planned {
		if !convert.Known(a.Name) {
			return true
		}
	}
	return false
}

// patchLanded reports whether message shows every field of a patch: the
// text, cards and widgets as planned, and as many attachments as were sent.
// maskedMessage is a patch's body: the fields mask names and nothing else,
// so neither the thread nor the private viewer ("Immutable. Input for
// creating a message") nor fallback_text (replaced, never patched) goes out
// with an edit.
func maskedMessage(input *chat.Message, mask []string) *chat.Message {
	out := &chat.Message{}
	for _, field := range mask {
		switch field {
		case "text":
			out.Text = input.Text
		case "cards_v2":
			out.CardsV2 = input.CardsV2
		case "accessory_widgets":
			out.AccessoryWidgets = input.AccessoryWidgets
		case "attachment":
			out.Attachment = input.Attachment
		}
	}
	return out
}

func patchLanded(message, input *chat.Message, plan messageModel, mask []string) bool {
	for _, field := range mask {
		switch field {
		case "text":
			if message.Text != input.Text {
				return false
			}
		case "cards_v2":
			if apiJSON(message.CardsV2) != canonicalCards(plan.CardsV2) {
				return false
			}
		case "accessory_widgets":
			if apiJSON(message.AccessoryWidgets) != canonicalWidgets(plan.AccessoryWidgets) {
				return false
			}
		case "attachment":
			if len(message.Attachment) != len(input.Attachment) {
				return false
			}
		}
	}
	return true
}
