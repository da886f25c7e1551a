package acctest

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"golang.org/x/oauth2"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// providerClient calls the emulator as the provider does: no harness header,
// so chaos applies and what it creates is the provider's.
func providerClient(t *testing.T, e *Env, token string) *chatapi.Client {
	t.Helper()
	client, err := chatapi.New(context.Background(), chatapi.Config{
		Endpoint: e.Emulator.URL + "/", TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token}),
		AuthMode: chatapi.AuthModeUser,
	})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

func TestCheckNoLeftovers(t *testing.T) {
	e, harness, _ := testEnv(t)
	provider := providerClient(t, e, "user:alice@example.com")
	ctx := context.Background()
	room := userSpace(t, provider, "Room", "users/bob@example.com")
	mine, err := provider.CreateMessage(ctx, room.Name, &chat.Message{Text: "mine"}, chatapi.MessageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Out-of-band objects of the harness are not the provider's.
	if _, err := harness.CreateMessage(ctx, room.Name, &chat.Message{Text: "by hand"}, chatapi.MessageOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := harness.CreateMembership(ctx, room.Name, human("users/erin@example.com")); err != nil {
		t.Fatal(err)
	}
	final := stateOf(map[string]*terraform.ResourceState{
		"google_chat_space.room": resourceState(TypeSpace, userProvider, room.Name, map[string]string{
			"name": room.Name, "space_type": "SPACE", "deletion_policy": "DELETE",
			"initial_members.#": "1", "initial_members.0": "users/bob@example.com",
		}),
		"google_chat_message.mine": resourceState(TypeMessage, userProvider, mine.Name, map[string]string{"name": mine.Name}),
	})
	wantNoError(t, "everything accounted for", e.CheckNoLeftovers(final))

	// A second copy of the message, a member and a space no resource names.
	dup, err := provider.CreateMessage(ctx, room.Name, &chat.Message{Text: "mine"}, chatapi.MessageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := provider.CreateMembership(ctx, room.Name, human("users/dave@example.com")); err != nil {
		t.Fatal(err)
	}
	stray := userSpace(t, provider, "Room again")
	wantError(t, "leftovers", e.CheckNoLeftovers(final), dup.Name, "users/100000000000000000004", stray.Name+" (SPACE \"Room again\")")
	wantError(t, "CheckDestroy runs it", e.CheckDestroy(TypeSpace, TypeMessage)(final), dup.Name)

	// Destroy starts the providers (the harness notes the state), deletes the
	// state's message, then the space. The duplicate message went down only
	// with its space: still reported, as is the stray space.
	if _, err := e.ProviderFactories()["googlechat"](); err != nil {
		t.Fatal(err)
	}
	if err := provider.DeleteMessage(ctx, mine.Name, false); err != nil {
		t.Fatal(err)
	}
	if err := provider.DeleteSpace(ctx, room.Name); err != nil {
		t.Fatal(err)
	}
	err = e.CheckNoLeftovers(final)
	wantError(t, "after destroy", err, dup.Name, stray.Name)
	if strings.Contains(err.Error(), mine.Name) {
		t.Errorf("the deleted message is reported: %v", err)
	}
	if err := provider.DeleteSpace(ctx, stray.Name); err != nil {
		t.Fatal(err)
	}
	wantError(t, "the duplicate message stays reported", e.CheckNoLeftovers(final), "before destroy: message "+dup.Name)
	if err := e.CheckNoLeftovers(final); strings.Contains(err.Error(), "after destroy") {
		t.Errorf("nothing is left after destroy, yet: %v", err)
	}
}

func TestCheckNoLeftovers_groupChatsAndDMs(t *testing.T) {
	e, _, _ := testEnv(t)
	provider := providerClient(t, e, "user:alice@example.com")
	ctx := context.Background()
	setup := func(spaceType string, members ...string) *chat.Space {
		req := &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: spaceType}}
		for _, m := range members {
			req.Memberships = append(req.Memberships, human(m))
		}
		space, err := provider.SetUpSpace(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return space
	}
	group := setup("GROUP_CHAT", "users/bob@example.com", "users/carol@example.com")
	replacedDM := setup("DIRECT_MESSAGE", "users/dave@example.com")
	final := stateOf(map[string]*terraform.ResourceState{
		"google_chat_space.group": resourceState(TypeSpace, userProvider, group.Name, map[string]string{
			"name": group.Name, "space_type": "GROUP_CHAT",
			"initial_members.#": "2", "initial_members.0": "users/bob@example.com", "initial_members.1": "users/carol@example.com",
		}),
	})
	// A DM replaced earlier stays (the API deletes no DM): not a leftover.
	wantNoError(t, "a replaced DM", e.CheckNoLeftovers(final))
	_ = replacedDM
	twin := setup("GROUP_CHAT", "users/bob@example.com", "users/carol@example.com")
	wantError(t, "a second group chat with the same members", e.CheckNoLeftovers(final), twin.Name+" (GROUP_CHAT) duplicates "+group.Name)
}

func TestChaosSettings(t *testing.T) {
	if testSeed(1, "TestA") == testSeed(1, "TestB") || testSeed(1, "TestA") == testSeed(2, "TestA") {
		t.Error("test seeds must differ by run seed and by test name")
	}
	if first, again := testSeed(1, "TestA"), testSeed(1, "TestA"); first != again || first <= 0 {
		t.Error("a test seed must be positive and fixed for a run seed and a name")
	}
	if got := runPattern("TestAccFaults/30%_of_calls"); got != "^TestAccFaults$/^30%_of_calls$" {
		t.Errorf("runPattern: %s", got)
	}
	if got := packagePath(); got != "./internal/acctest/" {
		t.Errorf("packagePath: %s", got)
	}

	t.Setenv(ChaosSeedEnv, "")
	opts := emulator.Options{}
	chaosFor(t, &opts)
	if opts.Chaos != nil {
		t.Fatal("chaos on without a seed")
	}
	t.Setenv(ChaosSeedEnv, "12345")
	chaosFor(t, &opts)
	if opts.Chaos == nil || opts.Chaos.Seed != testSeed(12345, t.Name()) {
		t.Fatalf("chaos options %+v", opts.Chaos)
	}
}

// The harness's clients are spared by chaos; the provider's are not.
func TestHarnessClientsAreExemptFromChaos(t *testing.T) {
	e := &Env{t: t, Emulator: emulator.NewTestServer(t, emulator.Options{
		Chaos: &emulator.ChaosOptions{Seed: 1, Unavailable: 1},
	})}
	ctx := context.Background()
	space := userSpace(t, e.Client(chatapi.AuthModeUser), "Calm")
	if _, err := e.listMessages(ctx, chatapi.AuthModeUser, space.Name); err != nil {
		t.Fatalf("the harness's messages.list met chaos: %v", err)
	}
	provider := providerClient(t, e, "user:alice@example.com")
	if _, err := provider.GetSpace(ctx, space.Name); chatapi.Code(err) != 503 {
		t.Fatalf("the provider's call passed chaos that answers every call 503: %v", err)
	}
	e.NoChaos("shows NoChaos")
	if _, err := provider.GetSpace(ctx, space.Name); err != nil {
		t.Fatalf("NoChaos left chaos on: %v", err)
	}
}
