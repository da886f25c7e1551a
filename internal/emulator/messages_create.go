package emulator

import (
	"regexp"
	"strings"
	"unicode/utf8"

	chat "google.golang.org/api/chat/v1"
)

// spaces.messages.create, and threading.

// clientMessageID: "client-", then lowercase letters, digits and hyphens,
// at most 63 characters in all.
var clientMessageID = regexp.MustCompile(`^client-[a-z0-9-]{1,56}$`)

func (e *Emulator) createMessage(c *call, rec *spaceRecord) (any, *apiError) {
	var in chat.Message
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	switch notification := c.query.Get("createMessageNotificationOptions.notificationType"); notification {
	case "", "NOTIFICATION_TYPE_NONE":
	case "NOTIFICATION_TYPE_FORCE_NOTIFY", "NOTIFICATION_TYPE_SILENT":
		if c.caller.kind == kindUser {
			return nil, invalidArgument("%s requires app authentication.", notification)
		}
	default:
		return nil, invalidArgument("Invalid notificationType %q.", notification)
	}
	requestID := c.query.Get("requestId")
	if name, ok, err := e.replay(c, requestID); ok {
		echo := clone(&in)
		echo.Name = name
		// The echo keeps no attachmentUploadToken: answers never carry one
		// (attach in attachments.go).
		for _, a := range echo.Attachment {
			if a != nil && a.AttachmentDataRef != nil {
				a.AttachmentDataRef.AttachmentUploadToken = ""
			}
		}
		return echo, err
	}
	return e.insertMessage(c, rec, &in, c.query.Get("messageId"), requestID)
}

func (e *Emulator) insertMessage(c *call, rec *spaceRecord, in *chat.Message, messageID, requestID string) (any, *apiError) {
	if err := e.checkMessageContent(c, in); err != nil {
		return nil, err
	}
	if err := checkAttachmentCaller(c, in); err != nil { // attachments.go
		return nil, err
	}
	if messageID != "" {
		if !clientMessageID.MatchString(messageID) {
			return nil, invalidArgument("messageId must begin with client-, have at most 63 characters, and contain only lowercase letters, numbers and hyphens.")
		}
		if _, taken := rec.clientIDs[messageID]; taken {
			return nil, alreadyExists("A message with ID %s already exists in %s.", messageID, rec.space.Name)
		}
	}
	var viewer *chat.User
	if in.PrivateMessageViewer != nil {
		// An email alias is accepted from the app (private messages need app
		// authentication). Source: the discovery document's User.name, "the
		// user's email address can be used as an alias for `{user}` in API
		// requests", with no condition on the authentication. The answer names
		// the viewer users/{id}: "Only the canonical resource name (for
		// example `users/123456789`) will be returned from the API."
		p, err := e.dir.resolveUser(in.PrivateMessageViewer.Name, c.caller)
		if err != nil {
			return nil, err
		}
		if rec.joinedMember(p) == nil {
			return nil, invalidArgument("privateMessageViewer must be a member of the space.")
		}
		viewer = &chat.User{Name: p.userName(), Type: "HUMAN"}
	}
	thread, reply, err := e.resolveThread(c, rec, in.Thread)
	if err != nil {
		return nil, err
	}
	if err := checkCanPost(rec, c.caller, reply); err != nil {
		return nil, err
	}
	attachments, err := e.planAttachments(c, rec, in.Attachment, nil) // attachments.go
	if err != nil {
		return nil, err
	}
	now, err := e.messageCreateTime(rec, in) // import.go
	if err != nil {
		return nil, err
	}
	id := randomID() + "." + randomID()
	msg := chat.Message{
		Name:                    rec.space.Name + "/messages/" + id,
		Sender:                  &chat.User{Name: c.caller.userName(), Type: c.caller.userType()},
		CreateTime:              now,
		Text:                    in.Text,
		FormattedText:           in.Text,
		ArgumentText:            in.Text,
		CardsV2:                 in.CardsV2,
		AccessoryWidgets:        in.AccessoryWidgets,
		FallbackText:            in.FallbackText,
		Thread:                  thread,
		ThreadReply:             reply,
		Space:                   &chat.Space{Name: rec.space.Name},
		PrivateMessageViewer:    viewer,
		ClientAssignedMessageId: messageID,
		// Message.silent: "Whether this is a silent message. Silent messages
		// are messages where Chat suppresses push notifications for recipients."
		Silent: c.query.Get("createMessageNotificationOptions.notificationType") == "NOTIFICATION_TYPE_SILENT",
	}
	msg.Attachment = e.applyAttachments(rec, msg.Name, attachments, nil)
	m := &messageRecord{msg: msg, sender: c.caller}
	rec.messages[id] = m
	placeMessage(rec, id, now) // by createTime, for imported messages (import.go)
	if messageID != "" {
		rec.clientIDs[messageID] = id
	}
	rec.hasMessages = true
	// Space.lastActiveTime: "Timestamp of the last message in the space";
	// an imported message may be older than the last.
	if rec.space.LastActiveTime == "" || laterTime(now, rec.space.LastActiveTime) {
		rec.space.LastActiveTime = now
	}
	e.commit()
	e.remember(c, requestID, msg.Name)
	return m.render(), nil
}

// resolveThread applies messageReplyOption to thread.name and thread.threadKey.
func (e *Emulator) resolveThread(c *call, rec *spaceRecord, in *chat.Thread) (*chat.Thread, bool, *apiError) {
	option := c.query.Get("messageReplyOption")
	key := c.query.Get("threadKey")
	name := ""
	if in != nil {
		if in.ThreadKey != "" {
			key = in.ThreadKey
		}
		name = in.Name
	}
	if utf8.RuneCountInString(key) > maxThreadKey {
		return nil, false, invalidArgument("threadKey supports up to %d characters.", maxThreadKey)
	}
	switch option {
	case "", "MESSAGE_REPLY_OPTION_UNSPECIFIED", replyFallbackToNewThread, replyOrFail:
	default:
		return nil, false, invalidArgument("Invalid messageReplyOption %q.", option)
	}
	newThread := func(withKey string) *chat.Thread {
		id := randomID()
		if withKey != "" {
			rec.threads[c.caller.id+"|"+withKey] = id
		}
		return &chat.Thread{Name: rec.space.Name + "/threads/" + id, ThreadKey: withKey}
	}
	// Reply options are only supported in named spaces.
	if option == "" || option == "MESSAGE_REPLY_OPTION_UNSPECIFIED" || rec.space.SpaceType != "SPACE" ||
		rec.space.SpaceThreadingState == "UNTHREADED_MESSAGES" {
		// Starts a new thread; any thread name or key is ignored.
		return newThread(""), false, nil
	}
	if name != "" {
		if strings.HasPrefix(name, rec.space.Name+"/threads/") && e.threadExists(rec, strings.TrimPrefix(name, rec.space.Name+"/threads/")) {
			return &chat.Thread{Name: name}, true, nil
		}
		if option == replyOrFail {
			return nil, false, notFound("Thread %s not found.", name)
		}
		return newThread(key), false, nil
	}
	if key != "" {
		if id, ok := rec.threads[c.caller.id+"|"+key]; ok {
			return &chat.Thread{Name: rec.space.Name + "/threads/" + id, ThreadKey: key}, true, nil
		}
	}
	return newThread(key), false, nil
}

func (e *Emulator) threadExists(rec *spaceRecord, id string) bool {
	suffix := "/threads/" + id
	for _, m := range rec.messages {
		if m.msg.Thread != nil && strings.HasSuffix(m.msg.Thread.Name, suffix) {
			return true
		}
	}
	return false
}
