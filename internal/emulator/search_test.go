package emulator

import (
	"strings"
	"testing"

	chat "google.golang.org/api/chat/v1"
)

// searchRecord is a space for matching tests.
func searchRecord(name string, edit func(*chat.Space)) *spaceRecord {
	s := chat.Space{
		Name: "spaces/" + name, SpaceType: "SPACE", DisplayName: name, Customer: emulatorCustomer,
		SpaceHistoryState: "HISTORY_ON", CreateTime: "2021-06-01T00:00:00Z",
	}
	if edit != nil {
		edit(&s)
	}
	return &spaceRecord{space: s}
}

// Every example query of the discovery document (spaces.search, query)
// parses in its mode and matches what it says.
func TestSearchQuery_documentedExamples(t *testing.T) {
	hello := searchRecord("Hello World", func(s *chat.Space) { s.LastActiveTime = "2021-01-01T00:00:00Z" })
	fun := searchRecord("Fun event", func(s *chat.Space) {
		s.LastActiveTime = "2019-01-01T00:00:00Z"
		s.CreateTime = "2019-06-01T00:00:00Z"
		s.ExternalUserAllowed = true
		s.SpaceHistoryState = "HISTORY_OFF"
	})
	other := searchRecord("Other", func(s *chat.Space) { s.LastActiveTime = "2023-01-01T00:00:00Z" })
	quiet := searchRecord("Quiet", nil) // no lastActiveTime: no message yet
	all := []*spaceRecord{hello, fun, other, quiet}
	cases := []struct {
		query string
		admin bool
		want  []*spaceRecord
	}{
		// "The following example queries are valid when `useAdminAccess` is set to `true`"
		{`customer = "customers/my_customer" AND space_type = "SPACE"`, true, all},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND display_name:"Hello World"`, true, []*spaceRecord{hello}},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND (last_active_time < "2020-01-01T00:00:00+00:00" OR last_active_time > "2022-01-01T00:00:00+00:00")`, true, []*spaceRecord{fun, other}},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND (display_name:"Hello World" OR display_name:"Fun event") AND (last_active_time > "2020-01-01T00:00:00+00:00" AND last_active_time < "2022-01-01T00:00:00+00:00")`, true, []*spaceRecord{hello}},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND (create_time > "2019-01-01T00:00:00+00:00" AND create_time < "2020-01-01T00:00:00+00:00") AND (external_user_allowed = "true") AND (space_history_state = "HISTORY_ON" OR space_history_state = "HISTORY_OFF")`, true, []*spaceRecord{fun}},
		// The interval example, as written: an empty interval, still valid.
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND last_active_time < "2022-01-01T00:00:00+00:00" AND last_active_time > "2023-01-01T00:00:00+00:00"`, true, nil},
		// The valid example of the rule across fields.
		{`space_type = "SPACE" AND display_name:"Hello"`, false, []*spaceRecord{hello}},
		// "The following example queries are valid when `useAdminAccess` is set to `false`"
		{`display_name:"Hello World" AND space_type = "SPACE"`, false, []*spaceRecord{hello}},
		{`(display_name:"Hello" OR display_name:"Fun") AND space_type = "SPACE"`, false, []*spaceRecord{hello, fun}},
		{`(external_user_allowed = "true" AND space_type = "SPACE")`, false, []*spaceRecord{fun}}, // the handler answers empty: no display_name
		{`(external_user_allowed = "true" AND display_name:"Hello" AND space_type = "SPACE")`, false, nil},
		{`(external_user_allowed = "true" AND display_name:"Fun" AND space_type = "SPACE")`, false, []*spaceRecord{fun}},
		// Every admin example is valid for the admin; the non-admin ones too.
		{`(display_name:"Hello" OR display_name:"Fun") AND space_type = "SPACE" AND customer = "customers/my_customer"`, true, []*spaceRecord{hello, fun}},
		// More: operators of the times, bare values, OR binding tighter than AND.
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND create_time = "2021-06-01T02:00:00+02:00"`, true, []*spaceRecord{hello, other, quiet}},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND create_time <= "2019-06-01T00:00:00Z"`, true, []*spaceRecord{fun}},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND create_time >= "2021-06-01T00:00:00Z"`, true, []*spaceRecord{hello, other, quiet}},
		{`customer = "customers/my_customer" AND space_type = SPACE AND space_history_state = HISTORY_OFF`, true, []*spaceRecord{fun}},
		{`space_type = "SPACE" AND display_name:"Hello" OR display_name:"Other"`, false, []*spaceRecord{hello, other}},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND ((create_time > "2019-01-01T00:00:00Z" AND create_time < "2020-01-01T00:00:00Z") OR create_time > "2021-01-01T00:00:00Z")`, true, all},
	}
	for _, tc := range cases {
		q, err := parseSpaceQuery(tc.query, tc.admin)
		if err != nil {
			t.Errorf("%s (admin %v): %v", tc.query, tc.admin, err.Message)
			continue
		}
		var got []string
		for _, rec := range all {
			if matchSearch(q.root, rec) {
				got = append(got, rec.space.DisplayName)
			}
		}
		var want []string
		for _, rec := range tc.want {
			want = append(want, rec.space.DisplayName)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s (admin %v): parsed %v, matched %q, want %q", tc.query, tc.admin, q.root, got, want)
		}
	}
}

// "For example, `Fun Eve` matches `Fun event` or `The evening was fun`,
// but not `notFun event` or `even`" (query).
func TestSearchQuery_displayNameTokens(t *testing.T) {
	tokens := searchWords("Fun Eve")
	for name, want := range map[string]bool{
		"Fun event": true, "The evening was fun": true, "notFun event": false, "even": false,
		"FUN EVENTS": true, "fun-eve": true, "Eve": false,
	} {
		if got := matchDisplayName(tokens, name); got != want {
			t.Errorf("Fun Eve against %q: %v, want %v", name, got, want)
		}
	}
}

// Invalid queries: "Invalid queries are rejected by the server with an
// `INVALID_ARGUMENT` error" (query).
func TestSearchQuery_invalid(t *testing.T) {
	const admin = `customer = "customers/my_customer" AND space_type = "SPACE"`
	cases := []struct {
		query string
		admin bool
		want  string // part of the message
	}{
		{``, false, "query is required"},
		{`space_type = "SPACE" AND display_name:"` + strings.Repeat("x", 1000) + `"`, false, "maximum query length"},
		// The document's invalid example.
		{`space_type = "SPACE" OR display_name:"Hello"`, false, "only AND"},
		{`display_name:"Hello"`, false, "space_type is required"},
		{`space_type = "SPACE"`, true, "customer is required"},
		{`customer = "customers/C123" AND space_type = "SPACE"`, true, "only supported value"},
		{`space_type = "GROUP_CHAT" AND display_name:"x"`, false, "only valid value"},
		{`space_type = "SPACE" AND display_name = "Hello"`, false, "HAS"},
		{`space_type = "SPACE" AND display_name:"!!"`, false, "needs text"},
		{`space_type = "SPACE" AND create_time > "2020-01-01T00:00:00Z"`, false, "useAdminAccess"},
		{`space_type = "SPACE" AND customer = "customers/my_customer"`, false, "useAdminAccess"},
		{`space_type = "SPACE" AND space_history_state = "HISTORY_ON"`, false, "useAdminAccess"},
		{admin + ` AND create_time : "2020-01-01T00:00:00Z"`, true, "comparison operators"},
		{admin + ` AND create_time > "2020-01-01"`, true, "RFC-3339"},
		{admin + ` AND create_time > 2020-01-01T00:00:00Z`, true, ""},
		{admin + ` AND display_name:"a" AND display_name:"b"`, true, "only support OR"},
		{`space_type = "SPACE" OR space_type = "SPACE"`, false, "space_type doesn't support AND or OR"},
		{`space_type = "SPACE" AND space_type = "SPACE"`, false, "space_type doesn't support AND or OR"},
		{admin + ` AND customer = "customers/my_customer"`, true, "customer"},
		{admin + ` AND external_user_allowed = "maybe"`, true, "true or false"},
		{admin + ` AND external_user_allowed != "true"`, true, "only accepts the = operator"},
		{admin + ` AND external_user_allowed = "true" AND external_user_allowed = "false"`, true, "only support OR"},
		{admin + ` AND space_history_state = "HISTORY_STATE_UNSPECIFIED"`, true, "HISTORY_ON or HISTORY_OFF"},
		{admin + ` AND create_time > "2020-01-01T00:00:00Z" AND create_time > "2021-01-01T00:00:00Z"`, true, "interval"},
		{admin + ` AND create_time = "2020-01-01T00:00:00Z" AND create_time < "2021-01-01T00:00:00Z"`, true, "interval"},
		{admin + ` AND (create_time > "2020-01-01T00:00:00Z" OR create_time < "2019-01-01T00:00:00Z") AND create_time < "2021-01-01T00:00:00Z"`, true, "interval"},
		{admin + ` AND (display_name:"a" AND display_name:"b" OR display_name:"c")`, true, "only support OR"},
		{admin + ` AND (create_time > "2020-01-01T00:00:00Z" OR last_active_time > "2020-01-01T00:00:00Z")`, true, "only AND"},
		{admin + ` AND size = "3"`, true, "unknown field"},
		{admin + ` AND (display_name:"a"`, true, "missing )"},
		{admin + ` AND display_name:"a")`, true, "unexpected"},
		{admin + ` and display_name:"a"`, true, "unexpected"},
		{admin + ` AND display_name:"a`, true, "unterminated"},
		{admin + ` AND NOT display_name:"a"`, true, "operator"},
		{admin + ` AND`, true, "ends"},
		{admin + ` AND display_name:`, true, "needs a value"},
	}
	for _, tc := range cases {
		_, err := parseSpaceQuery(tc.query, tc.admin)
		if err == nil {
			t.Errorf("%s (admin %v): parsed, want an error", tc.query, tc.admin)
			continue
		}
		if err.Status != "INVALID_ARGUMENT" || !strings.Contains(err.Message, tc.want) {
			t.Errorf("%s (admin %v): %s %q, want INVALID_ARGUMENT with %q", tc.query, tc.admin, err.Status, err.Message, tc.want)
		}
	}
}
