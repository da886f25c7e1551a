package acctest

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"golang.org/x/oauth2"
	chat "google.golang.org/api/chat/v1"
	"google.golang.org/api/option"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// The space checks of live runs (and of emulator runs with viaAPI) look
// through the API with the test's user credentials first, then its app
// credentials: the user is not a member of the spaces the app creates for
// other users.

var modes = []chatapi.AuthMode{chatapi.AuthModeUser, chatapi.AuthModeApp}

// findAPISpace returns the named space (spaceType SPACE) with that display
// name, and the mode of the first caller that lists it.
func (e *Env) findAPISpace(displayName string) (*chat.Space, chatapi.AuthMode, error) {
	ctx := context.Background()
	var failures []string
	for _, mode := range modes {
		spaces, err := e.Client(mode).ListSpaces(ctx, `space_type = "SPACE"`)
		if err != nil {
			failures = append(failures, fmt.Sprintf("spaces.list as %s: %v", mode, err))
			continue
		}
		for _, space := range spaces {
			if space.DisplayName == displayName {
				return space, mode, nil
			}
		}
	}
	if len(failures) > 0 {
		return nil, "", fmt.Errorf("no space named %q found: %s", displayName, strings.Join(failures, "; "))
	}
	return nil, "", fmt.Errorf("no live space named %q: neither the user nor the app lists one", displayName)
}

// apiSpace builds the emulator's view of the space with that display name
// from the API: the space, its memberships and, with withMessages, its
// messages that are not deleted. App credentials see neither apps nor
// invitations in spaces.members.list, so from the app's side the calling app
// is counted as one membership and invited people are missing. When the API
// refuses spaces.messages.list (apps need chat.app.messages.readonly, which
// the tests do not ask for), the messages are those of the state's
// google_chat_message resources in the space that spaces.messages.get finds.
func (e *Env) apiSpace(s *terraform.State, displayName string, withMessages bool) (*emulator.SpaceState, error) {
	ctx := context.Background()
	space, mode, err := e.findAPISpace(displayName)
	if err != nil {
		return nil, err
	}
	client := e.Client(mode)
	out := &emulator.SpaceState{Space: space}
	// Groups and invitations are listed only with user authentication
	// (Membership.groupMember, showInvited).
	user := mode == chatapi.AuthModeUser
	members, err := client.ListMemberships(ctx, space.Name, "", user, user)
	if err != nil {
		return nil, fmt.Errorf("spaces.members.list of %s (%q) as %s: %w", space.Name, displayName, mode, err)
	}
	for _, m := range members {
		if m.State != "NOT_A_MEMBER" {
			out.Memberships = append(out.Memberships, m)
		}
	}
	if mode == chatapi.AuthModeApp {
		out.Memberships = append(out.Memberships, &chat.Membership{
			Name: space.Name + "/members/app", State: "JOINED", Member: &chat.User{Name: "users/app", Type: "BOT"},
		})
	}
	if !withMessages {
		return out, nil
	}
	messages, err := e.listMessages(ctx, mode, space.Name)
	if chatapi.IsPermissionDenied(err) {
		e.t.Logf("spaces.messages.list of %s as %s: %v; counting the state's messages that spaces.messages.get finds", space.Name, mode, err)
		messages, err = e.stateMessages(ctx, s, client, space.Name)
	}
	if err != nil {
		return nil, fmt.Errorf("messages of %s (%q): %w", space.Name, displayName, err)
	}
	out.Messages = messages
	return out, nil
}

// listMessages calls spaces.messages.list (deleted messages left out) for
// every page. chatapi.Client has no list call, so this builds a plain
// service with the client's credentials.
func (e *Env) listMessages(ctx context.Context, mode chatapi.AuthMode, space string) ([]*chat.Message, error) {
	cfg := e.clientConfig(mode)
	opts := []option.ClientOption{option.WithTokenSource(cfg.TokenSource)}
	if cfg.Transport != nil {
		// The harness's transport (emulator runs): exempt from chaos.
		opts = []option.ClientOption{option.WithHTTPClient(&http.Client{
			Transport: &oauth2.Transport{Source: cfg.TokenSource, Base: cfg.Transport},
		})}
	}
	if cfg.Endpoint != "" {
		opts = append(opts, option.WithEndpoint(chatapi.NormalizeEndpoint(cfg.Endpoint)))
	}
	service, err := chat.NewService(ctx, opts...)
	if err != nil {
		return nil, err
	}
	var out []*chat.Message
	err = service.Spaces.Messages.List(space).PageSize(1000).Pages(ctx, func(page *chat.ListMessagesResponse) error {
		out = append(out, page.Messages...)
		return nil
	})
	return out, err
}

// stateMessages returns the state's google_chat_message resources in space
// that spaces.messages.get finds, not deleted.
func (e *Env) stateMessages(ctx context.Context, s *terraform.State, client *chatapi.Client, space string) ([]*chat.Message, error) {
	var out []*chat.Message
	for _, key := range resourceKeys(s, TypeMessage) {
		name := attribute(s.RootModule().Resources[key], "name")
		if !strings.HasPrefix(name, space+"/messages/") {
			continue
		}
		m, err := client.GetMessage(ctx, name)
		switch {
		case chatapi.IsNotFound(err):
		case err != nil:
			return nil, err
		case m.DeleteTime == "":
			out = append(out, m)
		}
	}
	return out, nil
}

// apiLiveSpaces returns the live spaces of this test: those the state holds
// (by spaces.get), and any other space the user or the app lists under the
// display name of one of them (a duplicate from a retried create).
func (e *Env) apiLiveSpaces(s *terraform.State) ([]string, error) {
	ctx := context.Background()
	names, displayNames := map[string]bool{}, map[string]bool{}
	for _, key := range resourceKeys(s, TypeSpace) {
		rs := s.RootModule().Resources[key]
		names[attribute(rs, "name")] = true
		if displayName := rs.Primary.Attributes["display_name"]; displayName != "" {
			displayNames[displayName] = true
		}
	}
	live := map[string]bool{}
	for _, mode := range modes {
		spaces, err := e.Client(mode).ListSpaces(ctx, "")
		if err != nil {
			return nil, fmt.Errorf("spaces.list as %s: %w", mode, err)
		}
		for _, space := range spaces {
			if names[space.Name] || displayNames[space.DisplayName] {
				live[space.Name] = true
			}
		}
	}
	// Group chats and DMs are listed only once they hold a message.
	for name := range names {
		if live[name] {
			continue
		}
		_, err := lookup([]*chatapi.Client{e.Client(chatapi.AuthModeUser), e.Client(chatapi.AuthModeApp)},
			func(c *chatapi.Client) (*chat.Space, error) { return c.GetSpace(ctx, name) })
		switch {
		case err == nil:
			live[name] = true
		case !chatapi.IsNotFound(err):
			return nil, fmt.Errorf("checking %s: %w", name, err)
		}
	}
	out := make([]string, 0, len(live))
	for name := range live {
		out = append(out, name)
	}
	sort.Strings(out)
	return out, nil
}
