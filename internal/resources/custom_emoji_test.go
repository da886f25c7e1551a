package resources_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// customEmojiScopes: customEmojis methods need chat.customemojis, which is
// not among the provider's default user scopes.
var customEmojiScopes = testenv.UserScopesPlus("https://www.googleapis.com/auth/chat.customemojis")

// customEmojisOn needs custom emojis turned on in a live run, and adds the
// custom emoji scope to the user's.
func customEmojisOn(env *testenv.Env) {
	env.RequireLiveFeature("GOOGLE_CHAT_ACC_CUSTOM_EMOJIS", "custom emojis turned on by an administrator")
	env.UserScopes = customEmojiScopes
}

// emojiImage writes content to name in a temporary directory: the emulator
// takes any bytes (the API checks the image itself).
func emojiImage(t *testing.T, name, content string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func sha256Of(content string) string {
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:])
}

// uniqueEmojiName is an emoji name no other test run uses.
func uniqueEmojiName() string { return ":tf-acc-" + strings.ToLower(acctest.RandString(8)) + ":" }

func customEmojiConfig(env *testenv.Env, emojiName, source string) string {
	return env.Config(testenv.Resource("google_chat_custom_emoji", "logo", "provider", "googlechat",
		"emoji_name", testenv.Quote(emojiName), "source", testenv.Quote(source)))
}

func TestAccCustomEmoji_createImportReplaceAndDrift(t *testing.T) {
	env := testenv.New(t)
	customEmojisOn(env)
	const address = "google_chat_custom_emoji.logo"
	emojiName := uniqueEmojiName()
	source := emojiImage(t, "logo.png", "\x89PNG one")
	var name string
	env.ParallelTest([]resource.TestStep{
		{
			Config: customEmojiConfig(env, emojiName, source),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(`^customEmojis/[^/]+$`))),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("emoji_name"), knownvalue.StringExact(emojiName)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("filename"), knownvalue.StringExact("logo.png")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("source_sha256"), knownvalue.StringExact(sha256Of("\x89PNG one"))),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("uid"), knownvalue.NotNull()),
				statecheck.CompareValuePairs(address, tfjsonpath.New("id"), address, tfjsonpath.New("name"), compare.ValuesSame()),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            captureName(address, &name),
		},
		{
			// Imported by its name: the image can't be read back.
			ResourceName: address, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"source", "filename", "source_sha256", "timeouts", "temporary_image_uri"},
		},
		{
			// An import block with the configuration records source and
			// filename in place: no replacement.
			Config:             customEmojiConfig(env, emojiName, source),
			ResourceName:       address,
			ImportState:        true,
			ImportStateKind:    resource.ImportBlockWithID,
			SkipFunc:           testenv.SkipImportBlockUnderOpenTofu,
			ExpectNonEmptyPlan: true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
			}},
		},
		{
			// The file's bytes change: the emoji is replaced.
			PreConfig: outOfBand(t, func() error { return os.WriteFile(source, []byte("\x89PNG two"), 0o600) }),
			Config:    customEmojiConfig(env, emojiName, source),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("source_sha256"), knownvalue.StringExact(sha256Of("\x89PNG two"))),
			},
			Check: captureName(address, &name),
		},
		// Deleted outside Terraform: created again.
		createdAgainAfter(t, env, address, customEmojiConfig(env, emojiName, source),
			func(ctx context.Context, c *chatapi.Client) error { return c.DeleteCustomEmoji(ctx, name) }),
	}, "google_chat_custom_emoji")
}

// The identity is the emoji's name, and an import block with only the
// identity brings it under management with no replacement (Terraform 1.12
// and later; OpenTofu has no resource identity).
func TestAccCustomEmoji_identity(t *testing.T) {
	if testenv.OpenTofu() {
		t.Skip("OpenTofu does not implement resource identity")
	}
	env := testenv.New(t)
	customEmojisOn(env)
	const address = "google_chat_custom_emoji.logo"
	emojiName := uniqueEmojiName()
	source := emojiImage(t, "logo.png", "\x89PNG one")
	config := customEmojiConfig(env, emojiName, source)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_custom_emoji"),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New("name"))},
			},
			{
				Config:             config,
				ResourceName:       address,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithResourceIdentity,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}

// Bad custom emojis are refused at plan, on the attribute, with no API write.
func TestAccCustomEmoji_invalidInputMakesNoWrites(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	customEmojisOn(env)
	const bad = "google_chat_custom_emoji.bad"
	emoji := func(provider string, attrs ...string) string {
		return env.Config(testenv.Resource("google_chat_custom_emoji", "bad", append([]string{"provider", provider}, attrs...)...))
	}
	user := func(attrs ...string) string { return emoji("googlechat", attrs...) }
	png := testenv.Quote(emojiImage(t, "ok.png", "png"))
	planRefusesAll(t, env, "custom emojis", []invalidCase{
		{"no colons", user("emoji_name", `"logo"`, "source", png), attributeError(bad, "emoji_name", "must start and end with a colon")},
		{"upper case", user("emoji_name", `":Logo:"`, "source", png), attributeError(bad, "emoji_name", "must start and end with a colon")},
		{"double hyphen", user("emoji_name", `":a--b:"`, "source", png), attributeError(bad, "emoji_name", "must start and end with a colon")},
		{"missing file", user("emoji_name", `":logo:"`, "source", testenv.Quote(filepath.Join(t.TempDir(), "none.png"))),
			attributeError(bad, "source", "can't be read")},
		{"empty file", user("emoji_name", `":logo:"`, "source", testenv.Quote(emojiImage(t, "empty.png", ""))),
			attributeError(bad, "source", "is empty: customEmojis.create needs an image")},
		{"256 KB", user("emoji_name", `":logo:"`, "source", testenv.Quote(emojiImage(t, "big.png", strings.Repeat("x", 256<<10)))),
			attributeError(bad, "source", "under 256 KB")},
		{"unsupported extension", user("emoji_name", `":logo:"`, "source", testenv.Quote(emojiImage(t, "logo.bmp", "bmp"))),
			attributeError(bad, "source", "must end in .png, .jpg or .gif")},
		{"unsupported filename", user("emoji_name", `":logo:"`, "source", png, "filename", `"logo.svg"`),
			attributeError(bad, "filename", "must end in .png, .jpg or .gif")},
		{"app credentials", emoji("googlechatapp", "emoji_name", `":logo:"`, "source", png),
			attributeError(bad, "emoji_name", "The Chat API lets only users manage custom emojis")},
	})
}

func TestAccCustomEmoji_importRejectsBadIDs(t *testing.T) {
	env := testenv.New(t)
	customEmojisOn(env)
	env.ParallelTest([]resource.TestStep{{
		Config:        customEmojiConfig(env, ":imported:", emojiImage(t, "i.png", "i")),
		ResourceName:  "google_chat_custom_emoji.logo",
		ImportState:   true,
		ImportStateId: "spaces/AAAAAAAAAAA",
		ExpectError:   regexp.MustCompile(`(?s)Invalid Import ID.*customEmojis/\{customEmoji\}`),
	}})
}
