package chatapi_test

import (
	"context"
	"fmt"
	"testing"

	"golang.org/x/oauth2"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

func listingClient(t *testing.T, srv *emulator.Server, principal string, mode chatapi.AuthMode) *chatapi.Client {
	t.Helper()
	client, err := chatapi.New(context.Background(), chatapi.Config{Endpoint: srv.URL + "/", AuthMode: mode, ListReads: true,
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: principal})})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// rpcCounts counts the logged calls per method since the last clear.
func rpcCounts(srv *emulator.Server) map[string]int {
	out := map[string]int{}
	for _, r := range srv.Requests() {
		out[r.RPC]++
	}
	srv.ClearRequests()
	return out
}

func always[T any](T) bool { return true }

// A refresh of a space and its members costs one spaces.get and one
// members.list; a write drops what was listed, and a member removed out of
// band is still found gone.
func TestReadMembership_fromOneList(t *testing.T) {
	ctx := context.Background()
	srv := emulator.NewTestServer(t, emulator.Options{})
	alice := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	var members []*chat.Membership
	for _, u := range []string{"bob", "carol", "dave"} {
		members = append(members, &chat.Membership{Member: &chat.User{Name: "users/" + u + "@example.com", Type: "HUMAN"}})
	}
	space, err := alice.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Lists"}, Memberships: members})
	if err != nil {
		t.Fatal(err)
	}
	listed, err := alice.ListMemberships(ctx, space.Name, "", true, true)
	if err != nil || len(listed) != 4 {
		t.Fatalf("members %d, %v", len(listed), err)
	}

	refresh := func(client *chatapi.Client) map[string]string {
		t.Helper()
		if _, err := client.ReadSpace(ctx, space.Name, always); err != nil {
			t.Fatal(err)
		}
		roles := map[string]string{}
		for _, m := range listed {
			got, err := client.ReadMembership(ctx, m.Name, always)
			switch {
			case chatapi.IsNotFound(err):
				roles[m.Name] = "gone"
			case err != nil:
				t.Fatal(err)
			default:
				roles[m.Name] = got.Role
			}
		}
		return roles
	}
	srv.ClearRequests()
	fresh := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	before := refresh(fresh)
	if calls := rpcCounts(srv); calls["chat.spaces.members.list"] != 1 || calls["chat.spaces.members.get"] != 0 || calls["chat.spaces.get"] != 1 {
		t.Errorf("a refresh of a space and 4 members made %v; want one spaces.get and one members.list", calls)
	}

	// A write through the client drops the list: the next read is fresh.
	bob := listed[1].Name
	if _, err := fresh.PatchMembership(ctx, bob, "ROLE_MANAGER"); err != nil {
		t.Fatal(err)
	}
	if got, err := fresh.ReadMembership(ctx, bob, always); err != nil || got.Role != "ROLE_MANAGER" {
		t.Errorf("read after the client's own patch = %v, %v", got, err)
	}

	// Out of band: another client removes carol and promotes dave; a new
	// refresh (a new client, as each Terraform operation configures one)
	// sees both, as GETs would.
	other := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	if err := other.DeleteMembership(ctx, listed[2].Name); err != nil {
		t.Fatal(err)
	}
	if _, err := other.PatchMembership(ctx, listed[3].Name, "ROLE_MANAGER"); err != nil {
		t.Fatal(err)
	}
	srv.ClearRequests()
	after := refresh(listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser))
	if after[listed[2].Name] != "gone" || after[listed[3].Name] != "ROLE_MANAGER" || before[listed[3].Name] != "ROLE_MEMBER" {
		t.Errorf("before %v, after %v: the removal and the promotion must both show", before, after)
	}
	if calls := rpcCounts(srv); calls["chat.spaces.members.list"] != 1 || calls["chat.spaces.members.get"] != 1 {
		t.Errorf("refresh after drift made %v; want one list and one get (the removed member)", calls)
	}

	// App credentials read each membership with its own get.
	app := listingClient(t, srv, "app", chatapi.AuthModeApp)
	for _, m := range listed[:2] {
		_, _ = app.ReadMembership(ctx, m.Name, always)
	}
	if calls := rpcCounts(srv); calls["chat.spaces.members.list"] != 0 {
		t.Errorf("app credentials listed members: %v", calls)
	}
}

// "The `permissionSettings` field is not returned in the Space object for
// list requests" (ListSpacesResponse.spaces), so a named space's reads go to
// spaces.get and never make the client list the caller's spaces; group
// chats, which have no permission settings, are listed after a few gets.
func TestReadSpace_listAfterAFewGets(t *testing.T) {
	ctx := context.Background()
	srv := emulator.NewTestServer(t, emulator.Options{})
	alice := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	var named, chats []string
	for i := range 12 {
		s, err := alice.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: fmt.Sprint("S", i)}})
		if err != nil {
			t.Fatal(err)
		}
		named = append(named, s.Name)
	}
	for i := range 12 {
		s, err := alice.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "GROUP_CHAT"}, Memberships: []*chat.Membership{
			{Member: &chat.User{Name: "users/bob@example.com", Type: "HUMAN"}},
			{Member: &chat.User{Name: "users/carol@example.com", Type: "HUMAN"}}}})
		if err != nil {
			t.Fatal(err)
		}
		// Group chats are listed once they hold a message.
		if _, err := alice.CreateMessage(ctx, s.Name, &chat.Message{Text: fmt.Sprint("hi ", i)}, chatapi.MessageOptions{}); err != nil {
			t.Fatal(err)
		}
		chats = append(chats, s.Name)
	}

	srv.ClearRequests()
	fresh := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	for _, name := range named {
		if got, err := fresh.ReadSpace(ctx, name, nil); err != nil || got.Name != name || got.PermissionSettings == nil {
			t.Fatalf("ReadSpace(%s) = %v, %v", name, got, err)
		}
	}
	if calls := rpcCounts(srv); calls["chat.spaces.list"] != 0 || calls["chat.spaces.get"] != 12 {
		t.Errorf("12 named space reads made %v; want 12 gets and no list", calls)
	}

	srv.ClearRequests()
	for _, name := range chats {
		if got, err := fresh.ReadSpace(ctx, name, always); err != nil || got.Name != name {
			t.Fatalf("ReadSpace(%s) = %v, %v", name, got, err)
		}
	}
	if calls := rpcCounts(srv); calls["chat.spaces.list"] != 1 || calls["chat.spaces.get"] != 4 {
		t.Errorf("12 group chat reads made %v; want 4 gets, then one list", calls)
	}
}

// The emulator follows the document: a spaces.list entry has no
// permissionSettings, though spaces.get of the same space does.
func TestListSpaces_leavesOutPermissionSettings(t *testing.T) {
	ctx := context.Background()
	srv := emulator.NewTestServer(t, emulator.Options{})
	alice := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	s, err := alice.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Listed"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := alice.GetSpace(ctx, s.Name); err != nil || got.PermissionSettings == nil {
		t.Fatalf("get: %v, %v", got, err)
	}
	listed, err := alice.ListSpaces(ctx, "")
	if err != nil || len(listed) != 1 || listed[0].Name != s.Name || listed[0].PermissionSettings != nil {
		t.Errorf("list = %v, %v; want the space without permission settings", listed, err)
	}
}

// Parallel reads of many spaces' members, racing writes through the same
// client, neither deadlock nor return what a write replaced (run with
// -race).
func TestReadMembership_parallelWithWrites(t *testing.T) {
	ctx := context.Background()
	srv := emulator.NewTestServer(t, emulator.Options{})
	alice := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	var names []string
	for i := range 8 {
		space, err := alice.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: fmt.Sprint("P", i)},
			Memberships: []*chat.Membership{{Member: &chat.User{Name: "users/bob@example.com", Type: "HUMAN"}}}})
		if err != nil {
			t.Fatal(err)
		}
		members, err := alice.ListMemberships(ctx, space.Name, "", false, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range members {
			names = append(names, m.Name)
		}
	}
	client := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	errs := make(chan error, 4*len(names))
	done := make(chan struct{})
	for round := range 4 {
		for i, name := range names {
			go func() {
				m, err := client.ReadMembership(ctx, name, always)
				if err == nil && round == 2 && i%2 == 0 && m.Member.Name != "users/100000000000000000001" {
					// Promote bob in half the spaces through the same client.
					_, err = client.PatchMembership(ctx, name, "ROLE_MANAGER")
				}
				errs <- err
			}()
		}
	}
	go func() {
		for range 4 * len(names) {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		close(done)
	}()
	<-done
	// After the writes, every read answers what the API holds.
	for _, name := range names {
		got, err := client.ReadMembership(ctx, name, always)
		want, err2 := alice.GetMembership(ctx, name)
		if err != nil || err2 != nil || got.Role != want.Role {
			t.Errorf("%s: read %v (%v), API %v (%v)", name, got, err, want, err2)
		}
	}
}

// Reads paced by the default limits stay under the emulator's per-space
// read quota (15 a second): 45 parallel gets of one space draw at most a
// few 429s at a second's boundary (retried), where unpaced they would draw
// thirty.
func TestReads_pacedUnderTheReadQuota(t *testing.T) {
	ctx := context.Background()
	srv := emulator.NewTestServer(t, emulator.Options{})
	alice := listingClient(t, srv, "user:alice@example.com", chatapi.AuthModeUser)
	space, err := alice.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Paced"}})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetQuota(emulator.Quota{SpaceReadsPerSecond: 15, SpaceReadsPerMinute: 900, ProjectReadsPerMinute: 3000})
	paced, err := chatapi.New(ctx, chatapi.Config{Endpoint: srv.URL + "/", AuthMode: chatapi.AuthModeUser,
		RateLimits: chatapi.DefaultRateLimits(), Retry: chatapi.DefaultRetryPolicy(),
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "user:alice@example.com"})})
	if err != nil {
		t.Fatal(err)
	}
	srv.ClearRequests()
	errs := make(chan error, 45)
	for range 45 {
		go func() { _, err := paced.GetSpace(ctx, space.Name); errs <- err }()
	}
	for range 45 {
		if err := <-errs; err != nil {
			t.Errorf("paced read: %v", err)
		}
	}
	refused := 0
	for _, r := range srv.Requests() {
		if r.Status == 429 {
			refused++
		}
	}
	if refused > 3 {
		t.Errorf("%d of the paced reads were refused with 429", refused)
	}
}
