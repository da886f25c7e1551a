package emulator

import (
	"slices"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// spaces.messages.patch and spaces.messages.update (the same rules).

var messageMasks = []string{"text", "attachment", "cards", "cards_v2", "accessory_widgets", "quoted_message_metadata", "*"}

func (e *Emulator) updateMessage(c *call, rec *spaceRecord) (any, *apiError) {
	var in chat.Message
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	m := lookupMessage(rec, c.msg)
	if m == nil || m.deleted {
		if c.query.Get("allowMissing") == "true" {
			if !strings.HasPrefix(c.msg, "client-") {
				return nil, invalidArgument("allowMissing needs a client-assigned message ID.")
			}
			return e.insertMessage(c, rec, &in, c.msg, "")
		}
		return nil, messageNotFound(rec, c)
	}
	mask, err := c.updateMask()
	if err != nil {
		return nil, err
	}
	for _, path := range mask {
		if !slices.Contains(messageMasks, path) {
			return nil, invalidArgument("Invalid updateMask path %q.", path)
		}
		if c.caller.kind == kindUser && (path == "cards" || path == "cards_v2" || path == "accessory_widgets") {
			return nil, invalidArgument("Updating %s requires app authentication.", path)
		}
	}
	if err := checkCanUpdateMessage(m, c.caller); err != nil {
		return nil, err
	}
	next := m.msg
	all := slices.Contains(mask, "*")
	if all || slices.Contains(mask, "text") {
		next.Text, next.FormattedText, next.ArgumentText = in.Text, in.Text, in.Text
	}
	if all || slices.Contains(mask, "cards_v2") {
		next.CardsV2 = in.CardsV2
	}
	if all || slices.Contains(mask, "accessory_widgets") {
		next.AccessoryWidgets = in.AccessoryWidgets
	}
	updateAttachments := all || slices.Contains(mask, "attachment")
	if updateAttachments {
		// The list replaces the message's attachments; an empty one removes
		// them all (planAttachments in attachments.go).
		next.Attachment = in.Attachment
	}
	if all || slices.Contains(mask, "cards") {
		next.Cards = in.Cards
	}
	if all || slices.Contains(mask, "quoted_message_metadata") {
		if in.QuotedMessageMetadata != nil {
			return nil, invalidArgument("quoted_message_metadata can only be removed, not added or replaced.")
		}
		next.QuotedMessageMetadata = nil
	}
	if err := e.checkMessageContent(c, &next); err != nil {
		return nil, err
	}
	if updateAttachments {
		if err := checkAttachmentCaller(c, &next); err != nil {
			return nil, err
		}
		plan, err := e.planAttachments(c, rec, in.Attachment, m.msg.Attachment)
		if err != nil {
			return nil, err
		}
		next.Attachment = e.applyAttachments(rec, m.msg.Name, plan, m.msg.Attachment)
	}
	next.LastUpdateTime = e.timestamp()
	m.msg = next
	e.commit()
	return m.render(), nil
}
