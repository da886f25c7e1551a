package resources

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// customEmojiToAPI is the create body: the emoji name and the image, base64
// as fileContent ("format": "byte"), under the planned filename.
func customEmojiToAPI(plan customEmojiModel, image []byte) *chat.CustomEmoji {
	filename := plan.Filename.ValueString()
	if !convert.Known(plan.Filename) {
		filename = defaultEmojiFilename(plan.Source.ValueString())
	}
	return &chat.CustomEmoji{
		EmojiName: plan.EmojiName.ValueString(),
		Payload:   &chat.CustomEmojiPayload{Filename: filename, FileContent: base64.StdEncoding.EncodeToString(image)},
	}
}

// customEmojiFromAPI maps an emoji over the prior model. source, filename
// and source_sha256 are input only and stay as they were; the temporary
// image URI is kept once known: it changes on every read.
func customEmojiFromAPI(e *chat.CustomEmoji, prior customEmojiModel) customEmojiModel {
	out := prior
	if e.Name != "" {
		out.Name, out.ID = types.StringValue(e.Name), types.StringValue(e.Name)
	}
	if e.EmojiName != "" {
		out.EmojiName = types.StringValue(e.EmojiName)
	}
	out.UID = convert.StringOrNull(e.Uid)
	if !convert.Known(prior.TemporaryImageURI) || prior.TemporaryImageURI.ValueString() == "" {
		out.TemporaryImageURI = convert.StringOrNull(e.TemporaryImageUri)
	}
	for _, v := range []*types.String{&out.Source, &out.Filename, &out.SourceSHA256} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	return out
}

// defaultEmojiFilename is filename's default: the base name of source.
func defaultEmojiFilename(source string) string { return filepath.Base(source) }

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
