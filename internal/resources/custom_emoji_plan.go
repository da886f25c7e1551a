package resources

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var (
	// emojiFilenamePattern: "Supported file extensions: `.png`, `.jpg`,
	// `.gif`" (CustomEmojiPayload.filename). Upper case passes: a guess.
	emojiFilenamePattern = regexp.MustCompile(`(?i)\.(png|jpg|gif)$`)
)

// maxEmojiImageBytes: "The payload must be under 256 KB"
// (CustomEmojiPayload.fileContent). The dimensions ("square and between 64
// and 500 pixels ... subject to change") are left to the API.
const maxEmojiImageBytes = 256 << 10

// ModifyPlan refuses app credentials (customEmojis.create, get, list and
// delete each "Requires user authentication"), then reads the file at
// source: it must be readable, non-empty and under 256 KB; its SHA-256 is
// the planned source_sha256, and a hash or filename that differs from state
// replaces the emoji. After an import (null source_sha256 in state) the
// configured values are only recorded: the image can't be read back to
// compare. The rules need the client or the file, so they are not attribute
// plan modifiers.
func (r *customEmojiResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	if !glue.RequireUser(r.client, &resp.Diagnostics, path.Root("emoji_name"), "manage custom emojis", "customEmojis.create, get, list and delete") {
		return
	}
	plan, ok := getModel[customEmojiModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok || !convert.Known(plan.Source) {
		return
	}
	var configFilename types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("filename"), &configFilename)...)
	// The planned hash is what this reads: compare with state, not with it.
	unplanned := plan
	unplanned.SourceSHA256 = types.StringUnknown()
	image, ok := readEmojiImage(unplanned, &resp.Diagnostics)
	if !ok {
		return
	}
	hash := types.StringValue(sha256Hex(image))
	filename := plan.Filename
	if configFilename.IsNull() {
		filename = types.StringValue(defaultEmojiFilename(plan.Source.ValueString()))
		if !emojiFilenamePattern.MatchString(filename.ValueString()) {
			resp.Diagnostics.AddAttributeError(path.Root("source"), "Unsupported Image File Name",
				fmt.Sprintf("The file name %q (the base name of source) must end in .png, .jpg or .gif, the extensions "+
					"customEmojis.create supports; rename the file or set filename.", filename.ValueString()))
			return
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("source_sha256"), hash)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("filename"), filename)...)
	if req.State.Raw.IsNull() {
		return
	}
	state, ok := getModel[customEmojiModel](ctx, req.State, &resp.Diagnostics)
	if !ok || state.SourceSHA256.IsNull() {
		return // created elsewhere and imported: record the configuration
	}
	if !state.SourceSHA256.Equal(hash) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("source_sha256"))
	}
	if !state.Filename.IsNull() && convert.Known(filename) && !state.Filename.Equal(filename) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("filename"))
	}
}

// readEmojiImage reads the file at source: an attribute error on source
// when it can't be read, is empty, or is 256 KB or more.
func readEmojiImage(plan customEmojiModel, diags *diag.Diagnostics) ([]byte, bool) {
	source := plan.Source.ValueString()
	image, err := os.ReadFile(filepath.Clean(source))
	switch {
	case err != nil:
		diags.AddAttributeError(path.Root("source"), "Unable to Read Emoji Image", fmt.Sprintf("The image file %q can't be read: %v.", source, err))
		return nil, false
	case len(image) == 0:
		diags.AddAttributeError(path.Root("source"), "Empty Emoji Image", fmt.Sprintf("%q is empty: customEmojis.create needs an image.", source))
		return nil, false
	case len(image) >= maxEmojiImageBytes:
		diags.AddAttributeError(path.Root("source"), "Emoji Image Too Large",
			fmt.Sprintf("%q is %d bytes: customEmojis.create takes an image \"under 256 KB\" (%d bytes).", source, len(image), maxEmojiImageBytes))
		return nil, false
	}
	if convert.Known(plan.SourceSHA256) && plan.SourceSHA256.ValueString() != sha256Hex(image) {
		// Between plan and apply the file changed: the plan no longer says
		// what would be uploaded.
		diags.AddAttributeError(path.Root("source"), "Emoji Image Changed Since Plan",
			fmt.Sprintf("%q no longer has the SHA-256 %s planned; plan again.", source, plan.SourceSHA256.ValueString()))
		return nil, false
	}
	return image, true
}
