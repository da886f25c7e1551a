package resources

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

// ValidateConfig checks the message against the API's rules, with no API call.
func (r *messageResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	// The attributes the rules read, not the whole model: this runs for
	// every message in every plan.
	text := stringAttribute(ctx, req.Config, "text", &resp.Diagnostics)
	cardsV2 := stringAttribute(ctx, req.Config, "cards_v2", &resp.Diagnostics)
	accessoryWidgets := stringAttribute(ctx, req.Config, "accessory_widgets", &resp.Diagnostics)
	fallbackText := stringAttribute(ctx, req.Config, "fallback_text", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if text.IsNull() && cardsV2.IsNull() && accessoryWidgets.IsNull() && attachmentsNull(req.Config) {
		resp.Diagnostics.AddAttributeError(path.Root("text"), "Empty Chat Message",
			"A message needs at least one of text, cards_v2 or attachments (accessory_widgets go with text or cards).")
		return
	}
	// "You can add accessory widgets to messages that contain text, cards,
	// or both text and cards." (Message.accessoryWidgets)
	if !accessoryWidgets.IsNull() && text.IsNull() && cardsV2.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("accessory_widgets"), "Accessory Widgets Need Text or Cards",
			"The Chat API adds accessory widgets only to a message with text, cards_v2 or both; set one of them too.")
	}
	var cards []*chat.CardWithId
	var widgets []*chat.AccessoryWidget
	var err error
	if convert.Known(cardsV2) {
		if cards, err = convert.DecodeCards(cardsV2.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("cards_v2"), "Invalid Card", err.Error())
		}
	}
	if convert.Known(accessoryWidgets) {
		if widgets, err = convert.DecodeAccessoryWidgets(accessoryWidgets.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("accessory_widgets"), "Invalid Accessory Widgets", err.Error())
		}
	}
	if resp.Diagnostics.HasError() || text.IsUnknown() || cardsV2.IsUnknown() || accessoryWidgets.IsUnknown() {
		return
	}
	if size := convert.MessageSize(text.ValueString(), fallbackText.ValueString(), cards, widgets); size > convert.MaxMessageBytes {
		// Point at the part that weighs most.
		at, weight := "text", len(text.ValueString())
		if w := len(convert.Canonical(cards)); len(cards) > 0 && w > weight {
			at, weight = "cards_v2", w
		}
		if w := len(convert.Canonical(widgets)); len(widgets) > 0 && w > weight {
			at = "accessory_widgets"
		}
		resp.Diagnostics.AddAttributeError(path.Root(at), "Chat Message Too Large",
			fmt.Sprintf("The message is %d bytes (text, fallback_text, cards and widgets together); the Chat API accepts at most %d.",
				size, convert.MaxMessageBytes))
	}
}

// ModifyPlan applies the rules that depend on the provider's credentials.
func (r *messageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	// isNull reads the configuration's raw value, not the whole model:
	// this runs for every message in every plan. A configuration that can't
	// be read raw (never seen: Terraform sends a known object) reads as null.
	isNull := func(attribute string) bool { return rawIsNull(req.Config, attribute, true) }
	if r.client != nil && r.client.AuthMode == chatapi.AuthModeUser {
		for _, attribute := range []string{"cards_v2", "accessory_widgets", "private_message_viewer"} {
			if !isNull(attribute) {
				resp.Diagnostics.AddAttributeError(path.Root(attribute), "App Credentials Required",
					fmt.Sprintf("%s needs app credentials: with user credentials a message is text only. Use a provider "+
						"configured as the Chat app (auth_mode = \"app\") for this message.", attribute))
			}
		}
		if t := stringAttribute(ctx, req.Config, "notification_type", &resp.Diagnostics).ValueString(); t == "NOTIFICATION_TYPE_FORCE_NOTIFY" || t == "NOTIFICATION_TYPE_SILENT" {
			resp.Diagnostics.AddAttributeError(path.Root("notification_type"), "App Credentials Required",
				fmt.Sprintf("%s needs app credentials.", t))
		}
	}
	if r.client != nil && r.client.AuthMode == chatapi.AuthModeApp && !attachmentsNull(req.Config) {
		resp.Diagnostics.AddAttributeError(path.Root("attachments"), "User Credentials Required",
			"attachments need user credentials: media.upload \"Requires user authentication\". Use a provider configured "+
				"as a user (auth_mode = \"user\") for this message.")
	}
	// private_message_viewer may be users/{email} with app credentials:
	// nothing in the documents forbids it (User.name: "the user's email
	// address can be used as an alias for {user} in API requests"), so the
	// plan lets it through. The API answers users/{id}; messageFromAPI keeps
	// the configured spelling, and a refusal would surface at apply on
	// private_message_viewer.
	option := stringAttribute(ctx, req.Config, "message_reply_option", &resp.Diagnostics).ValueString()
	if req.State.Raw.IsNull() && (option == "" || option == replyUnspecified) && (!isNull("thread_key") || !isNull("thread_name")) {
		resp.Diagnostics.AddAttributeWarning(path.Root("message_reply_option"), "Thread Ignored",
			"Without a message_reply_option that replies, the Chat API starts a new thread and ignores thread_key and "+
				"thread_name. Set message_reply_option = \"REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD\" to reply.")
	}
	if attachmentsNull(req.Config) && (req.State.Raw.IsNull() || attachmentsNull(req.State)) {
		return // no attachments before or after: nothing to plan
	}
	var config, state messageModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &config)...); resp.Diagnostics.HasError() {
		return
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	} else {
		state.Attachments = types.ListNull(attachmentType)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	planned := planAttachments(config.Attachments, state.Attachments, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("attachments"), planned)...)
	if !req.State.Raw.IsNull() && attachmentsChanged(planned, state.Attachments) {
		// A file's bytes changed with the configuration as it was: the
		// framework saw no change, so the edit time is not yet unknown.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("last_update_time"), types.StringUnknown())...)
	}
}

// viewerAsConfigured plans private_message_viewer from configuration: null
// when unset on a new message (a message is public unless told otherwise),
// and the recorded value on an existing one (an imported private message).
// It is Computed only so an import can record the API's viewer.
var viewerAsConfigured = stringModifier{"Null when not configured for a new message; otherwise the value in state.",
	func(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
		if req.ConfigValue.IsNull() && req.PlanValue.IsUnknown() {
			resp.PlanValue = req.StateValue // null for a create
		}
	}}

// formattedTextFollowsText keeps formatted_text from state unless text
// changes: the API derives it from text alone, so a card or widget edit
// leaves it as it was.
var formattedTextFollowsText = stringModifier{"Keeps the value in state unless text changes.",
	func(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
		if req.State.Raw.IsNull() || !req.PlanValue.IsUnknown() {
			return
		}
		var planned, current types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("text"), &planned)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("text"), &current)...)
		if resp.Diagnostics.HasError() || planned.IsUnknown() || !planned.Equal(current) {
			return
		}
		resp.PlanValue = req.StateValue
	}}

// maxAttachmentBytes: media.upload's "maxSize": "209715200" ("You can
// upload attachments up to 200 MB").
const maxAttachmentBytes = 209715200

var (
	// contentTypePattern is a MIME type, parameters allowed.
	contentTypePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;.*)?$`)
	// blockedExtensions: media.upload says "Certain file types aren't
	// supported" and links Chat's help page on blocked file types, which
	// defers to Gmail's list (support.google.com/mail/answer/6590), copied
	// here. A file with another extension may still be refused by the API.
	blockedExtensions = strings.Fields(".ade .adp .apk .appx .appxbundle .bat .cab .chm .cmd .com .cpl .diagcab .diagcfg " +
		".diagpkg .dll .dmg .ex .ex_ .exe .hta .img .ins .iso .isp .jar .jnlp .js .jse .lib .lnk .mde .mjs .msc .msi .msix " +
		".msixbundle .msp .mst .nsh .pif .ps1 .scr .sct .shb .sys .vb .vbe .vbs .vhd .vxd .wsc .wsf .wsh .xll")
)

// planAttachments plans the configured attachments: each file is read (a
// source file, streamed) or decoded for its SHA-256, and checked against
// the documented limits, with an error on the element's attribute; filename
// and content_type take their defaults. The API's output-only values come
// from state when nothing changed, and are unknown when the files will be
// uploaded again (any difference, see the attribute's description). After an
// import (state has no sha256) the configured files are only recorded, as the
// bytes can't be read back to compare.
func planAttachments(config, state types.List, diags *diag.Diagnostics) types.List {
	if !convert.Known(config) {
		return config
	}
	planned := attachmentList(config)
	changed := false
	for i := range planned {
		at := path.Root("attachments").AtListIndex(i)
		planned[i].SHA256, planned[i].Filename, planned[i].ContentType = planFile(planned[i], at, diags)
		planned[i].Name, planned[i].ResourceName = types.StringUnknown(), types.StringUnknown()
		planned[i].DownloadURI, planned[i].ThumbnailURI = types.StringUnknown(), types.StringUnknown()
	}
	prior := attachmentList(state)
	if !convert.Known(state) || len(prior) != len(planned) {
		return attachmentListValue(planned)
	}
	for i, p := range planned {
		s := prior[i]
		imported := s.SHA256.IsNull()
		changed = changed || !p.Filename.Equal(s.Filename) || (!imported && (!p.SHA256.Equal(s.SHA256) || !p.ContentType.Equal(s.ContentType)))
	}
	if changed {
		return attachmentListValue(planned)
	}
	for i := range planned {
		planned[i].Name, planned[i].ResourceName = prior[i].Name, prior[i].ResourceName
		planned[i].DownloadURI, planned[i].ThumbnailURI = prior[i].DownloadURI, prior[i].ThumbnailURI
	}
	return attachmentListValue(planned)
}

// planFile is one attachment's planned sha256, filename and content_type
// (unknown where the configuration is), with attribute errors for a file
// that can't be read or decoded, is over 200 MB, or has a blocked type.
func planFile(a attachmentModel, at path.Path, all *diag.Diagnostics) (sha, filename, contentType types.String) {
	sha, filename, contentType = types.StringUnknown(), a.Filename, a.ContentType
	// Terraform can't point into a list written as one expression: each
	// detail names the element's attribute itself.
	diags := elementDiagnostics{all}
	nameAt := at.AtName("filename")
	if a.Filename.IsNull() {
		filename, nameAt = types.StringUnknown(), at.AtName("source")
		if convert.Known(a.Source) {
			filename = types.StringValue(filepath.Base(a.Source.ValueString()))
		} else if convert.Known(a.ContentBase64) {
			diags.AddAttributeError(at.AtName("filename"), "Attachment File Name Required",
				"An attachment given as content_base64 needs a filename, with its extension: media.upload requires one.")
		}
	}
	if convert.Known(filename) {
		ext := strings.ToLower(filepath.Ext(filename.ValueString()))
		if ext == "" || ext == "." || strings.ContainsAny(ext, `/\`) {
			// UploadAttachmentRequest.filename: "Required. The filename of
			// the attachment, including the file extension."
			diags.AddAttributeError(nameAt, "Attachment File Name Needs an Extension",
				fmt.Sprintf("media.upload takes the file name \"including the file extension\", and %q has none: set filename, "+
					"for example %q.", filename.ValueString(), strings.TrimSuffix(filename.ValueString(), ".")+".txt"))
		}
		if slices.Contains(blockedExtensions, ext) {
			diags.AddAttributeError(nameAt, "Blocked File Type",
				fmt.Sprintf("Google Chat doesn't accept %s files (%q): executables and scripts are blocked, as in Gmail "+
					"(https://support.google.com/mail/answer/6590). Put the file in a Drive folder and link it, or rename it "+
					"only if it is not in fact one.", ext, filename.ValueString()))
		}
		if contentType.IsNull() {
			contentType = types.StringValue(defaultContentType(ext))
		}
	} else if contentType.IsNull() {
		contentType = types.StringUnknown()
	}
	switch {
	case convert.Known(a.Source):
		digest, err := fileSHA256(a.Source.ValueString())
		if errors.Is(err, fs.ErrNotExist) {
			// Perhaps written by another resource of this apply (local_file):
			// read at apply, which fails then if it is still missing.
			all.AddAttributeWarning(at.AtName("source"), "Attachment Not Found Yet",
				fmt.Sprintf("%s: %s; it is read again at apply.", at.AtName("source"), err))
			return
		}
		if err != nil {
			diags.AddAttributeError(at.AtName("source"), "Unable to Read Attachment", err.Error())
			return
		}
		sha = types.StringValue(digest)
	case convert.Known(a.ContentBase64):
		data, err := decodeBase64Content(a.ContentBase64.ValueString())
		if err != nil {
			diags.AddAttributeError(at.AtName("content_base64"), "Invalid Attachment Content", err.Error())
			return
		}
		sha = types.StringValue(sha256Hex(data))
	}
	return
}

// elementDiagnostics adds attribute errors whose detail starts with the
// attribute's path, such as "attachments[1].source: ...".
type elementDiagnostics struct{ diags *diag.Diagnostics }

func (d elementDiagnostics) AddAttributeError(at path.Path, summary, detail string) {
	d.diags.AddAttributeError(at, summary, at.String()+": "+detail)
}

// contentTypes are the default content_type of common extensions. A table
// of the provider's own, not mime.TypeByExtension, which also reads the
// machine's MIME files: a plan on another machine would otherwise see a
// changed type and upload every file again.
var contentTypes = map[string]string{
	".pdf": "application/pdf", ".txt": "text/plain", ".md": "text/markdown", ".csv": "text/csv", ".tsv": "text/tab-separated-values",
	".html": "text/html", ".htm": "text/html", ".css": "text/css", ".xml": "application/xml", ".json": "application/json",
	".yaml": "application/yaml", ".yml": "application/yaml", ".log": "text/plain",
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".bmp": "image/bmp",
	".webp": "image/webp", ".svg": "image/svg+xml", ".heic": "image/heic", ".tif": "image/tiff", ".tiff": "image/tiff",
	".mp3": "audio/mpeg", ".wav": "audio/wav", ".mp4": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm",
	".zip": "application/zip", ".gz": "application/gzip", ".tar": "application/x-tar",
	".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}

// defaultContentType is the MIME type of a file extension (lower case), or
// application/octet-stream.
func defaultContentType(ext string) string {
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return "application/octet-stream"
}

// fileSHA256 streams a source file's SHA-256, refusing one over the limit
// before reading it.
func fileSHA256(name string) (string, error) {
	f, err := os.Open(filepath.Clean(name))
	if err != nil {
		return "", fmt.Errorf("the file %q can't be read: %w", name, err)
	}
	defer func() { _ = f.Close() }() // read only: nothing to flush
	info, err := f.Stat()
	switch {
	case err != nil:
		return "", fmt.Errorf("the file %q can't be read: %w", name, err)
	case info.IsDir():
		return "", fmt.Errorf("%q is a directory, not a file", name)
	case info.Size() > maxAttachmentBytes:
		return "", fmt.Errorf("%q is %d bytes: media.upload takes files up to 200 MB (%d bytes)", name, info.Size(), maxAttachmentBytes)
	}
	hash := sha256.New()
	if _, err := io.Copy(hash, f); err != nil {
		return "", fmt.Errorf("the file %q can't be read: %w", name, err)
	}
	return hex.EncodeToString(hash.Sum(nil)), nil
}

// decodeBase64Content decodes content_base64, refusing more than the limit.
func decodeBase64Content(content string) ([]byte, error) {
	if base64.StdEncoding.DecodedLen(len(content)) > maxAttachmentBytes+2 {
		return nil, fmt.Errorf("the content is over 200 MB, the most media.upload takes (%d bytes)", maxAttachmentBytes)
	}
	data, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		return nil, fmt.Errorf("content_base64 is not valid base64 (use filebase64 or base64encode): %v", err)
	}
	if len(data) > maxAttachmentBytes {
		return nil, fmt.Errorf("the content is %d bytes: media.upload takes files up to 200 MB (%d bytes)", len(data), maxAttachmentBytes)
	}
	return data, nil
}

// attachmentContent is the bytes to upload for a planned attachment: read
// again from source, or decoded, and checked against the planned SHA-256 so
// the upload is what the plan showed.
func attachmentContent(a attachmentModel) ([]byte, error) {
	var data []byte
	var err error
	if convert.Known(a.Source) {
		if data, err = os.ReadFile(filepath.Clean(a.Source.ValueString())); err != nil {
			return nil, fmt.Errorf("the file %q can't be read: %w", a.Source.ValueString(), err)
		}
	} else if data, err = decodeBase64Content(a.ContentBase64.ValueString()); err != nil {
		return nil, err
	}
	if convert.Known(a.SHA256) && a.SHA256.ValueString() != sha256Hex(data) {
		return nil, fmt.Errorf("%s no longer has the SHA-256 %s planned: it changed since the plan; plan again",
			a.Filename.ValueString(), a.SHA256.ValueString())
	}
	return data, nil
}

// attachmentsNull says whether from's attachments are null (false when
// unknown, or when from can't be read raw: the caller then decodes it whole).
func attachmentsNull(from attributeGetter) bool { return rawIsNull(from, "attachments", false) }
