package emulator

import (
	"slices"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// The spaces.messagePins collection. Every method "Requires user
// authentication" (discovery document), with chat.spaces.pins or
// chat.spaces (read: also their readonly forms); scopes.go checks those.

// maxPinPageSize is the largest page: "The maximum value is 100. If you use
// a value more than 100, it's automatically changed to 100" (discovery,
// messagePins.list pageSize), which is also the default.
const maxPinPageSize = 100

func pinName(rec *spaceRecord, messageID string) string {
	return rec.space.Name + "/messagePins/" + messageID
}

// createMessagePin pins a message of the space. "The resource ID component
// matches the resource ID component of the message" (discovery,
// MessagePin.name): the pin of spaces/S/messages/M is spaces/S/messagePins/M.
// Pinning a message twice answers 409 ALREADY_EXISTS, and a pin of a
// deleted or unknown message 404: both guesses in the API's style. Any
// member may pin (a guess: no permission setting covers pins).
func (e *Emulator) createMessagePin(c *call, rec *spaceRecord) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	var in chat.MessagePin
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if in.Message == "" {
		return nil, invalidArgument("MessagePin.message is required.")
	}
	space, key, ok := strings.Cut(in.Message, "/messages/")
	if !ok || space != rec.space.Name {
		return nil, invalidArgument("MessagePin.message must be a message of %s, got %q.", rec.space.Name, in.Message)
	}
	m := lookupMessage(rec, key)
	if m == nil || m.deleted || !visibleTo(m, c.caller) {
		return nil, notFound("Message %s not found.", in.Message)
	}
	_, id, _ := strings.Cut(m.msg.Name, "/messages/")
	if slices.Contains(rec.pins, id) {
		return nil, alreadyExists("Message %s is already pinned.", m.msg.Name)
	}
	rec.pins = append(rec.pins, id)
	e.commit()
	return &chat.MessagePin{Name: pinName(rec, id), Message: m.msg.Name}, nil
}

// livePins are the space's pins whose message still exists: deleting a
// message unpins it (a guess; a pin of nothing would make no sense).
func livePins(rec *spaceRecord) []*chat.MessagePin {
	var out []*chat.MessagePin
	for _, id := range rec.pins {
		if m := rec.messages[id]; m != nil && !m.deleted {
			out = append(out, &chat.MessagePin{Name: pinName(rec, id), Message: m.msg.Name})
		}
	}
	return out
}

func (e *Emulator) listMessagePins(c *call, rec *spaceRecord) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	page, next, err := paginate(livePins(rec), c, maxPinPageSize, maxPinPageSize, "")
	if err != nil {
		return nil, err
	}
	return &chat.ListMessagePinsResponse{MessagePins: page, NextPageToken: next}, nil
}

func (e *Emulator) deleteMessagePin(c *call, rec *spaceRecord) (any, *apiError) {
	if err := userOnly(c); err != nil {
		return nil, err
	}
	i := slices.Index(rec.pins, c.pin)
	if i < 0 || rec.messages[c.pin] == nil || rec.messages[c.pin].deleted {
		return nil, notFound("Message pin %s not found.", pinName(rec, c.pin))
	}
	rec.pins = slices.Delete(rec.pins, i, i+1)
	e.commit()
	return struct{}{}, nil
}
