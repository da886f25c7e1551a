package emulator

import (
	"sort"
	"strings"
	"time"

	chat "google.golang.org/api/chat/v1"
)

// spaces.search: "Returns a list of spaces in a Google Workspace
// organization." The query grammar is in search.go (search_parse.go parses
// it); the rules here quote the discovery document's method and parameter
// descriptions (revision 20261029) or say "guess:".

// Page sizes: "If unspecified, at most 100 spaces are returned. The
// maximum value is 1000 when `useAdminAccess` is set to `true`. Otherwise,
// the maximum value is 100. If you use a value more than the maximum
// value, it's automatically changed to the maximum value" (pageSize).
const (
	defaultSearchPageSize  = 100
	maxAdminSearchPageSize = 1000
	maxSearchPageSize      = 100
)

func (e *Emulator) searchSpaces(c *call) (any, *apiError) {
	// "Supports the following types of authentication: - User
	// authentication": the method lists no app scope (scopes.go leaves the
	// call here).
	if err := userOnly(c); err != nil {
		return nil, err
	}
	query, err := parseSpaceQuery(c.query.Get("query"), c.adminAccess)
	if err != nil {
		return nil, err
	}
	order, err := parseSearchOrder(c.query.Get("orderBy"), c.adminAccess)
	if err != nil {
		return nil, err
	}
	var matched []*spaceRecord
	// "When `useAdminAccess` is set to `false`, `display_name` is required
	// to retrieve meaningful results. Otherwise, the default behavior is to
	// return an empty response."
	if c.adminAccess || query.fields[fieldDisplayName] {
		for _, id := range e.spaceOrder {
			rec := e.spaces[id]
			if rec.deleted || !e.searchable(c, rec) || !matchSearch(query.root, rec) {
				continue
			}
			matched = append(matched, rec)
		}
	}
	order.sort(matched)
	maxSize := int64(maxSearchPageSize)
	if c.adminAccess {
		maxSize = maxAdminSearchPageSize
	}
	binding := c.query.Get("query") + "|" + c.query.Get("orderBy") + "|" + c.query.Get("useAdminAccess")
	page, next, err := paginate(matched, c, defaultSearchPageSize, maxSize, binding)
	if err != nil {
		return nil, err
	}
	out := &chat.SearchSpacesResponse{}
	for _, rec := range page {
		// SearchSpacesResponse.results: "The list of search results that
		// matched the query."
		out.Results = append(out.Results, &chat.SearchSpaceResult{Space: rec.render(c.caller)})
	}
	if c.adminAccess {
		// SearchSpacesResponse.spaces: "Deprecated: Please use the new
		// `results` field instead. ... This field will be populated only
		// when `useAdminAccess` is set to `true`". nextPageToken and
		// totalSize: "Only populated when `useAdminAccess` is set to
		// `true`." (Without admin access a search answers one page.)
		for _, rec := range page {
			out.Spaces = append(out.Spaces, rec.render(c.caller))
		}
		out.NextPageToken = next
		// totalSize: "The total number of spaces that match the query,
		// across all pages."
		out.TotalSize = int64(len(matched))
	}
	return out, nil
}

// searchable reports whether a space is among those a search looks at:
// with admin access every space of the organization ("Returns a list of
// spaces in a Google Workspace organization"; the query's customer is
// customers/my_customer, the caller's); without it, "the results are
// limited to spaces where the calling user is a joined member". Never a
// space in import mode: "they aren't visible to users until the import is
// complete" (import.go).
func (e *Emulator) searchable(c *call, rec *spaceRecord) bool {
	if rec.space.ImportMode {
		return false
	}
	if c.adminAccess {
		return rec.space.Customer == emulatorCustomer
	}
	return rec.joinedMember(c.caller) != nil
}

// matchSearch evaluates a validated query against a space.
func matchSearch(n *searchNode, rec *spaceRecord) bool {
	switch n.op {
	case "AND":
		for _, k := range n.kids {
			if !matchSearch(k, rec) {
				return false
			}
		}
		return true
	case "OR":
		for _, k := range n.kids {
			if matchSearch(k, rec) {
				return true
			}
		}
		return false
	}
	t, s := n.term, &rec.space
	switch t.field {
	case fieldDisplayName:
		return matchDisplayName(t.tokens, s.DisplayName)
	case fieldCustomer:
		return s.Customer == emulatorCustomer // customers/my_customer, the only value
	case fieldSpaceType:
		return s.SpaceType == t.value
	case fieldExternalUserAllowed:
		return s.ExternalUserAllowed == (t.value == "true")
	case fieldSpaceHistoryState:
		return s.SpaceHistoryState == t.value
	case fieldCreateTime:
		return compareTime(s.CreateTime, t)
	case fieldLastActiveTime:
		return compareTime(s.LastActiveTime, t)
	}
	return false
}

// compareTime compares a space's timestamp with a time term. guess: a
// space without the timestamp (lastActiveTime: "Timestamp of the last
// message in the space", so none before the first message) matches no
// comparison.
func compareTime(stored string, t *searchTerm) bool {
	at, err := time.Parse(time.RFC3339Nano, stored)
	if err != nil {
		return false
	}
	switch t.op {
	case "=":
		return at.Equal(t.at)
	case "<":
		return at.Before(t.at)
	case ">":
		return at.After(t.at)
	case "<=":
		return !at.After(t.at)
	case ">=":
		return !at.Before(t.at)
	}
	return false
}

// searchOrder is a parsed orderBy.
type searchOrder struct {
	field string // "" for the default order
	desc  bool
}

// parseSearchOrder reads orderBy: "Supported attributes to order by are: -
// `membership_count.joined_direct_human_user_count` ... - `last_active_time`
// ... - `create_time` ... When `useAdminAccess` is `false`, only
// `create_time` and `relevance` are supported for ordering. Only `DESC` is
// supported for these fields in non-admin searches. Valid ordering
// operation values are: - `ASC` for ascending. Default value. - `DESC` for
// descending." One attribute, with an optional direction (the supported
// syntax lists no more). guess: the direction is matched
// case-insensitively, as AIP-132 order_by writes it in lower case.
func parseSearchOrder(orderBy string, admin bool) (searchOrder, *apiError) {
	parts := strings.Fields(orderBy)
	if len(parts) == 0 {
		return searchOrder{}, nil
	}
	order := searchOrder{field: parts[0]}
	valid := true
	switch {
	case len(parts) > 2:
		valid = false
	case len(parts) == 2 && strings.EqualFold(parts[1], "DESC"):
		order.desc = true
	case len(parts) == 2 && !strings.EqualFold(parts[1], "ASC"):
		valid = false
	}
	if admin {
		switch order.field {
		case "membership_count.joined_direct_human_user_count", "last_active_time", "create_time":
		default:
			valid = false
		}
		if !valid {
			return searchOrder{}, invalidArgument("Invalid orderBy %q: with useAdminAccess, order by membership_count.joined_direct_human_user_count, last_active_time or create_time, ASC (the default) or DESC.", orderBy)
		}
		return order, nil
	}
	// Without admin access: "create_time DESC" and "relevance DESC"; the
	// default direction, ASC, is not supported for them.
	if !valid || !order.desc || (order.field != "create_time" && order.field != "relevance") {
		return searchOrder{}, invalidArgument("Invalid orderBy %q: without useAdminAccess, only create_time DESC and relevance DESC are supported.", orderBy)
	}
	return order, nil
}

// sort orders the matched spaces, which come in creation order. guess: the
// default order (no orderBy) is creation order, and relevance, which the
// emulator has no model of, keeps it too; ties keep it as well. A space
// without lastActiveTime sorts as the earliest.
func (o searchOrder) sort(spaces []*spaceRecord) {
	if o.field == "" || o.field == "relevance" {
		return
	}
	key := func(rec *spaceRecord) int64 {
		switch o.field {
		case "membership_count.joined_direct_human_user_count":
			return rec.render(nil).MembershipCount.JoinedDirectHumanUserCount
		case "last_active_time":
			return unixNanos(rec.space.LastActiveTime)
		}
		return unixNanos(rec.space.CreateTime)
	}
	keys := make(map[*spaceRecord]int64, len(spaces))
	for _, rec := range spaces {
		keys[rec] = key(rec)
	}
	sort.SliceStable(spaces, func(i, j int) bool {
		a, b := keys[spaces[i]], keys[spaces[j]]
		if o.desc {
			return a > b
		}
		return a < b
	})
}

func unixNanos(stamp string) int64 {
	at, err := time.Parse(time.RFC3339Nano, stamp)
	if err != nil {
		return 0
	}
	return at.UnixNano()
}
