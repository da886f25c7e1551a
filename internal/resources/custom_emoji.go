package resources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var _ managedResource = (*customEmojiResource)(nil)

// NewCustomEmoji is the google_chat_custom_emoji resource.
func NewCustomEmoji() resource.Resource {
	return &customEmojiResource{base{typeName: "google_chat_custom_emoji", identity: "name",
		identityDescription: "Resource name of the custom emoji, `customEmojis/{customEmoji}`."}}
}

type customEmojiResource struct {
	base
}

type customEmojiModel struct {
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	ID                types.String   `tfsdk:"id"`
	Name              types.String   `tfsdk:"name"`
	EmojiName         types.String   `tfsdk:"emoji_name"`
	Source            types.String   `tfsdk:"source"`
	Filename          types.String   `tfsdk:"filename"`
	SourceSHA256      types.String   `tfsdk:"source_sha256"`
	UID               types.String   `tfsdk:"uid"`
	TemporaryImageURI types.String   `tfsdk:"temporary_image_uri"`
}

func (r *customEmojiResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := beginWith[customEmojiModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	image, ok := readEmojiImage(plan, &resp.Diagnostics)
	if !ok {
		return
	}
	if !convert.Known(plan.Filename) {
		plan.Filename = types.StringValue(defaultEmojiFilename(plan.Source.ValueString()))
	}
	emojiName := plan.EmojiName.ValueString()
	alias := customEmojiAlias(emojiName)
	alreadyThere := func(method string, err error, name string) {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("emoji_name"), "Chat Custom Emoji Already Exists", method, err,
			fmt.Sprintf("Emoji names are unique within the organization. To manage the existing emoji %s, import it with:\n"+
				"  terraform import google_chat_custom_emoji.NAME %s", emojiName, name))
	}
	// customEmojis.create takes no requestId, so after a lost answer the
	// provider adopts the emoji it finds by name. Look first (get accepts
	// the emoji name as an alias), so an emoji that was there before is
	// reported, never adopted (and later deleted by destroy).
	existing, err := r.client.GetCustomEmoji(ctx, alias)
	switch {
	case err == nil:
		alreadyThere("customEmojis.get", fmt.Errorf("%s exists as %s", emojiName, existing.Name), existing.Name)
		return
	case !chatapi.IsNotFound(err):
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("emoji_name"), "Unable to Create Chat Custom Emoji",
			"customEmojis.get "+alias, err, customEmojiAdvice(r.client, err))
		return
	}
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateCustomEmoji(attemptCtx, customEmojiToAPI(plan, image))
	switch {
	case err != nil && attempts.Uncertain():
		// The name was free before: an emoji with it now is this create's.
		if found, findErr := r.client.GetCustomEmoji(ctx, alias); findErr == nil {
			out, err = found, nil
		}
	case chatapi.IsAlreadyExists(err):
		name := alias
		if found, findErr := r.client.GetCustomEmoji(ctx, alias); findErr == nil {
			name = found.Name
		}
		alreadyThere("customEmojis.create", err, name)
		return
	}
	if err != nil {
		at := path.Root("emoji_name")
		if chatapi.IsInvalidArgument(err) {
			at = path.Root("source")
			if strings.Contains(strings.ToLower(err.Error()), "name") && !strings.Contains(strings.ToLower(err.Error()), "file") {
				at = path.Root("emoji_name")
			}
		}
		glue.AddAttributeAPIError(&resp.Diagnostics, at, "Unable to Create Chat Custom Emoji", "customEmojis.create", err,
			customEmojiAdvice(r.client, err))
		return
	}
	if out.TemporaryImageUri == "" {
		// "Not populated in the response when the custom emoji is created":
		// read it once, so the first refresh changes nothing.
		if got, err := r.client.GetCustomEmoji(ctx, out.Name); err == nil {
			out.TemporaryImageUri = got.TemporaryImageUri
		}
	}
	state := customEmojiFromAPI(out, plan)
	state.SourceSHA256 = types.StringValue(sha256Hex(image))
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
}

func (r *customEmojiResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	refresh(ctx, r.client, req, resp, byName[customEmojiModel]((*chatapi.Client).GetCustomEmoji), func(*chat.CustomEmoji) bool { return false }, readAdvice{
		"Chat Custom Emoji Removed", "is gone; removing it from state so the next apply creates it again.",
		"Unable to Read Chat Custom Emoji", "customEmojis.get",
	}, customEmojiFromAPI)
}

// Update records what reaches no API: a change of timeouts, or the source
// and filename configured after an import (the image can't be read back,
// so they are taken as written). Every other change replaces the emoji.
func (r *customEmojiResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, plan, state, ok := beginUpdate[customEmojiModel](ctx, r.client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if plan.SourceSHA256.IsUnknown() || plan.Filename.IsUnknown() {
		// source was unknown at plan (ModifyPlan could not read the file).
		image, ok := readEmojiImage(plan, &resp.Diagnostics)
		if !ok {
			return
		}
		plan.SourceSHA256 = types.StringValue(sha256Hex(image))
		if plan.Filename.IsUnknown() {
			plan.Filename = types.StringValue(defaultEmojiFilename(plan.Source.ValueString()))
		}
	}
	// Computed values a plan left unknown (none known in state) stay as state has them.
	for planned, prior := range map[*types.String]types.String{
		&plan.ID: state.ID, &plan.Name: state.Name, &plan.UID: state.UID, &plan.TemporaryImageURI: state.TemporaryImageURI,
	} {
		if planned.IsUnknown() {
			*planned = prior
		}
	}
	saveState(ctx, &resp.State, resp.Identity, &plan, "name", &resp.Diagnostics)
}

func (r *customEmojiResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[customEmojiModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	name := state.Name.ValueString()
	if err := r.client.DeleteCustomEmoji(ctx, name); err != nil && !chatapi.IsNotFound(err) {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Delete Chat Custom Emoji", "customEmojis.delete "+name, err, customEmojiAdvice(r.client, err))
	}
}

// ImportState takes the emoji's name, customEmojis/{customEmoji}, or its emoji name
// (":party-parrot:" or customEmojis/:party-parrot:), which Read turns into
// the resource name. source and filename stay null: the image can't be
// read back.
func (r *customEmojiResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	canonical := func(id string) (string, bool) {
		alias := strings.TrimPrefix(id, "customEmojis/")
		switch {
		case convert.CustomEmojiNamePattern.MatchString(id):
			return id, true
		case convert.EmojiNamePattern.MatchString(alias):
			return customEmojiAlias(alias), true
		}
		return "", false
	}
	importAs(ctx, req, resp, "name", canonical, "a custom emoji name. Use customEmojis/{customEmoji} or the emoji name, for example: "+
		"terraform import google_chat_custom_emoji.logo customEmojis/AAAA")
}

// customEmojiAlias is the name get and delete accept for an emoji name:
// "You can use the emoji name as an alias for `{customEmoji}`. For example,
// `customEmojis/:example-emoji:`" (discovery, customEmojis.get name).
func customEmojiAlias(emojiName string) string { return "customEmojis/" + emojiName }

func customEmojiAdvice(client *chatapi.Client, err error) string {
	switch {
	case chatapi.IsPermissionDenied(err) && client != nil && client.AuthMode == chatapi.AuthModeApp:
		return "Custom emojis need user credentials: every customEmojis method \"Requires user authentication\"."
	case chatapi.IsPermissionDenied(err):
		return "Custom emojis need the chat.customemojis scope, a Google Workspace account, and custom emojis turned on by " +
			"the administrator. Users can only delete custom emojis they created; emoji managers can delete any."
	case chatapi.IsInvalidArgument(err):
		return "Check emoji_name (:lowercase-words:), and the image: under 256 KB, square, 64 to 500 pixels, .png, .jpg or .gif."
	}
	return ""
}
