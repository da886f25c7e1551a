package acctest

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// CheckNoLeftovers is the check every CheckDestroy ends with in emulator
// runs (tests need not add it). CheckDestroy gets the state from before
// destroy; this compares it with the emulator's own state twice: as it was
// just before destroy (noted when destroy started the providers: see
// ProviderFactories) and as it is after. Only objects the provider created
// count, that is anything the harness's own clients did not create, and it
// fails on:
//
//   - a named space that is live but not in the final state;
//   - a group chat or direct message not in the final state with the same
//     members as one that is (the API deletes neither, so one replaced in an
//     earlier step may stay);
//   - a message that is live but not in the final state;
//   - a membership in a space of the final state whose member the final
//     state does not name: not the space's creator, an initial member, a
//     google_chat_membership or a google_chat_space_members entry.
//
// Before destroy that is a duplicate from a retried create, or an object
// whose create failed after it landed; after destroy, also an object that
// destroy left. (Objects of the final state that outlive destroy are the
// per-type destroy checks' concern.) Objects in spaces the harness deleted
// out of band are skipped. Live runs and viaAPI skip the check.
func (e *Env) CheckNoLeftovers(s *terraform.State) error {
	if e.Emulator == nil || e.viaAPI {
		return nil
	}
	e.harness.markChecked()
	final := e.finalObjects(s)
	found := &leftovers{seen: map[string]bool{}}
	if before, ok := e.harness.beforeLastCommand(); ok {
		e.findLeftovers(before, final, "before destroy", found)
	}
	e.findLeftovers(e.Emulator.Snapshot(), final, "after destroy", found)
	if len(found.errs) > 0 {
		return fmt.Errorf("objects the provider created are not in the test's final state (a duplicate from a retried "+
			"create, or a create that failed after it landed) or outlived destroy:\n%w", errors.Join(found.errs...))
	}
	return nil
}

// leftovers collects findings, each object once.
type leftovers struct {
	seen map[string]bool
	errs []error
}

func (l *leftovers) add(object string, format string, args ...any) {
	if !l.seen[object] {
		l.seen[object] = true
		l.errs = append(l.errs, fmt.Errorf(format, args...))
	}
}

// findLeftovers applies CheckNoLeftovers's rules to one snapshot; when says
// which one.
func (e *Env) findLeftovers(snapshot emulator.State, final finalState, when string, found *leftovers) {
	for _, space := range snapshot.Spaces {
		name := space.Space.Name
		byHarness := e.harness.madeByHarness(name)
		if space.Deleted || e.harness.deletedByHarness(name) {
			continue
		}
		if !byHarness && !final.spaces[name] {
			if space.Space.SpaceType == "SPACE" {
				found.add(name, "%s: %s is live and not in the final state", when, describeSpace(space))
			} else if twin := duplicateOf(space, snapshot, final); twin != "" {
				found.add(name, "%s: %s duplicates %s of the final state (same type, same members %s)",
					when, describeSpace(space), twin, memberSet(space))
			}
		}
		for _, m := range space.Messages {
			if m.DeleteTime != "" || e.harness.madeByHarness(m.Name) || final.messages[m.Name] ||
				m.ClientAssignedMessageId != "" && final.messages[name+"/messages/"+m.ClientAssignedMessageId] {
				continue
			}
			found.add(m.Name, "%s: message %s (%q) in %s is live and not in the final state", when, m.Name, m.Text, describeSpace(space))
		}
		if byHarness || !final.spaces[name] {
			continue
		}
		accounted := final.members[name]
		if creator := e.Emulator.SpaceCreator(name); creator != "" {
			accounted = append(accounted, creator)
		}
		for _, m := range space.Memberships {
			member := memberOf(m)
			if m.State == "NOT_A_MEMBER" || slices.Contains(accounted, member) || final.memberships[m.Name] ||
				e.harness.madeByHarness(m.Name+"|"+m.CreateTime) {
				continue
			}
			found.add(m.Name+"|"+m.CreateTime, "%s: membership %s (%s, %s) in %s is not in the final state: no resource names %s",
				when, m.Name, member, m.State, describeSpace(space), member)
		}
	}
}

// duplicateOf returns the space of the final state with space's type and
// members, or "".
func duplicateOf(space emulator.SpaceState, snapshot emulator.State, final finalState) string {
	members := memberSet(space)
	for _, other := range snapshot.Spaces {
		if final.spaces[other.Space.Name] && !other.Deleted && other.Space.SpaceType == space.Space.SpaceType && memberSet(other) == members {
			return other.Space.Name
		}
	}
	return ""
}

// finalState is what the state from before destroy accounts for.
type finalState struct {
	spaces      map[string]bool
	messages    map[string]bool
	memberships map[string]bool
	members     map[string][]string // by space: users/{id} and groups/{id} the state names
}

func (e *Env) finalObjects(s *terraform.State) finalState {
	final := finalState{spaces: map[string]bool{}, messages: map[string]bool{}, memberships: map[string]bool{}, members: map[string][]string{}}
	if s == nil || s.RootModule() == nil {
		return final
	}
	name := func(spelling string) string {
		if canonical, ok := e.Emulator.UserName(spelling); ok {
			return canonical
		}
		return spelling
	}
	for _, key := range managedKeys(s) {
		rs := s.RootModule().Resources[key]
		if rs.Primary == nil {
			continue
		}
		switch rs.Type {
		case TypeSpace:
			space := attribute(rs, "name")
			final.spaces[space] = true
			for _, m := range setAttribute(rs, "initial_members") {
				final.members[space] = append(final.members[space], name(m))
			}
			if rs.Primary.Attributes["single_user_bot_dm"] == "true" {
				final.members[space] = append(final.members[space], name("users/app"))
			}
		case TypeMessage:
			final.messages[attribute(rs, "name")] = true
		case TypeMembership:
			membership := attribute(rs, "name")
			final.memberships[membership] = true
			space, _, _ := strings.Cut(membership, "/members/")
			for _, attr := range []string{"member", "group_member"} {
				if m := rs.Primary.Attributes[attr]; m != "" {
					final.members[space] = append(final.members[space], name(m))
				}
			}
		case TypeSpaceMembers:
			space := attribute(rs, "space")
			for _, attr := range []string{"managers", "assistant_managers", "members"} {
				for _, m := range setAttribute(rs, attr) {
					final.members[space] = append(final.members[space], name(m))
				}
			}
		}
	}
	return final
}

// afterTest runs when an emulator test ends: it logs what chaos did, and runs
// the leftover check with an empty final state if no CheckDestroy ran it (a
// test without one, or whose state ended empty) and the test passed so far.
func (e *Env) afterTest() {
	e.logChaos()
	if e.t.Failed() {
		e.logRequests()
		return
	}
	if e.harness.wasChecked() {
		return
	}
	e.harness.noteCommandStart(emulator.State{}) // no final state: only what is left now counts
	if err := e.CheckNoLeftovers(emptyState()); err != nil {
		e.t.Error(err)
	}
}

func memberOf(m *chat.Membership) string {
	switch {
	case m.Member != nil:
		return m.Member.Name
	case m.GroupMember != nil:
		return m.GroupMember.Name
	}
	return ""
}

// memberSet is a space's current members, sorted, as one string.
func memberSet(space emulator.SpaceState) string {
	var members []string
	for _, m := range space.Memberships {
		if m.State != "NOT_A_MEMBER" {
			members = append(members, memberOf(m))
		}
	}
	slices.Sort(members)
	return strings.Join(members, ",")
}

func describeSpace(space emulator.SpaceState) string {
	what := space.Space.Name + " (" + space.Space.SpaceType
	if space.Space.DisplayName != "" {
		what += fmt.Sprintf(" %q", space.Space.DisplayName)
	}
	if space.Deleted {
		what += ", deleted"
	}
	return what + ")"
}

// emptyState is a state with an empty root module.
func emptyState() *terraform.State {
	return &terraform.State{Modules: []*terraform.ModuleState{{Path: []string{"root"}, Resources: map[string]*terraform.ResourceState{}}}}
}
