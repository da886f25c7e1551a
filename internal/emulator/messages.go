package emulator

import (
	"encoding/json"

	chat "google.golang.org/api/chat/v1"
)

// The spaces.messages collection: rules shared by its methods, get and
// delete. Create is in messages_create.go, list in messages_list.go, patch
// and update in messages_update.go.

const (
	maxMessageBytes          = 32000
	maxThreadKey             = 4000
	defaultMessagePageSize   = 25
	maxMessagePageSize       = 1000
	deletedByCreator         = "CREATOR"
	replyFallbackToNewThread = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
	replyOrFail              = "REPLY_MESSAGE_OR_FAIL"
)

type messageRecord struct {
	msg     chat.Message
	sender  *principal
	deleted bool
}

func (m *messageRecord) render() *chat.Message { return clone(&m.msg) }

// lookupMessage finds a message by system ID or client-assigned ID.
func lookupMessage(rec *spaceRecord, key string) *messageRecord {
	if id, ok := rec.clientIDs[key]; ok {
		key = id
	}
	return rec.messages[key]
}

func messageNotFound(rec *spaceRecord, c *call) *apiError {
	return notFound("Message %s/messages/%s not found.", rec.space.Name, c.msg)
}

// messageSize is what counts against the 32,000-byte limit.
func messageSize(m *chat.Message) int {
	size := len(m.Text) + len(m.FallbackText)
	for _, part := range []any{m.CardsV2, m.AccessoryWidgets, m.Cards} {
		if b, err := json.Marshal(part); err == nil && string(b) != "null" {
			size += len(b)
		}
	}
	return size
}

func checkCards(cards []*chat.CardWithId) *apiError {
	seen := map[string]bool{}
	for _, card := range cards {
		if card == nil || card.Card == nil {
			return invalidArgument("Each cardsV2 entry needs a card.")
		}
		if len(cards) > 1 && card.CardId == "" {
			return invalidArgument("cardId is required when a message contains multiple cards.")
		}
		if card.CardId != "" && seen[card.CardId] {
			return invalidArgument("cardId %q is used twice in one message.", card.CardId)
		}
		seen[card.CardId] = true
	}
	return nil
}

// checkMessageContent applies the content rules shared by create and update.
func (e *Emulator) checkMessageContent(c *call, in *chat.Message) *apiError {
	if in.Text == "" && len(in.CardsV2) == 0 && len(in.Cards) == 0 && len(in.AccessoryWidgets) == 0 && len(in.Attachment) == 0 {
		return invalidArgument("A message needs text, cardsV2, accessoryWidgets or an attachment.")
	}
	// "You can add accessory widgets to messages that contain text, cards,
	// or both text and cards." (discovery, Message.accessoryWidgets)
	if len(in.AccessoryWidgets) > 0 && in.Text == "" && len(in.CardsV2) == 0 && len(in.Cards) == 0 {
		return invalidArgument("accessoryWidgets can only be added to a message with text or cards.")
	}
	if c.caller.kind == kindUser && (len(in.CardsV2) > 0 || len(in.Cards) > 0 || len(in.AccessoryWidgets) > 0 || in.PrivateMessageViewer != nil) {
		return invalidArgument("cardsV2, accessoryWidgets and privateMessageViewer require app authentication.")
	}
	if size := messageSize(in); size > maxMessageBytes {
		return invalidArgument("Message is %d bytes; the limit is %d bytes including cards.", size, maxMessageBytes)
	}
	return checkCards(in.CardsV2)
}

// visibleTo: a private message is seen only by its viewer and the app.
func visibleTo(m *messageRecord, p *principal) bool {
	return m.msg.PrivateMessageViewer == nil || p.kind != kindUser || m.msg.PrivateMessageViewer.Name == p.userName()
}

func (e *Emulator) getMessage(c *call, rec *spaceRecord) (any, *apiError) {
	m := lookupMessage(rec, c.msg)
	if m == nil || !visibleTo(m, c.caller) {
		return nil, messageNotFound(rec, c)
	}
	return m.render(), nil
}

func (e *Emulator) deleteMessage(c *call, rec *spaceRecord) (any, *apiError) {
	m := lookupMessage(rec, c.msg)
	if m == nil || m.deleted {
		return nil, messageNotFound(rec, c)
	}
	// force applies only to user authentication; apps ignore it and may
	// delete a thread's first message while it has replies.
	force := c.query.Get("force") == "true" || c.caller.kind == kindApp
	if err := checkCanDeleteMessage(rec, c.caller, m); err != nil {
		return nil, err
	}
	var replies []*messageRecord
	if !m.msg.ThreadReply && m.msg.Thread != nil {
		for _, other := range rec.messages {
			if other != m && !other.deleted && other.msg.ThreadReply && other.msg.Thread != nil && other.msg.Thread.Name == m.msg.Thread.Name {
				replies = append(replies, other)
			}
		}
	}
	if len(replies) > 0 && !force {
		return nil, failedPrecondition("The message has threaded replies; delete with force=true.")
	}
	if c.caller.kind == kindUser {
		for _, reply := range replies {
			e.softDelete(reply)
		}
	}
	e.softDelete(m)
	e.commit()
	return nil, nil
}

// softDelete drops a message's content, attachments and their files
// included; it stays visible with showDeleted.
func (e *Emulator) softDelete(m *messageRecord) {
	now := e.timestamp()
	e.attachments.forget(m.msg.Attachment) // media.go
	m.deleted = true
	m.msg = chat.Message{
		Name: m.msg.Name, Sender: m.msg.Sender, CreateTime: m.msg.CreateTime, Thread: m.msg.Thread,
		Space: m.msg.Space, DeleteTime: now, ClientAssignedMessageId: m.msg.ClientAssignedMessageId,
		DeletionMetadata: &chat.DeletionMetadata{DeletionType: deletedByCreator},
	}
}
