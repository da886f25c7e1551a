package acctest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	chat "google.golang.org/api/chat/v1"
)

// child is a resource type whose objects live in a space (messages,
// memberships): how its destroy check reads one, and the other name it may
// go by.
type child struct {
	resourceType string
	// segment joins the space and the object's ID: "/messages/".
	segment string
	// deleteRPC and final are deletedBeforeSpace's.
	deleteRPC string
	final     bool
	// present reads the object as Read does and says how it is still there
	// after destroy ("still exists"), or "" when it is gone.
	present func(ctx context.Context, c *chatapi.Client, name string) (string, error)
	// alias is the object's other ID in its space ("" for none).
	alias func(rs *terraform.ResourceState) string
}

// children are the destroy checks of messages and memberships.
var (
	messageChild = child{
		resourceType: TypeMessage, segment: "/messages/", deleteRPC: "chat.spaces.messages.delete", final: true,
		present: func(ctx context.Context, c *chatapi.Client, name string) (string, error) {
			out, err := c.GetMessage(ctx, name)
			if err != nil || out.DeleteTime != "" {
				return "", err
			}
			return "still exists", nil
		},
		alias: func(rs *terraform.ResourceState) string { return rs.Primary.Attributes["client_assigned_message_id"] },
	}
	membershipChild = child{
		resourceType: TypeMembership, segment: "/members/", deleteRPC: "chat.spaces.members.delete",
		present: func(ctx context.Context, c *chatapi.Client, name string) (string, error) {
			state, err := memberState(ctx, c, name)
			if state == "" {
				return "", err
			}
			return "is still a member (" + state + ")", nil
		},
		// An email, or "app": a user removes the app's membership as
		// spaces/{space}/members/app.
		alias: func(rs *terraform.ResourceState) string {
			if member := rs.Primary.Attributes["member"]; strings.Contains(member, "@") || member == "users/app" {
				return strings.TrimPrefix(member, "users/")
			}
			return ""
		},
	}
)

// pinChild: a pin is read by listing its space's pins, as Read does.
var pinChild = child{
	resourceType: TypeMessagePin, segment: "/messagePins/", deleteRPC: "chat.spaces.messagePins.delete",
	present: func(ctx context.Context, c *chatapi.Client, name string) (string, error) {
		space, _, _ := strings.Cut(name, "/messagePins/")
		pins, err := c.ListMessagePins(ctx, space)
		for _, pin := range pins {
			if pin.Name == name {
				return "is still pinned", nil
			}
		}
		return "", err
	},
	alias: func(*terraform.ResourceState) string { return "" },
}

// CheckMessagePinDestroyed checks every google_chat_message_pin in state by
// listing its space's pins, as Read does: it must be gone, or its space.
func (e *Env) CheckMessagePinDestroyed(s *terraform.State) error {
	return e.checkChildDestroyed(s, pinChild)
}

// reactionChild: a reaction is read by listing its message's reactions, as
// Read does (there is no reactions.get); a message that is gone (404) took
// its reactions with it.
var reactionChild = child{
	resourceType: TypeReaction, segment: "/messages/", deleteRPC: "chat.spaces.messages.reactions.delete",
	present: func(ctx context.Context, c *chatapi.Client, name string) (string, error) {
		message, _, _ := strings.Cut(name, "/reactions/")
		reactions, err := c.ListReactions(ctx, message, "")
		for _, r := range reactions {
			if r.Name == name {
				return "still exists", nil
			}
		}
		return "", err
	},
	alias: func(*terraform.ResourceState) string { return "" },
}

// CheckReactionDestroyed checks every google_chat_reaction in state by
// listing its message's reactions, as Read does: it must be gone, or its
// message or space.
func (e *Env) CheckReactionDestroyed(s *terraform.State) error {
	return e.checkChildDestroyed(s, reactionChild)
}

// CheckMessageDestroyed checks every google_chat_message in state with
// spaces.messages.get, as Read does: it must answer 404 or carry a
// deleteTime, or its space must be gone (in emulator runs, gone after the
// message was deleted: see deletedBeforeSpace).
func (e *Env) CheckMessageDestroyed(s *terraform.State) error {
	return e.checkChildDestroyed(s, messageChild)
}

// CheckMembershipDestroyed checks every google_chat_membership in state with
// spaces.members.get, as Read does: it must answer 404 or state NOT_A_MEMBER,
// or the space must be gone (in emulator runs, gone after the member was
// removed: see deletedBeforeSpace).
func (e *Env) CheckMembershipDestroyed(s *terraform.State) error {
	return e.checkChildDestroyed(s, membershipChild)
}

// checkChildDestroyed checks every object of kind in state: it must be gone,
// or its space must be; in emulator runs it must have been deleted, by its
// name or its alias, before its space was.
func (e *Env) checkChildDestroyed(s *terraform.State, kind child) error {
	ctx := context.Background()
	var errs []error
	for _, key := range resourceKeys(s, kind.resourceType) {
		rs := s.RootModule().Resources[key]
		name := attribute(rs, "name")
		clients := e.clientsFor(rs)
		still, err := lookup(clients, func(c *chatapi.Client) (string, error) { return kind.present(ctx, c, name) })
		space, _, _ := strings.Cut(name, kind.segment)
		switch {
		case err == nil && still != "":
			errs = append(errs, fmt.Errorf("%s: %s %s after destroy", key, name, still))
			continue
		case err == nil, chatapi.IsNotFound(err):
		default:
			if gone, spaceErr := spaceGone(ctx, clients, space); !gone {
				errs = append(errs, fmt.Errorf("%s: checking %s: %w", key, name, errors.Join(err, spaceErr)))
				continue
			}
		}
		paths := []string{name}
		if id := kind.alias(rs); id != "" {
			paths = append(paths, space+kind.segment+id)
		}
		if err := e.deletedBeforeSpace(space, kind.deleteRPC, kind.final, paths...); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", key, err))
		}
	}
	return errors.Join(errs...)
}

// memberState is the state of the membership name (spaces.members.get), or
// "" when it is gone: not found, or NOT_A_MEMBER.
func memberState(ctx context.Context, c *chatapi.Client, name string) (string, error) {
	out, err := c.GetMembership(ctx, name)
	if err != nil || out.State == "NOT_A_MEMBER" {
		return "", err
	}
	return out.State, nil
}

// managedSpellings are the members a google_chat_space_members manages, as
// written: IDs or emails.
func managedSpellings(rs *terraform.ResourceState) []string {
	var out []string
	for _, attr := range []string{"managers", "assistant_managers", "members"} {
		out = append(out, setAttribute(rs, attr)...)
	}
	return out
}

// CheckSpaceMembersDestroyed checks every google_chat_space_members in state
// as Read does, with spaces.members.list of the human members (and
// spaces.members.get for members written as emails): none of the members it
// managed may still be in the space, unless the space itself is gone (in
// emulator runs, gone after the members written as IDs were removed: see
// deletedBeforeSpace).
func (e *Env) CheckSpaceMembersDestroyed(s *terraform.State) error {
	ctx := context.Background()
	var errs []error
	for _, key := range resourceKeys(s, TypeSpaceMembers) {
		rs := s.RootModule().Resources[key]
		space := attribute(rs, "space")
		clients := e.clientsFor(rs)
		list, err := lookup(clients, func(c *chatapi.Client) ([]*chat.Membership, error) {
			return c.ListMemberships(ctx, space, `member.type = "HUMAN"`, false, c.AuthMode == chatapi.AuthModeUser)
		})
		if chatapi.IsNotFound(err) {
			// Members written as IDs must have been removed before the space
			// was deleted; an email's ID is not known once the space is gone.
			for _, spelling := range managedSpellings(rs) {
				if strings.Contains(spelling, "@") {
					continue
				}
				path := space + "/members/" + strings.TrimPrefix(spelling, "users/")
				if err := e.deletedBeforeSpace(space, "chat.spaces.members.delete", false, path); err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", key, err))
				}
			}
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: listing the members of %s: %w", key, space, err))
			continue
		}
		joined := map[string]bool{}
		for _, m := range list {
			if m.Member != nil && m.State != "NOT_A_MEMBER" {
				joined[m.Member.Name] = true
			}
		}
		for _, spelling := range managedSpellings(rs) {
			if !strings.Contains(spelling, "@") {
				if joined[spelling] {
					errs = append(errs, fmt.Errorf("%s: %s is still in %s after destroy", key, spelling, space))
				}
				continue
			}
			// An email: resolved by spaces.members.get, as Read does.
			name := space + "/members/" + strings.TrimPrefix(spelling, "users/")
			state, err := lookup(clients, func(c *chatapi.Client) (string, error) { return memberState(ctx, c, name) })
			switch {
			case state != "":
				errs = append(errs, fmt.Errorf("%s: %s is still in %s (%s) after destroy", key, spelling, space, state))
			case err != nil && !chatapi.IsNotFound(err):
				errs = append(errs, fmt.Errorf("%s: checking %s: %w", key, name, err))
			}
		}
	}
	return errors.Join(errs...)
}

// deletedBeforeSpace closes the gap the API leaves: deleting a space deletes
// everything in it, so once the space is gone a message or membership whose
// Delete did nothing answers 404 like one that was deleted. In emulator runs
// the request log tells them apart. If it shows space deleted, the object
// must have been gone by then: the last call on one of its names before that
// was its delete (rpc) or answered 404, not a read or update answered 200.
// With final (messages: a deleted message keeps its name, and messages.get
// still answers 200 with a deleteTime) any delete before the space's counts.
// Live runs have no log and trust the lookup.
func (e *Env) deletedBeforeSpace(space, rpc string, final bool, names ...string) error {
	if e.Emulator == nil || e.viaAPI {
		return nil
	}
	existed, deleted := false, false
	for _, r := range e.Emulator.Requests() {
		if r.RPC == "chat.spaces.delete" && r.Status == http.StatusOK && r.Path == "/v1/"+space {
			if existed && !deleted {
				return fmt.Errorf("%s was never deleted: it was still there when its space %s was deleted", names[0], space)
			}
			return nil
		}
		if !slices.Contains(names, strings.TrimPrefix(r.Path, "/v1/")) || deleted && final {
			continue
		}
		switch {
		case r.RPC == rpc && r.Status == http.StatusOK, r.Status == http.StatusNotFound:
			existed, deleted = false, true
		case r.Status == http.StatusOK:
			existed, deleted = true, false
		}
	}
	return nil
}
