package resources

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"
)

// uFile is an attachment as configured: a source path, or inline content.
func uFile(source, filename, content string) attachmentModel {
	null := types.StringNull()
	a := attachmentModel{Source: null, ContentBase64: null, Filename: null, ContentType: null, SHA256: null,
		Name: null, ResourceName: null, DownloadURI: null, ThumbnailURI: null}
	if source != "" {
		a.Source = types.StringValue(source)
	}
	if filename != "" {
		a.Filename = types.StringValue(filename)
	}
	if content != "" {
		a.ContentBase64 = types.StringValue(base64.StdEncoding.EncodeToString([]byte(content)))
	}
	return a
}

func uAPIAttachment(name, contentName string) *chat.Attachment {
	return &chat.Attachment{Name: name, ContentName: contentName, ContentType: "text/plain", Source: "UPLOADED_CONTENT",
		AttachmentDataRef: &chat.AttachmentDataRef{ResourceName: "ref-" + contentName}, DownloadUri: "https://chat.example/" + contentName}
}

func TestUnitPlanAttachments(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "runbook.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF"), 0o600); err != nil {
		t.Fatal(err)
	}
	config := attachmentListValue([]attachmentModel{uFile(pdf, "", ""), uFile("", "notes.txt", "hi")})

	var diags diag.Diagnostics
	created := attachmentList(planAttachments(config, types.ListNull(attachmentType), &diags))
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := created[0]; got.Filename.ValueString() != "runbook.pdf" || got.ContentType.ValueString() != "application/pdf" ||
		got.SHA256.ValueString() != sha256Hex([]byte("%PDF")) || !got.Name.IsUnknown() {
		t.Errorf("planned source file = %+v", got)
	}
	if got := created[1]; got.ContentType.ValueString() != "text/plain" || got.SHA256.ValueString() != sha256Hex([]byte("hi")) {
		t.Errorf("planned inline file = %+v", got)
	}

	// As created: the API's names recorded.
	state := attachmentsFromAPI(attachmentListValue(created), []*chat.Attachment{
		uAPIAttachment("spaces/S/messages/M/attachments/A", "runbook.pdf"),
		uAPIAttachment("spaces/S/messages/M/attachments/B", "notes.txt"),
	})
	if got := attachmentList(state); got[1].Name.ValueString() != "spaces/S/messages/M/attachments/B" || got[1].SHA256.IsNull() {
		t.Fatalf("after create = %+v", got)
	}

	cases := []struct {
		name      string
		config    types.List
		state     types.List
		reupload  bool
		wantError string
	}{
		{"unchanged keeps the API's values", config, state, false, ""},
		{"changed bytes upload again", attachmentListValue([]attachmentModel{uFile(pdf, "", ""), uFile("", "notes.txt", "bye")}), state, true, ""},
		{"a new name uploads again", attachmentListValue([]attachmentModel{uFile(pdf, "manual.pdf", ""), uFile("", "notes.txt", "hi")}), state, true, ""},
		{"reordered uploads again", attachmentListValue([]attachmentModel{uFile("", "notes.txt", "hi"), uFile(pdf, "", "")}), state, true, ""},
		{"imported: recorded, not uploaded", config, attachmentsFromAPI(types.ListNull(attachmentType), []*chat.Attachment{
			uAPIAttachment("spaces/S/messages/M/attachments/A", "runbook.pdf"),
			uAPIAttachment("spaces/S/messages/M/attachments/B", "notes.txt"),
		}), false, ""},
		{"blocked type", attachmentListValue([]attachmentModel{uFile("", "tool.msi", "x")}), state, true, "Blocked File Type"},
		{"no extension", attachmentListValue([]attachmentModel{uFile("", "LICENSE", "x")}), state, true, "Attachment File Name Needs an Extension"},
		{"a directory", attachmentListValue([]attachmentModel{uFile(dir, "x.pdf", "")}), state, true, "Unable to Read Attachment"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			planned := planAttachments(tc.config, tc.state, &diags)
			if tc.wantError != "" {
				if !diags.HasError() || !strings.Contains(diags.Errors()[0].Summary(), tc.wantError) {
					t.Fatalf("diagnostics = %v, want %q", diags, tc.wantError)
				}
				return
			}
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got := attachmentsChanged(planned, tc.state); got != tc.reupload {
				t.Errorf("attachmentsChanged = %v, want %v (planned %v)", got, tc.reupload, planned)
			}
		})
	}
}

func TestUnitAttachmentsFromAPI(t *testing.T) {
	a := uAPIAttachment("spaces/S/messages/M/attachments/A", "a.txt")
	b := uAPIAttachment("spaces/S/messages/M/attachments/B", "b.txt")
	withNames := attachmentsFromAPI(types.ListNull(attachmentType), []*chat.Attachment{a, b})
	configured := attachmentList(withNames)
	configured[0].Source, configured[0].SHA256 = types.StringValue("a.txt"), types.StringValue("aa")
	prior := attachmentListValue(configured)

	// In another order, with fields the provider does not know: matched by
	// name, the configured values kept.
	b2 := *b
	b2.DriveDataRef = &chat.DriveDataRef{DriveFileId: "d"}
	got := attachmentList(attachmentsFromAPI(prior, []*chat.Attachment{&b2, a}))
	if len(got) != 2 || got[1].Source.ValueString() != "a.txt" || got[1].SHA256.ValueString() != "aa" || got[0].Name != withNames.Elements()[1].(types.Object).Attributes()["name"] {
		t.Errorf("reordered answer = %+v", got)
	}
	// One removed outside Terraform: it is gone from state, so the plan adds it.
	if got := attachmentList(attachmentsFromAPI(prior, []*chat.Attachment{b})); len(got) != 1 || got[0].Filename.ValueString() != "b.txt" {
		t.Errorf("after a removal = %+v", got)
	}
	// All removed: an empty list, not null, so the configuration differs.
	if got := attachmentsFromAPI(prior, nil); got.IsNull() || len(got.Elements()) != 0 {
		t.Errorf("all removed = %v", got)
	}
	// Never configured and none in the answer: null.
	if got := attachmentsFromAPI(types.ListNull(attachmentType), nil); !got.IsNull() {
		t.Errorf("none = %v", got)
	}
	// Just created (names unknown) with a contentName spelled another way:
	// matched in order.
	created := configured
	created[0].Name, created[1].Name = types.StringUnknown(), types.StringUnknown()
	renamed := *a
	renamed.ContentName = "a (1).txt"
	if got := attachmentList(attachmentsFromAPI(attachmentListValue(created), []*chat.Attachment{&renamed, b})); got[0].Source.ValueString() != "a.txt" {
		t.Errorf("contentName spelled otherwise = %+v", got)
	}
}

// A source file not there yet (written by another resource of the apply) is
// planned with an unknown hash and a warning, to be read at apply.
func TestUnitPlanAttachments_fileNotYetWritten(t *testing.T) {
	var diags diag.Diagnostics
	planned := attachmentList(planAttachments(attachmentListValue([]attachmentModel{uFile(filepath.Join(t.TempDir(), "later.pdf"), "", "")}),
		types.ListNull(attachmentType), &diags))
	if diags.HasError() || len(diags.Warnings()) != 1 {
		t.Fatalf("diagnostics = %v, want one warning", diags)
	}
	if !planned[0].SHA256.IsUnknown() || planned[0].Filename.ValueString() != "later.pdf" || planned[0].ContentType.ValueString() != "application/pdf" {
		t.Errorf("planned = %+v", planned[0])
	}
}

func TestUnitDefaultContentType(t *testing.T) {
	for ext, want := range map[string]string{".pdf": "application/pdf", ".csv": "text/csv", ".docx": contentTypes[".docx"], ".xyz": "application/octet-stream"} {
		if got := defaultContentType(ext); got != want {
			t.Errorf("defaultContentType(%q) = %q, want %q", ext, got, want)
		}
	}
}

func TestUnitPatchLanded(t *testing.T) {
	input := &chat.Message{Text: "new", Attachment: []*chat.Attachment{{}, {}}}
	plan := uMessage("new")
	two := []*chat.Attachment{uAPIAttachment("spaces/S/messages/M/attachments/A", "a"), uAPIAttachment("spaces/S/messages/M/attachments/B", "b")}
	cases := []struct {
		name    string
		message *chat.Message
		mask    []string
		want    bool
	}{
		{"text and attachments there", &chat.Message{Text: "new", Attachment: two}, []string{"text", "attachment"}, true},
		{"old text", &chat.Message{Text: "old", Attachment: two}, []string{"text", "attachment"}, false},
		{"attachments missing", &chat.Message{Text: "new"}, []string{"text", "attachment"}, false},
		{"only what the mask names", &chat.Message{Text: "old"}, []string{"attachment"}, false},
		{"text alone", &chat.Message{Text: "new"}, []string{"text"}, true},
	}
	for _, tc := range cases {
		if got := patchLanded(tc.message, input, plan, tc.mask); got != tc.want {
			t.Errorf("%s: patchLanded = %v, want %v", tc.name, got, tc.want)
		}
	}
}
