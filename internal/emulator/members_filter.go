package emulator

import (
	"regexp"
	"strings"

	chat "google.golang.org/api/chat/v1"
)

// The spaces.members.list filter: its grammar, and the administrator's
// required member type.

var memberFilterTerm = regexp.MustCompile(`^(role|member\.type)\s*(=|!=)\s*"([A-Z_]+)"$`)

// memberFilter is a parsed members.list filter: terms joined by AND or OR.
type memberFilter struct {
	terms [][3]string
	or    bool
}

func parseMemberFilter(filter string) (*memberFilter, *apiError) {
	f := &memberFilter{}
	filter = strings.TrimSpace(filter)
	if filter == "" {
		return f, nil
	}
	sep := regexp.MustCompile(`\s+AND\s+`)
	if strings.Contains(filter, " OR ") {
		sep, f.or = regexp.MustCompile(`\s+OR\s+`), true
		if strings.Contains(filter, " AND ") {
			return nil, invalidArgument("Invalid filter %q: mixing AND and OR is not supported.", filter)
		}
	}
	// "To filter by role, set `role` to `ROLE_MEMBER` or `ROLE_MANAGER`. To
	// filter by type, set `member.type` to `HUMAN` or `BOT`. You can also
	// filter for `member.type` using the `!=` operator." Invalid: "member.type
	// = "HUMAN" AND member.type = "BOT"" and "role = "ROLE_MANAGER" AND role =
	// "ROLE_MEMBER"". (discovery, spaces.members.list filter)
	roles, types := 0, 0
	for _, raw := range sep.Split(filter, -1) {
		m := memberFilterTerm.FindStringSubmatch(strings.TrimSpace(raw))
		if m == nil {
			return nil, invalidArgument("Invalid filter %q: filter by role or member.type.", filter)
		}
		switch m[1] {
		case "role":
			roles++
			if m[2] != "=" || (m[3] != "ROLE_MEMBER" && m[3] != "ROLE_MANAGER") {
				return nil, invalidArgument("Invalid filter %q: role supports only = with ROLE_MEMBER or ROLE_MANAGER.", filter)
			}
		case "member.type":
			types++
			if m[3] != "HUMAN" && m[3] != "BOT" {
				return nil, invalidArgument("Invalid filter %q: member.type is HUMAN or BOT.", filter)
			}
		}
		f.terms = append(f.terms, [3]string{m[1], m[2], m[3]})
	}
	if (roles > 1 || types > 1) && !f.or {
		return nil, invalidArgument("Invalid filter %q: a member has one role and one type, so terms on the same field can't be joined by AND.", filter)
	}
	return f, nil
}

func (f *memberFilter) matches(m *chat.Membership) bool {
	if len(f.terms) == 0 {
		return true
	}
	for _, t := range f.terms {
		value := m.Role
		if t[0] == "member.type" {
			value = ""
			if m.Member != nil {
				value = m.Member.Type
			}
		}
		hit := (value == t[2]) == (t[1] == "=")
		if hit && f.or {
			return true
		}
		if !hit && !f.or {
			return false
		}
	}
	return !f.or
}

// checkAdminMemberFilter applies to members.list with useAdminAccess the
// filter parameter's "Either `member.type = "HUMAN"` or `member.type !=
// "BOT"` is required when `use_admin_access` is set to true. Other member
// type filters will be rejected." Guess: the required term must hold for
// every membership listed, so it can't be joined to other terms by OR.
func checkAdminMemberFilter(raw string, f *memberFilter) *apiError {
	required := false
	for _, t := range f.terms {
		if t[0] != "member.type" {
			continue
		}
		if t != [3]string{"member.type", "=", "HUMAN"} && t != [3]string{"member.type", "!=", "BOT"} {
			return invalidArgument("Invalid filter %q: with use_admin_access the only member type filters are member.type = \"HUMAN\" and member.type != \"BOT\".", raw)
		}
		required = true
	}
	if !required || f.or && len(f.terms) > 1 {
		return invalidArgument("Invalid filter %q: either member.type = \"HUMAN\" or member.type != \"BOT\" is required when use_admin_access is set to true (joined to other terms by AND).", raw)
	}
	return nil
}
