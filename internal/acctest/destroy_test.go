package acctest

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// These tests need no TF_ACC: they build a state by hand around objects made
// in an emulator, and show that every check fails while the object exists
// and passes once it is gone.

const (
	userProvider = "registry.terraform.io/hashicorp/googlechat"
	appProvider  = "registry.terraform.io/hashicorp/googlechatapp"
)

func testEnv(t *testing.T) (*Env, *chatapi.Client, *chatapi.Client) {
	t.Helper()
	e := &Env{t: t, Emulator: emulator.NewTestServer(t, emulator.Options{})}
	return e, e.Client(chatapi.AuthModeUser), e.Client(chatapi.AuthModeApp)
}

// stateOf builds a state whose root module holds the given resources.
func stateOf(resources map[string]*terraform.ResourceState) *terraform.State {
	s := emptyState()
	for key, rs := range resources {
		s.RootModule().Resources[key] = rs
	}
	return s
}

func resourceState(resourceType, provider, id string, attributes map[string]string) *terraform.ResourceState {
	attrs := map[string]string{"id": id}
	for k, v := range attributes {
		attrs[k] = v
	}
	return &terraform.ResourceState{Type: resourceType, Provider: provider, Primary: &terraform.InstanceState{ID: id, Attributes: attrs}}
}

func spaceState(provider string, space *chat.Space, policy string) *terraform.ResourceState {
	return resourceState(TypeSpace, provider, space.Name, map[string]string{
		"name": space.Name, "space_type": space.SpaceType, "display_name": space.DisplayName, "deletion_policy": policy,
	})
}

func human(name string) *chat.Membership {
	return &chat.Membership{Member: &chat.User{Name: name, Type: "HUMAN"}}
}

// userSpace is a named space alice sets up, with the given members.
func userSpace(t *testing.T, user *chatapi.Client, displayName string, members ...string) *chat.Space {
	t.Helper()
	req := &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: displayName}}
	for _, m := range members {
		req.Memberships = append(req.Memberships, human(m))
	}
	space, err := user.SetUpSpace(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return space
}

// appSpace is the named space "App room" the app creates, with the given members.
func appSpace(t *testing.T, app *chatapi.Client, members ...string) *chat.Space {
	const displayName = "App room"
	t.Helper()
	ctx := context.Background()
	space, err := app.CreateSpace(ctx, &chat.Space{SpaceType: "SPACE", DisplayName: displayName, Customer: chatapi.DefaultCustomer}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if _, err := app.CreateMembership(ctx, space.Name, human(m)); err != nil {
			t.Fatal(err)
		}
	}
	return space
}

// postMessage posts text to space.
func postMessage(t *testing.T, c *chatapi.Client, space *chat.Space, text string) *chat.Message {
	t.Helper()
	m, err := c.CreateMessage(context.Background(), space.Name, &chat.Message{Text: text}, chatapi.MessageOptions{})
	must(t, err)
	return m
}

// addMember adds the human member to space.
func addMember(t *testing.T, c *chatapi.Client, space *chat.Space, member string) *chat.Membership {
	t.Helper()
	m, err := c.CreateMembership(context.Background(), space.Name, human(member))
	must(t, err)
	return m
}

// childState is the state of a message or membership: its name and space.
func childState(kind child, provider, name string) *terraform.ResourceState {
	space, _, _ := strings.Cut(name, kind.segment)
	return resourceState(kind.resourceType, provider, name, map[string]string{"name": name, "space": space})
}

// childStates is a state of messages or memberships by local name: the
// user's, then the app's.
func childStates(kind child, byUser, byApp map[string]string) *terraform.State {
	s := emptyState()
	for provider, names := range map[string]map[string]string{userProvider: byUser, appProvider: byApp} {
		for local, name := range names {
			s.RootModule().Resources[kind.resourceType+"."+local] = childState(kind, provider, name)
		}
	}
	return s
}

// wantError fails t unless check returns an error containing every want.
func wantError(t *testing.T, what string, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: the check passed, want an error", what)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("%s: error %q does not mention %q", what, err, w)
		}
	}
}

// wantErrorWithout is wantError for one want, and fails t if the error also
// mentions any of absent.
func wantErrorWithout(t *testing.T, what string, err error, want string, absent ...string) {
	t.Helper()
	wantError(t, what, err, want)
	for _, a := range absent {
		if strings.Contains(err.Error(), a) {
			t.Fatalf("%s: error %q mentions %q", what, err, a)
		}
	}
}

// must fails t on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantNoError(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestCheckSpaceDestroyed(t *testing.T) {
	e, user, app := testEnv(t)
	ctx := context.Background()
	mine := userSpace(t, user, "Room")
	theirs := appSpace(t, app, "users/bob@example.com")

	deleted := stateOf(map[string]*terraform.ResourceState{
		"google_chat_space.mine":   spaceState(userProvider, mine, "DELETE"),
		"google_chat_space.theirs": spaceState(appProvider, theirs, "DELETE"),
	})
	abandoned := stateOf(map[string]*terraform.ResourceState{"google_chat_space.mine": spaceState(userProvider, mine, "ABANDON")})

	wantError(t, "both spaces exist", e.CheckSpaceDestroyed(deleted), mine.Name+" still exists", theirs.Name+" still exists")
	wantError(t, "CheckDestroy", e.CheckDestroy(TypeSpace)(deleted), "still exists")
	wantNoError(t, "an abandoned space that exists", e.CheckSpaceDestroyed(abandoned))

	must(t, user.DeleteSpace(ctx, mine.Name))
	wantError(t, "the app's space exists", e.CheckSpaceDestroyed(deleted), theirs.Name+" still exists")
	wantError(t, "an abandoned space that is gone", e.CheckSpaceDestroyed(abandoned), "ABANDON but is gone")

	// Only the app can see its space: the user's spaces.get answers 403.
	must(t, app.DeleteSpace(ctx, theirs.Name))
	wantNoError(t, "both spaces deleted", e.CheckSpaceDestroyed(deleted))
	wantNoError(t, "CheckDestroy after delete", e.CheckDestroy(TypeSpace)(deleted))
}

func TestCheckMessageDestroyed(t *testing.T) {
	e, user, app := testEnv(t)
	ctx := context.Background()
	room := userSpace(t, user, "Room")
	appRoom := appSpace(t, app, "users/bob@example.com")
	first, second := postMessage(t, user, room, "first"), postMessage(t, user, room, "second")
	fromApp := postMessage(t, app, appRoom, "from the app")
	s := childStates(messageChild, map[string]string{"first": first.Name, "second": second.Name}, map[string]string{"from_app": fromApp.Name})

	wantError(t, "three messages exist", e.CheckMessageDestroyed(s), first.Name, second.Name, fromApp.Name)
	wantError(t, "CheckDestroy", e.CheckDestroy(TypeMessage)(s), "still exists")

	// A deleted message stays readable with a deleteTime, as Read sees it.
	must(t, user.DeleteMessage(ctx, first.Name, true))
	must(t, app.DeleteMessage(ctx, fromApp.Name, false))
	wantErrorWithout(t, "one message left", e.CheckMessageDestroyed(s), second.Name+" still exists", first.Name+" ", fromApp.Name)

	// The space gone takes the message with it: the API answers 404 for
	// both, but the emulator's log shows that second was never deleted.
	must(t, user.DeleteSpace(ctx, room.Name))
	wantErrorWithout(t, "second went only with its space", e.CheckMessageDestroyed(s), second.Name+" was never deleted", first.Name+" ")
	e.viaAPI = true // as in live runs: the lookup alone
	wantNoError(t, "the space is gone (live)", e.CheckMessageDestroyed(s))
}

func TestCheckMembershipDestroyed(t *testing.T) {
	e, user, app := testEnv(t)
	ctx := context.Background()
	room := userSpace(t, user, "Room")
	appRoom := appSpace(t, app)
	dave, carol := addMember(t, user, room, "users/dave@example.com"), addMember(t, user, room, "users/carol@example.com")
	erin := addMember(t, app, appRoom, "users/erin@example.com")
	s := childStates(membershipChild, map[string]string{"dave": dave.Name, "carol": carol.Name}, map[string]string{"erin": erin.Name})

	wantError(t, "three members", e.CheckMembershipDestroyed(s), dave.Name, carol.Name, erin.Name)
	wantError(t, "CheckDestroy", e.CheckDestroy(TypeMembership)(s), "still a member")

	must(t, user.DeleteMembership(ctx, dave.Name))
	must(t, app.DeleteMembership(ctx, erin.Name))
	wantErrorWithout(t, "carol is left", e.CheckMembershipDestroyed(s), carol.Name, dave.Name, erin.Name)

	must(t, user.DeleteSpace(ctx, room.Name))
	wantError(t, "carol went only with her space", e.CheckMembershipDestroyed(s), carol.Name+" was never deleted")
	if err := app.DeleteMembership(ctx, erin.Name); !chatapi.IsNotFound(err) {
		t.Fatalf("erin: %v", err)
	}
	must(t, app.DeleteSpace(ctx, appRoom.Name))
	wantError(t, "erin removed before her space", e.CheckMembershipDestroyed(s), carol.Name)
	delete(s.RootModule().Resources, "google_chat_membership.carol")
	wantNoError(t, "dave and erin removed before their spaces", e.CheckMembershipDestroyed(s))
	e.viaAPI = true // as in live runs: the lookup alone
	s.RootModule().Resources["google_chat_membership.carol"] = childState(membershipChild, userProvider, carol.Name)
	wantNoError(t, "the spaces are gone (live)", e.CheckMembershipDestroyed(s))
}

func TestCheckSpaceMembersDestroyed(t *testing.T) {
	e, user, _ := testEnv(t)
	ctx := context.Background()
	room := userSpace(t, user, "Room", "users/bob@example.com", "users/carol@example.com", "users/dave@example.com")
	bob, err := user.GetMembership(ctx, room.Name+"/members/bob@example.com")
	if err != nil {
		t.Fatal(err)
	}
	// bob by his ID, carol by email; dave is not managed by the resource.
	s := stateOf(map[string]*terraform.ResourceState{
		"google_chat_space_members.room": resourceState(TypeSpaceMembers, userProvider, room.Name, map[string]string{
			"space":     room.Name,
			"members.#": "1", "members.0": bob.Member.Name,
			"managers.#": "1", "managers.0": "users/carol@example.com",
		}),
	})

	wantError(t, "bob and carol are members", e.CheckSpaceMembersDestroyed(s), bob.Member.Name, "users/carol@example.com")
	wantError(t, "CheckDestroy", e.CheckDestroy(TypeSpaceMembers)(s), "still in")

	must(t, user.DeleteMembership(ctx, bob.Name))
	wantErrorWithout(t, "carol is left", e.CheckSpaceMembersDestroyed(s), "users/carol@example.com", bob.Member.Name)
	must(t, user.DeleteMembership(ctx, room.Name+"/members/carol@example.com"))
	// dave, whom the resource never managed, may stay.
	wantNoError(t, "managed members removed", e.CheckSpaceMembersDestroyed(s))

	if _, err := user.CreateMembership(ctx, room.Name, human("users/carol@example.com")); err != nil {
		t.Fatal(err)
	}
	wantError(t, "carol is back", e.CheckSpaceMembersDestroyed(s), "users/carol@example.com")
	// bob back too, and read (as a refresh would): he was there when the
	// space went.
	if _, err := user.CreateMembership(ctx, room.Name, human(bob.Member.Name)); err != nil {
		t.Fatal(err)
	}
	if _, err := user.GetMembership(ctx, bob.Name); err != nil {
		t.Fatal(err)
	}
	must(t, user.DeleteSpace(ctx, room.Name))
	err = e.CheckSpaceMembersDestroyed(s)
	wantError(t, "bob went only with his space", err, bob.Name+" was never deleted")
	e.viaAPI = true // as in live runs: the lookup alone
	wantNoError(t, "the space is gone (live)", e.CheckSpaceMembersDestroyed(s))
}

// Everything deleted in order, as terraform destroy does: every check passes.
func TestDestroyChecksPassAfterAnOrderlyDestroy(t *testing.T) {
	e, user, _ := testEnv(t)
	ctx := context.Background()
	room := userSpace(t, user, "Room", "users/bob@example.com")
	msg, err := user.CreateMessage(ctx, room.Name, &chat.Message{Text: "hi"}, chatapi.MessageOptions{MessageID: "client-hi"})
	if err != nil {
		t.Fatal(err)
	}
	dave := addMember(t, user, room, "users/dave@example.com")
	bob, err := user.GetMembership(ctx, room.Name+"/members/bob@example.com")
	if err != nil {
		t.Fatal(err)
	}
	s := stateOf(map[string]*terraform.ResourceState{
		"google_chat_space.room": spaceState(userProvider, room, "DELETE"),
		"google_chat_message.hi": resourceState(TypeMessage, userProvider, msg.Name, map[string]string{
			"name": msg.Name, "client_assigned_message_id": "client-hi",
		}),
		"google_chat_membership.dave": resourceState(TypeMembership, userProvider, dave.Name, map[string]string{
			"name": dave.Name, "member": "users/dave@example.com",
		}),
		"google_chat_space_members.room": resourceState(TypeSpaceMembers, userProvider, room.Name, map[string]string{
			"space": room.Name, "members.#": "1", "members.0": bob.Member.Name,
		}),
	})
	check := e.CheckDestroy(TypeSpaceMembers, TypeMembership, TypeMessage, TypeSpace)
	wantError(t, "nothing destroyed", check(s), msg.Name, dave.Name, bob.Member.Name, room.Name)

	// The message by its client-assigned ID, dave by email: either name counts.
	for _, step := range []func() error{
		func() error { return user.DeleteMessage(ctx, room.Name+"/messages/client-hi", true) },
		func() error { return user.DeleteMembership(ctx, room.Name+"/members/dave@example.com") },
		func() error { return user.DeleteMembership(ctx, bob.Name) },
		func() error { return user.DeleteSpace(ctx, room.Name) },
	} {
		must(t, step())
	}
	wantNoError(t, "everything destroyed in order", check(s))
}

func TestCheckDestroyCoversEveryType(t *testing.T) {
	e, _, _ := testEnv(t)
	gone := &chat.Space{Name: "spaces/AAAAgone", SpaceType: "SPACE", DisplayName: "gone"}
	s := stateOf(map[string]*terraform.ResourceState{
		"google_chat_space.room":      spaceState(userProvider, gone, "DELETE"),
		"data.google_chat_space.room": spaceState(userProvider, gone, "DELETE"),
		"google_chat_message.hello":   resourceState(TypeMessage, appProvider, "spaces/AAAAgone/messages/M1", nil),
	})
	wantError(t, "a message the check skips", e.CheckDestroy(TypeSpace)(s), "google_chat_message.hello is in state", "does not check google_chat_message")
	wantNoError(t, "spaces and messages", e.CheckDestroy(TypeSpace, TypeMessage)(s))
}

// The space checks give the same answers through the API (live runs) as
// from the emulator's own records.
func TestSpaceChecksThroughTheAPI(t *testing.T) {
	e, user, app := testEnv(t)
	ctx := context.Background()
	room := userSpace(t, user, "Room", "users/bob@example.com")
	appRoom := appSpace(t, app, "users/bob@example.com", "users/carol@example.com")
	for _, text := range []string{"one", "two"} {
		if _, err := user.CreateMessage(ctx, room.Name, &chat.Message{Text: text}, chatapi.MessageOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	hello, err := app.CreateMessage(ctx, appRoom.Name, &chat.Message{Text: "hello"}, chatapi.MessageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := stateOf(map[string]*terraform.ResourceState{
		"google_chat_space.room":     spaceState(userProvider, room, "DELETE"),
		"google_chat_space.app_room": spaceState(appProvider, appRoom, "DELETE"),
		"google_chat_message.hello":  resourceState(TypeMessage, appProvider, hello.Name, map[string]string{"name": hello.Name}),
	})
	same := func(what string, check func(*terraform.State) error, wantErr bool) {
		t.Helper()
		for _, viaAPI := range []bool{false, true} {
			e.viaAPI = viaAPI
			err := check(s)
			if (err != nil) != wantErr {
				t.Errorf("%s (viaAPI %v): error %v, want error %v", what, viaAPI, err, wantErr)
			}
		}
		e.viaAPI = false
	}
	same("Room has alice and bob", e.CheckSpaceMembers("Room", 2), false)
	same("Room has not 3 members", e.CheckSpaceMembers("Room", 3), true)
	same("App room has the app, bob and carol", e.CheckSpaceMembers("App room", 3), false)
	same("App room has not 2 members", e.CheckSpaceMembers("App room", 2), true)
	same("Room holds 2 messages", e.CheckMessages("Room", 2), false)
	same("Room holds not 1 message", e.CheckMessages("Room", 1), true)
	same("App room holds 1 message", e.CheckMessages("App room", 1), false)
	same("no such space", e.CheckMessages("Nowhere", 0), true)
	same("Room is live", e.CheckSpaceLive("Room"), false)
	same("Nowhere is not live", e.CheckSpaceLive("Nowhere"), true)
	same("two live spaces", e.CheckLiveSpaces(2), false)
	same("not three live spaces", e.CheckLiveSpaces(3), true)

	// Apps may not list messages in live runs: the state's messages count.
	must(t, e.Emulator.AddFault(emulator.FaultRule{RPC: "chat.spaces.messages.list", Principal: "app:app", Status: 403}))
	e.viaAPI = true
	wantNoError(t, "App room holds its state's message", e.CheckMessages("App room", 1)(s))
	wantError(t, "App room holds not 2 messages", e.CheckMessages("App room", 2)(s), "holds 1 messages, want 2")
	e.viaAPI = false
	e.Emulator.ClearFaults()

	must(t, user.DeleteSpace(ctx, room.Name))
	same("Room is gone", e.CheckSpaceLive("Room"), true)
	same("one live space", e.CheckLiveSpaces(1), false)
	same("Room's members are gone with it", e.CheckSpaceMembers("Room", 2), true)
	must(t, app.DeleteSpace(ctx, appRoom.Name))
	same("no live space", e.CheckLiveSpaces(0), false)
}
