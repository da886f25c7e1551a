package datasources_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// A custom emoji made outside Terraform, read by its name and by its emoji
// name; apps are refused, and exactly one of the two is required.
func TestAccCustomEmojiDataSource_byNameOrEmojiName(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	env.UserScopes = testenv.UserScopesPlus("https://www.googleapis.com/auth/chat.customemojis")
	emojiName := ":tf-acc-" + strings.ToLower(acctest.RandString(8)) + ":"
	emoji, err := env.Client(chatapi.AuthModeUser).CreateCustomEmoji(context.Background(), &chat.CustomEmoji{EmojiName: emojiName,
		Payload: &chat.CustomEmojiPayload{Filename: "e.png", FileContent: base64.StdEncoding.EncodeToString([]byte("png"))}})
	if err != nil {
		t.Fatal(err)
	}
	config := func(provider, attrs string) string {
		return env.Config(fmt.Sprintf(`
data "google_chat_custom_emoji" "e" {
  provider = %s
  %s
}
`, provider, attrs))
	}
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.google_chat_custom_emoji.e", tfjsonpath.New("name"), knownvalue.StringExact(emoji.Name)),
		statecheck.ExpectKnownValue("data.google_chat_custom_emoji.e", tfjsonpath.New("emoji_name"), knownvalue.StringExact(emojiName)),
		statecheck.ExpectKnownValue("data.google_chat_custom_emoji.e", tfjsonpath.New("uid"), knownvalue.StringExact(emoji.Uid)),
		statecheck.ExpectKnownValue("data.google_chat_custom_emoji.e", tfjsonpath.New("temporary_image_uri"), knownvalue.NotNull()),
	}
	env.ParallelTest([]resource.TestStep{
		{Config: config("googlechat", fmt.Sprintf("name = %q", emoji.Name)), ConfigStateChecks: checks},
		{Config: config("googlechat", fmt.Sprintf("emoji_name = %q", emojiName)), ConfigStateChecks: checks},
		{Config: config("googlechat", `emoji_name = ":tf-acc-missing:"`), ExpectError: regexp.MustCompile(`Unable to Read Chat Custom Emoji`)},
		{Config: config("googlechatapp", fmt.Sprintf("name = %q", emoji.Name)), ExpectError: regexp.MustCompile(`User Credentials Required`)},
		{Config: config("googlechat", fmt.Sprintf("name = %q\n  emoji_name = %q", emoji.Name, emojiName)),
			ExpectError: regexp.MustCompile(`2 attributes specified when one \(and only one\)`)},
		{Config: config("googlechat", `emoji_name = "Logo"`), ExpectError: regexp.MustCompile(`must start and end with a colon`)},
		// The last configuration is valid: the test's destroy plans it.
		{Config: config("googlechat", fmt.Sprintf("name = %q", emoji.Name)), ConfigStateChecks: checks},
	})
}

// Every custom emoji the caller can see, all pages, and the documented
// creator filter: alice's own, then the others' (the emulator's seed).
func TestAccCustomEmojisDataSource_listsWithTheCreatorFilter(t *testing.T) {
	env := testenv.NewWithOptions(t, emulator.Options{PageSizeLimit: 1})
	env.RequireEmulator()
	env.UserScopes = testenv.UserScopesPlus("https://www.googleapis.com/auth/chat.customemojis")
	mine, err := env.Client(chatapi.AuthModeUser).CreateCustomEmoji(context.Background(), &chat.CustomEmoji{EmojiName: ":tf-acc-mine:",
		Payload: &chat.CustomEmojiPayload{Filename: "e.png", FileContent: base64.StdEncoding.EncodeToString([]byte("png"))}})
	if err != nil {
		t.Fatal(err)
	}
	config := func(filter string) string {
		return env.Config(fmt.Sprintf(`
data "google_chat_custom_emojis" "e" {
  provider = googlechat
  %s
}
`, filter))
	}
	named := func(name string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(name)})
	}
	const seed = "customEmojis/emulator-party-parrot"
	env.ParallelTest([]resource.TestStep{
		{Config: config(""), ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("data.google_chat_custom_emojis.e",
			tfjsonpath.New("emojis"), knownvalue.SetExact([]knownvalue.Check{named(seed), named(mine.Name)}))}},
		{Config: config(`filter = "creator(\"users/me\")"`), ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(
			"data.google_chat_custom_emojis.e", tfjsonpath.New("emojis"), knownvalue.ListExact([]knownvalue.Check{named(mine.Name)}))}},
		{Config: config(`filter = "NOT creator(\"users/me\")"`), ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(
			"data.google_chat_custom_emojis.e", tfjsonpath.New("emojis"), knownvalue.ListExact([]knownvalue.Check{named(seed)}))}},
		{Config: config(`filter = "creator(\"users/bob@example.com\")"`), ExpectError: regexp.MustCompile(`value must be one of`)},
		// The last configuration is valid: the test's destroy plans it.
		{Config: config("")},
	})
}
