package emulator

import (
	"regexp"
	"slices"
	"strings"
	"time"

	chat "google.golang.org/api/chat/v1"
)

// spaces.messages.list and its filter.

func (e *Emulator) listMessages(c *call, rec *spaceRecord) (any, *apiError) {
	filter, err := parseMessageFilter(c.query.Get("filter"))
	if err != nil {
		return nil, err
	}
	showDeleted := c.query.Get("showDeleted") == "true"
	order := slices.Clone(rec.messageOrder)
	// orderBy: "Valid ordering operation values are as follows: - `ASC` for
	// ascending. - `DESC` for descending. The default ordering is
	// `create_time ASC`." Both the bare operation and create_time with it
	// are taken.
	switch strings.ToLower(strings.TrimSpace(c.query.Get("orderBy"))) {
	case "", "asc", "create_time asc", "createtime asc":
	case "desc", "create_time desc", "createtime desc":
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
	// "You can use the greater than operator `>` ... or the less than
	// operator `<`" (filter): no >= or <=.
	createTimeTerm = regexp.MustCompile(`^create_time\s*(>|<)\s*"([^"]+)"$`)
	threadNameTerm = regexp.MustCompile(`^thread\.name\s*=\s*(spaces/[^/\s]+/threads/[^\s]+)$`)
)

// messageFilter is messages.list's filter: create_time bounds and one
// thread.name, joined by AND.
type messageFilter struct {
	after, before string
	thread        string
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
			if m[1] == ">" {
				f.after = value
			} else {
				f.before = value
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
		if !created.After(after) {
			return false
		}
	}
	if f.before != "" {
		before, _ := time.Parse(time.RFC3339Nano, f.before)
		if !created.Before(before) {
			return false
		}
	}
	return f.thread == "" || m.msg.Thread != nil && m.msg.Thread.Name == f.thread
}
