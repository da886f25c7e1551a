package emulator

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	chat "google.golang.org/api/chat/v1"
)

const (
	maxMessageBytes          = 32000
	maxThreadKey             = 4000
	defaultMessagePageSize   = 25
	maxMessagePageSize       = 1000
	deletedByCreator         = "CREATOR"
	replyFallbackToNewThread = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
	replyOrFail              = "REPLY_MESSAGE_OR_FAIL"
)

// clientMessageID: "client-", then lowercase letters, digits and hyphens,
// at most 63 characters in all.
var clientMessageID = regexp.MustCompile(`^client-[a-z0-9-]{1,56}$`)

type messageRecord struct {
	msg     chat.Message
	sender  *principal
	deleted bool
}

func (m *messageRecord) render() *chat.Message { return clone(&m.msg) }

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

// lookupMessage finds a message by system ID or client-assigned ID.
func lookupMessage(rec *spaceRecord, key string) *messageRecord {
	if id, ok := rec.clientIDs[key]; ok {
		key = id
	}
	return rec.messages[key]
}

func (e *Emulator) createMessage(c *call) (any, *apiError) {
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
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
		return echo, err
	}
	return e.insertMessage(c, rec, &in, c.query.Get("messageId"), requestID)
}

func (e *Emulator) insertMessage(c *call, rec *spaceRecord, in *chat.Message, messageID, requestID string) (any, *apiError) {
	if err := e.checkMessageContent(c, in); err != nil {
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
	id := randomID() + "." + randomID()
	now := e.timestamp()
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
	}
	m := &messageRecord{msg: msg, sender: c.caller}
	rec.messages[id] = m
	rec.messageOrder = append(rec.messageOrder, id)
	if messageID != "" {
		rec.clientIDs[messageID] = id
	}
	rec.hasMessages = true
	rec.space.LastActiveTime = now
	e.commit()
	e.remember(c, requestID, msg.Name)
	return m.render(), nil
}

func (e *Emulator) checkMessageContent(c *call, in *chat.Message) *apiError {
	if in.Text == "" && len(in.CardsV2) == 0 && len(in.Cards) == 0 && len(in.AccessoryWidgets) == 0 && len(in.Attachment) == 0 {
		return invalidArgument("A message needs text, cardsV2, accessoryWidgets or an attachment.")
	}
	if c.caller.kind == kindUser && (len(in.CardsV2) > 0 || len(in.Cards) > 0 || len(in.AccessoryWidgets) > 0 || in.PrivateMessageViewer != nil) {
		return invalidArgument("cardsV2, accessoryWidgets and privateMessageViewer require app authentication.")
	}
	if size := messageSize(in); size > maxMessageBytes {
		return invalidArgument("Message is %d bytes; the limit is %d bytes including cards.", size, maxMessageBytes)
	}
	return checkCards(in.CardsV2)
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

func (e *Emulator) getMessage(c *call) (any, *apiError) {
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
	m := lookupMessage(rec, c.msg)
	if m == nil || (m.msg.PrivateMessageViewer != nil && c.caller.kind == kindUser && m.msg.PrivateMessageViewer.Name != c.caller.userName()) {
		return nil, notFound("Message %s/messages/%s not found.", rec.space.Name, c.msg)
	}
	return m.render(), nil
}

func (e *Emulator) listMessages(c *call) (any, *apiError) {
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
	filter, ferr := parseMessageFilter(c.query.Get("filter"))
	if ferr != nil {
		return nil, ferr
	}
	showDeleted := c.query.Get("showDeleted") == "true"
	order := slices.Clone(rec.messageOrder)
	switch strings.ToLower(strings.TrimSpace(c.query.Get("orderBy"))) {
	case "", "create_time asc", "createtime asc":
	case "create_time desc", "createtime desc":
		slices.Reverse(order)
	default:
		return nil, invalidArgument("orderBy supports create_time ASC or DESC.")
	}
	var out []*chat.Message
	for _, id := range order {
		m := rec.messages[id]
		if m.deleted && !showDeleted || !filter.matches(m) {
			continue
		}
		out = append(out, m.render())
	}
	page, next, err := paginate(out, c, defaultMessagePageSize, maxMessagePageSize, c.query.Get("filter")+"|"+c.query.Get("orderBy"))
	if err != nil {
		return nil, err
	}
	return &chat.ListMessagesResponse{Messages: page, NextPageToken: next}, nil
}

var (
	createTimeTerm = regexp.MustCompile(`^create_time\s*(>|<|>=|<=)\s*"([^"]+)"$`)
	threadNameTerm = regexp.MustCompile(`^thread\.name\s*=\s*(spaces/[^/\s]+/threads/[^\s]+)$`)
)

// messageFilter is messages.list's filter: create_time bounds and one
// thread.name, joined by AND.
type messageFilter struct {
	after, before     string
	afterEq, beforeEq bool
	thread            string
}

func parseMessageFilter(filter string) (*messageFilter, *apiError) {
	f := &messageFilter{}
	if strings.TrimSpace(filter) == "" {
		return f, nil
	}
	bad := invalidArgument("Invalid filter %q: use create_time > or < a quoted RFC 3339 time and thread.name =, joined by AND.", filter)
	for _, term := range regexp.MustCompile(`\s+AND\s+`).Split(strings.TrimSpace(filter), -1) {
		term = strings.TrimSpace(term)
		if m := createTimeTerm.FindStringSubmatch(term); m != nil {
			at, err := time.Parse(time.RFC3339Nano, m[2])
			if err != nil {
				return nil, bad
			}
			value := at.UTC().Format(time.RFC3339Nano)
			if strings.HasPrefix(m[1], ">") {
				f.after, f.afterEq = value, m[1] == ">="
			} else {
				f.before, f.beforeEq = value, m[1] == "<="
			}
			continue
		}
		if m := threadNameTerm.FindStringSubmatch(term); m != nil && f.thread == "" {
			f.thread = m[1]
			continue
		}
		return nil, bad
	}
	return f, nil
}

func (f *messageFilter) matches(m *messageRecord) bool {
	created, _ := time.Parse(time.RFC3339Nano, m.msg.CreateTime)
	if f.after != "" {
		after, _ := time.Parse(time.RFC3339Nano, f.after)
		if !created.After(after) && (!f.afterEq || !created.Equal(after)) {
			return false
		}
	}
	if f.before != "" {
		before, _ := time.Parse(time.RFC3339Nano, f.before)
		if !created.Before(before) && (!f.beforeEq || !created.Equal(before)) {
			return false
		}
	}
	return f.thread == "" || m.msg.Thread != nil && m.msg.Thread.Name == f.thread
}

var messageMasks = []string{"text", "attachment", "cards", "cards_v2", "accessory_widgets", "quoted_message_metadata", "*"}

func (e *Emulator) updateMessage(c *call) (any, *apiError) {
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
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
		return nil, notFound("Message %s/messages/%s not found.", rec.space.Name, c.msg)
	}
	mask := normalizeMask(c.query.Get("updateMask"))
	if len(mask) == 0 {
		return nil, invalidArgument("updateMask is required.")
	}
	for _, path := range mask {
		if !slices.Contains(messageMasks, path) {
			return nil, invalidArgument("Invalid updateMask path %q.", path)
		}
		if c.caller.kind == kindUser && (path == "cards" || path == "cards_v2" || path == "accessory_widgets") {
			return nil, invalidArgument("Updating %s requires app authentication.", path)
		}
	}
	if m.sender.id != c.caller.id {
		return nil, permissionDenied("Only the message's sender can update it.")
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
	if all || slices.Contains(mask, "attachment") {
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
	next.LastUpdateTime = e.timestamp()
	m.msg = next
	e.commit()
	return m.render(), nil
}

func (e *Emulator) deleteMessage(c *call) (any, *apiError) {
	rec, err := e.lookupSpace(c)
	if err != nil {
		return nil, err
	}
	m := lookupMessage(rec, c.msg)
	if m == nil || m.deleted {
		return nil, notFound("Message %s/messages/%s not found.", rec.space.Name, c.msg)
	}
	// force applies only to user authentication; apps ignore it and may
	// delete a thread's first message while it has replies.
	force := c.query.Get("force") == "true" || c.caller.kind == kindApp
	if m.sender.id != c.caller.id {
		if c.caller.kind == kindApp || rec.joinedMember(c.caller).membership.Role != "ROLE_MANAGER" {
			return nil, permissionDenied("Only the message's sender or a space manager can delete it.")
		}
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
			softDelete(reply, e.timestamp())
		}
	}
	softDelete(m, e.timestamp())
	e.commit()
	return nil, nil
}

// softDelete drops a message's content; it stays visible with showDeleted.
func softDelete(m *messageRecord, now string) {
	m.deleted = true
	m.msg = chat.Message{
		Name: m.msg.Name, Sender: m.msg.Sender, CreateTime: m.msg.CreateTime, Thread: m.msg.Thread,
		Space: m.msg.Space, DeleteTime: now, ClientAssignedMessageId: m.msg.ClientAssignedMessageId,
		DeletionMetadata: &chat.DeletionMetadata{DeletionType: deletedByCreator},
	}
}
