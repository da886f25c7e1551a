package convert

import (
	"strings"
	"testing"
)

// Every example the spaces.search query description gives is valid; the
// rules it states refuse the rest.
func TestCheckSearchQuery(t *testing.T) {
	documented := []string{
		`customer = "customers/my_customer" AND space_type = "SPACE"`,
		`customer = "customers/my_customer" AND space_type = "SPACE" AND display_name:"Hello World"`,
		`customer = "customers/my_customer" AND space_type = "SPACE" AND (last_active_time < "2020-01-01T00:00:00+00:00" OR last_active_time > "2022-01-01T00:00:00+00:00")`,
		`customer = "customers/my_customer" AND space_type = "SPACE" AND (display_name:"Hello World" OR display_name:"Fun event") AND (last_active_time > "2020-01-01T00:00:00+00:00" AND last_active_time < "2022-01-01T00:00:00+00:00")`,
		`customer = "customers/my_customer" AND space_type = "SPACE" AND (create_time > "2019-01-01T00:00:00+00:00" AND create_time < "2020-01-01T00:00:00+00:00") AND (external_user_allowed = "true") AND (space_history_state = "HISTORY_ON" OR space_history_state = "HISTORY_OFF")`,
	}
	// The interval the description gives as its example of AND, written as
	// it is there: without parentheses.
	documented = append(documented, `customer = "customers/my_customer" AND space_type = "SPACE" AND `+
		`last_active_time < "2022-01-01T00:00:00+00:00" AND last_active_time > "2023-01-01T00:00:00+00:00"`)
	for _, q := range documented {
		if err := CheckSearchQuery(q, true); err != nil {
			t.Errorf("admin %s: %v", q, err)
		}
	}
	for _, q := range []string{
		`space_type = "SPACE" AND display_name:"` + strings.Repeat("界", 900) + `"`, // 900 characters, 2,700 bytes
		`space_type = "SPACE" AND display_name:"Hello"`,
		`(external_user_allowed = "true" AND space_type = "SPACE")`,
		`(external_user_allowed = "true" AND display_name:"Hello" AND space_type = "SPACE")`,
		`space_type = "SPACE" AND (display_name:"Hello" OR display_name:"World")`,
	} {
		if err := CheckSearchQuery(q, false); err != nil {
			t.Errorf("a valid query without administrator access, %s: %v", q, err)
		}
	}
	bad := []struct {
		query string
		admin bool
		want  string
	}{
		{`space_type = "SPACE" OR display_name:"Hello"`, false, "only AND"},
		{`display_name:"Hello"`, false, "needs space_type"},
		{`space_type = "SPACE"`, true, "needs customer"},
		{`space_type = "GROUP_CHAT"`, false, `space_type must be "SPACE"`},
		{`space_type = "SPACE" AND customer = "customers/my_customer"`, false, "only with administrator access"},
		{`customer = "customers/C0123" AND space_type = "SPACE"`, true, "customers/my_customer"},
		{`space_type = "SPACE" AND display_name = "Hello"`, false, "display_name takes :"},
		{`space_type = "SPACE" AND external_user_allowed = "maybe"`, false, "true or false"},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND create_time > "yesterday"`, true, "RFC 3339"},
		{`space_type = "SPACE" AND (display_name:"a" AND display_name:"b")`, false, "does not support AND"},
		{`space_type = "SPACE" AND (display_name:"a" OR external_user_allowed = "true")`, false, "different fields"},
		{`(space_type = "SPACE" AND display_name:"a" OR display_name:"b")`, false, "not both"},
		{`space_type = "SPACE" AND display_name:"` + strings.Repeat("x", 1000) + `"`, false, "at most 1,000"},
		{`space_type = "SPACE" AND display_name:"` + strings.Repeat("界", 980) + `"`, false, "the query is 1020 characters"},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND create_time > "2019-01-01T00:00:00Z" AND create_time > "2020-01-01T00:00:00Z"`, true, "only as an interval"},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND (create_time > "2019-01-01T00:00:00Z" AND create_time = "2020-01-01T00:00:00Z")`, true, "only as an interval"},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND create_time > "2019-01-01T00:00:00Z" AND create_time < "2020-01-01T00:00:00Z" AND create_time < "2021-01-01T00:00:00Z"`, true, "only as an interval"},
		{`customer = "customers/my_customer" AND space_type = "SPACE" AND (create_time < "2019-01-01T00:00:00Z" OR create_time > "2020-01-01T00:00:00Z") AND create_time > "2021-01-01T00:00:00Z"`, true, "appears twice"},
		{`space_type = "SPACE" AND display_name:"a" AND display_name:"b"`, false, "appears twice"},
		{`space_type = "SPACE" AND owner = "me"`, false, "not a field"},
		{`space_type = "SPACE" AND (display_name:"a"`, false, "missing )"},
		{`space_type = "SPACE" AND display_name:"a`, false, "unterminated"},
		{``, false, "empty"},
		{`space_type = "SPACE" AND`, false, "ends"},
	}
	for _, tc := range bad {
		err := CheckSearchQuery(tc.query, tc.admin)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q (admin %v): %v, want an error containing %q", tc.query, tc.admin, err, tc.want)
		}
	}
}
