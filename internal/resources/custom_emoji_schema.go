package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

func (r *customEmojiResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A custom emoji of the Google Workspace organization, created with " +
			"[`customEmojis.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/customEmojis/create) " +
			"from a local image file and deleted on destroy. User credentials only (every customEmojis method \"Requires user " +
			"authentication\", with the `chat.customemojis` scope, which is not among the provider's default `scopes`: add " +
			"`https://www.googleapis.com/auth/chat.customemojis` to them), so a provider with app credentials refuses the resource at " +
			"plan time. Custom emojis are only available for Google Workspace accounts whose administrator turned them on. " +
			"The image is never stored in state, only its SHA-256: a changed file replaces the emoji. The API has no update: " +
			"every argument replaces it. Users can only delete custom emojis they created (emoji managers can delete any).",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id":   keptComputed("Same as `name`."),
			"name": keptComputed("Resource name, `customEmojis/{customEmoji}`, assigned by the server."),
			"emoji_name": schema.StringAttribute{
				Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "The emoji's name, unique within the organization, such as `:team-logo:`. It starts and ends " +
					"with a colon, is lowercase, and holds only letters, digits, and single hyphens or underscores between words. " +
					"An emoji of this name that already exists is reported with an import command, never adopted. Changing it " +
					"replaces the emoji.",
				Validators: []validator.String{
					convert.ValidEmojiName,
				},
			},
			"source": schema.StringAttribute{
				Required: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(changedAfterCreate,
					"Changing source replaces the emoji (not after an import).", "Changing `source` replaces the emoji (not after an import).")},
				MarkdownDescription: "Path of the local image file to upload. The API takes an image \"under 256 KB\", square, " +
					"\"between 64 and 500 pixels\", as `.png`, `.jpg` or `.gif`: the provider checks at plan time that the file " +
					"is readable, not empty, and under 256 KB, and that `filename` has one of those extensions; the API checks " +
					"the dimensions. The bytes are never stored in state. Changing it replaces the emoji; after an import " +
					"(the image can't be read back) the configured value is only recorded.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"filename": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The image's file name sent to the API, whose extension must be `.png`, `.jpg` or `.gif`. " +
					"Default: the base name of `source`. Changing it replaces the emoji; after an import it is only recorded.",
				Validators: []validator.String{
					stringvalidator.RegexMatches(emojiFilenamePattern, "must end in .png, .jpg or .gif"),
				},
			},
			"source_sha256": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Hex SHA-256 of the file at `source`, read at plan time: a change of the file's bytes " +
					"replaces the emoji. Null after an import until a configuration with `source` is applied.",
			},
			"uid": keptComputed("Unique key of the custom emoji, assigned by the server."),
			"temporary_image_uri": schema.StringAttribute{
				Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "A temporary URL of the image, \"valid for at least 10 minutes\", as first read after " +
					"create or import: the API returns a new one on every read, which the provider does not record so it " +
					"never shows as a change (create reads it once: the create answer lacks it). " +
					"Use the `google_chat_custom_emoji` data source for a fresh one.",
			},
		},
	}
}
