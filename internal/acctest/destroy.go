package acctest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// Resource types with a destroy check.
const (
	TypeSpace        = "google_chat_space"
	TypeMessage      = "google_chat_message"
	TypeMembership   = "google_chat_membership"
	TypeSpaceMembers = "google_chat_space_members"
	TypeMessagePin   = "google_chat_message_pin"
	TypeReaction     = "google_chat_reaction"
	TypeCustomEmoji  = "google_chat_custom_emoji"
	// TypeSpaceNotificationSetting is the caller's own setting in a space.
	TypeSpaceNotificationSetting = "google_chat_space_notification_setting"
	// TypeUserSection and TypeUserSectionItem are the caller's own sections
	// and the spaces put in them.
	TypeUserSection     = "google_chat_user_section"
	TypeUserSectionItem = "google_chat_user_section_item"
)

// destroyChecks are the per-type destroy checks CheckDestroy composes.
var destroyChecks = map[string]func(*Env, *terraform.State) error{
	TypeSpace:        (*Env).CheckSpaceDestroyed,
	TypeMessage:      (*Env).CheckMessageDestroyed,
	TypeMembership:   (*Env).CheckMembershipDestroyed,
	TypeSpaceMembers: (*Env).CheckSpaceMembersDestroyed,
	TypeMessagePin:   (*Env).CheckMessagePinDestroyed,
	TypeReaction:     (*Env).CheckReactionDestroyed,
	TypeCustomEmoji:  (*Env).CheckCustomEmojiDestroyed,

	TypeSpaceNotificationSetting: (*Env).CheckSpaceNotificationSettingDestroyed,
	TypeUserSection:              (*Env).CheckUserSectionDestroyed,
	TypeUserSectionItem:          (*Env).CheckUserSectionItemDestroyed,
}

// CheckDestroy is a TestCase.CheckDestroy that runs the destroy check of
// every resource type named, for example
// env.CheckDestroy("google_chat_message", "google_chat_space"). It also fails
// when the state holds a google_chat_* resource of a type it was not told to
// check, so a test cannot add a resource and forget its destroy check, and,
// in emulator runs, when the provider left or duplicated an object the state
// does not account for (CheckNoLeftovers).
func (e *Env) CheckDestroy(resourceTypes ...string) func(*terraform.State) error {
	e.t.Helper()
	covered := map[string]bool{}
	for _, resourceType := range resourceTypes {
		if destroyChecks[resourceType] == nil {
			e.t.Fatalf("acctest: no destroy check for %q", resourceType)
		}
		covered[resourceType] = true
	}
	return func(s *terraform.State) error {
		var errs []error
		for _, key := range managedKeys(s) {
			if rs := s.RootModule().Resources[key]; strings.HasPrefix(rs.Type, "google_chat_") && !covered[rs.Type] {
				errs = append(errs, fmt.Errorf("%s is in state, but CheckDestroy does not check %s", key, rs.Type))
			}
		}
		for _, resourceType := range resourceTypes {
			errs = append(errs, destroyChecks[resourceType](e, s))
		}
		errs = append(errs, e.CheckNoLeftovers(s))
		return errors.Join(errs...)
	}
}

// CheckSpaceDestroyed checks every google_chat_space in state with spaces.get,
// as Read does: a space with deletion_policy = "DELETE" must answer 404, one
// with "ABANDON" must still exist. Group chats and direct messages are not
// checked: the API does not delete them, and Delete only drops them from state.
func (e *Env) CheckSpaceDestroyed(s *terraform.State) error {
	ctx := context.Background()
	var errs []error
	for _, key := range resourceKeys(s, TypeSpace) {
		rs := s.RootModule().Resources[key]
		if rs.Primary.Attributes["space_type"] != "SPACE" {
			continue
		}
		name := attribute(rs, "name")
		_, err := lookup(e.clientsFor(rs), func(c *chatapi.Client) (*chat.Space, error) { return c.GetSpace(ctx, name) })
		abandon := rs.Primary.Attributes["deletion_policy"] == "ABANDON"
		switch {
		case abandon && err == nil, !abandon && chatapi.IsNotFound(err):
		case abandon && chatapi.IsNotFound(err):
			errs = append(errs, fmt.Errorf("%s: %s has deletion_policy ABANDON but is gone after destroy", key, name))
		case err == nil:
			errs = append(errs, fmt.Errorf("%s: %s still exists after destroy", key, name))
		default:
			errs = append(errs, fmt.Errorf("%s: checking %s: %w", key, name, err))
		}
	}
	return errors.Join(errs...)
}

// CheckCustomEmojiDestroyed checks every google_chat_custom_emoji in state
// with customEmojis.get, as Read does: it must answer 404. Custom emojis
// live in the organization, not in a space.
func (e *Env) CheckCustomEmojiDestroyed(s *terraform.State) error {
	ctx := context.Background()
	var errs []error
	for _, key := range resourceKeys(s, TypeCustomEmoji) {
		name := attribute(s.RootModule().Resources[key], "name")
		// Only user credentials read custom emojis.
		_, err := e.Client(chatapi.AuthModeUser).GetCustomEmoji(ctx, name)
		switch {
		case chatapi.IsNotFound(err):
		case err == nil:
			errs = append(errs, fmt.Errorf("%s: %s still exists after destroy", key, name))
		default:
			errs = append(errs, fmt.Errorf("%s: checking %s: %w", key, name, err))
		}
	}
	return errors.Join(errs...)
}

// CheckSpaceNotificationSettingDestroyed checks every
// google_chat_space_notification_setting in state with
// users.spaces.spaceNotificationSetting.get, as Read does. A setting can't be
// deleted: with deletion_policy = "RESET" it must hold the defaults the
// provider sets back (ALL, UNMUTED), with "ABANDON" the values in state. A
// 404 (the space is gone, or the caller left it) passes, but in emulator
// runs with "RESET" the request log must show the reset as the last change
// of the setting before its space was deleted (see resetBeforeSpace).
func (e *Env) CheckSpaceNotificationSettingDestroyed(s *terraform.State) error {
	ctx := context.Background()
	var errs []error
	for _, key := range resourceKeys(s, TypeSpaceNotificationSetting) {
		rs := s.RootModule().Resources[key]
		name := attribute(rs, "name")
		wantNotification, wantMute := "ALL", "UNMUTED"
		abandon := rs.Primary.Attributes["deletion_policy"] == "ABANDON"
		if abandon {
			wantNotification, wantMute = rs.Primary.Attributes["notification_setting"], rs.Primary.Attributes["mute_setting"]
		}
		// Only user credentials have a notification setting.
		got, err := e.Client(chatapi.AuthModeUser).GetSpaceNotificationSetting(ctx, name)
		switch {
		case err == nil && (got.NotificationSetting != wantNotification || got.MuteSetting != wantMute):
			errs = append(errs, fmt.Errorf("%s: %s is %s/%s after destroy, want %s/%s (deletion_policy %s)", key, name,
				got.NotificationSetting, got.MuteSetting, wantNotification, wantMute, rs.Primary.Attributes["deletion_policy"]))
		case err == nil:
		case chatapi.IsNotFound(err):
			if !abandon {
				if err := e.resetBeforeSpace(attribute(rs, "space"), name); err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", key, err))
				}
			}
		default:
			errs = append(errs, fmt.Errorf("%s: checking %s: %w", key, name, err))
		}
	}
	return errors.Join(errs...)
}

// resetBeforeSpace is deletedBeforeSpace for a setting, which is never
// deleted: in emulator runs, if the log shows space deleted, the last patch
// of the setting name before that must have set both defaults.
func (e *Env) resetBeforeSpace(space, name string) error {
	if e.Emulator == nil || e.viaAPI {
		return nil
	}
	patched, reset := false, false
	for _, r := range e.Emulator.Requests() {
		// Applied calls count whether or not their answer arrived (chaos).
		if r.RPC == "chat.spaces.delete" && (r.Status == http.StatusOK || r.Committed) && r.Path == "/v1/"+space {
			if patched && !reset {
				return fmt.Errorf("%s was never reset: its last change before its space %s was deleted set other values", name, space)
			}
			return nil
		}
		if r.RPC != "chat.users.spaces.spaceNotificationSetting.patch" || (r.Status != http.StatusOK && !r.Committed) || r.Path != "/v1/"+name {
			continue
		}
		var body chat.SpaceNotificationSetting
		query, _ := url.ParseQuery(r.Query)
		mask := strings.Split(query.Get("updateMask"), ",")
		patched = true
		reset = json.Unmarshal([]byte(r.Body), &body) == nil && body.NotificationSetting == "ALL" && body.MuteSetting == "UNMUTED" &&
			slices.Contains(mask, "notification_setting") && slices.Contains(mask, "mute_setting")
	}
	return nil
}

// clientsFor returns the client of the provider that manages rs (googlechat:
// user credentials, googlechatapp: app credentials), then the other one for
// objects the first may not see.
func (e *Env) clientsFor(rs *terraform.ResourceState) []*chatapi.Client {
	user, app := e.Client(chatapi.AuthModeUser), e.Client(chatapi.AuthModeApp)
	if rs.Provider == "googlechatapp" || strings.HasSuffix(rs.Provider, "/googlechatapp") {
		return []*chatapi.Client{app, user}
	}
	if isAdminProvider(rs.Provider) {
		return []*chatapi.Client{e.Client(AdminMode), user, app}
	}
	return []*chatapi.Client{user, app}
}

// lookup calls get with each client in turn while the API refuses it (403).
func lookup[T any](clients []*chatapi.Client, get func(*chatapi.Client) (T, error)) (T, error) {
	var out T
	var err error
	for _, c := range clients {
		if out, err = get(c); !chatapi.IsPermissionDenied(err) {
			break
		}
	}
	return out, err
}

// spaceGone reports whether spaces.get answers 404 for space.
func spaceGone(ctx context.Context, clients []*chatapi.Client, space string) (bool, error) {
	_, err := lookup(clients, func(c *chatapi.Client) (*chat.Space, error) { return c.GetSpace(ctx, space) })
	if chatapi.IsNotFound(err) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("checking %s: %w", space, err)
	}
	return false, fmt.Errorf("%s still exists", space)
}

// managedKeys returns the state's managed resources (no data sources), sorted.
func managedKeys(s *terraform.State) []string {
	var keys []string
	for key := range s.RootModule().Resources {
		if !strings.HasPrefix(key, "data.") {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	return keys
}

// resourceKeys returns the keys of the managed resources of one type, sorted.
func resourceKeys(s *terraform.State, resourceType string) []string {
	var keys []string
	for _, key := range managedKeys(s) {
		if rs := s.RootModule().Resources[key]; rs.Type == resourceType && rs.Primary != nil {
			keys = append(keys, key)
		}
	}
	return keys
}

// attribute returns a string attribute, or the ID for an empty one.
func attribute(rs *terraform.ResourceState, name string) string {
	if value := rs.Primary.Attributes[name]; value != "" {
		return value
	}
	return rs.Primary.ID
}

// setAttribute returns the elements of a flattened set or list of strings.
func setAttribute(rs *terraform.ResourceState, name string) []string {
	count, _ := strconv.Atoi(rs.Primary.Attributes[name+".#"])
	var out []string
	for i := range count {
		if value, ok := rs.Primary.Attributes[name+"."+strconv.Itoa(i)]; ok {
			out = append(out, value)
		}
	}
	return out
}
