package datasources_test

import (
	"context"
	"testing"

	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// pagedSpace is an emulator that answers lists two at a time, with a named
// space alice set up out of band: the env, alice's client and the space.
func pagedSpace(t *testing.T, displayName string) (*testenv.Env, *chatapi.Client, *chat.Space) {
	t.Helper()
	env := testenv.NewWithOptions(t, emulator.Options{PageSizeLimit: 2})
	env.RequireEmulator()
	client := env.Client(chatapi.AuthModeUser)
	space, err := client.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: displayName}})
	if err != nil {
		t.Fatal(err)
	}
	return env, client, space
}

// postText posts text in space as client's principal.
func postText(t *testing.T, client *chatapi.Client, space, text string) *chat.Message {
	t.Helper()
	msg, err := client.CreateMessage(context.Background(), space, &chat.Message{Text: text}, chatapi.MessageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return msg
}
