package chatapi_test

import (
	"context"
	"errors"
	"testing"

	"golang.org/x/oauth2"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// Whether the read state answer names the caller by ID or keeps the "me"
// alias (nothing documents which), the caller can be told from others.
func TestCallingUser_eitherAnswer(t *testing.T) {
	for _, keepsAlias := range []bool{false, true} {
		srv := emulator.NewTestServer(t, emulator.Options{ReadStateKeepsAlias: keepsAlias})
		ctx := context.Background()
		client, err := chatapi.New(ctx, chatapi.Config{Endpoint: srv.URL + "/", AuthMode: chatapi.AuthModeUser,
			TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "user:alice@example.com"})})
		if err != nil {
			t.Fatal(err)
		}
		space, err := client.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Caller"},
			Memberships: []*chat.Membership{{Member: &chat.User{Name: "users/bob@example.com", Type: "HUMAN"}}}})
		if err != nil {
			t.Fatal(err)
		}
		caller, err := client.CallingUser(ctx, space.Name)
		switch {
		case keepsAlias && !errors.Is(err, chatapi.ErrCallerAliased):
			t.Errorf("alias kept: CallingUser = %q, %v; want ErrCallerAliased", caller, err)
		case !keepsAlias && (err != nil || caller != "users/100000000000000000001"):
			t.Errorf("CallingUser = %q, %v; want alice's ID", caller, err)
		}
		for user, want := range map[string]bool{"users/100000000000000000001": true, "users/100000000000000000002": false} {
			if got, err := client.IsCallingUser(ctx, space.Name, user); err != nil || got != want {
				t.Errorf("keepsAlias %v: IsCallingUser(%s) = %v, %v; want %v", keepsAlias, user, got, err, want)
			}
		}
	}
}
