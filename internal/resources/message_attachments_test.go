package resources_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

var attachmentNameRE = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messages/[A-Za-z0-9_.-]+/attachments/[A-Za-z0-9_.-]+$`)

// attachmentsConfig is a user's space and a message with the given
// attachments (an HCL list, or "" for none).
func attachmentsConfig(env *testenv.Env, name, attachments string, text ...string) string {
	more := []string{"message_id", `"client-runbook"`}
	if attachments != "" {
		more = append(more, "attachments", attachments)
	}
	return userSpaceConfig(env, name) + messageHCL("runbook", "googlechat", roomName, append(text, "The on-call runbook")[0], more...)
}

func TestAccMessage_attachmentsUploadImportChangeAndDrift(t *testing.T) {
	env := testenv.New(t)
	name := named("attachments")
	const address = "google_chat_message.runbook"
	runbook := filepath.Join(t.TempDir(), "runbook.pdf")
	if err := os.WriteFile(runbook, []byte("%PDF-1.7 first"), 0o600); err != nil {
		t.Fatal(err)
	}
	both := `[
    { source = ` + testenv.Quote(runbook) + ` },
    { filename = "notes.txt", content_base64 = ` + testenv.Quote(base64.StdEncoding.EncodeToString([]byte("call bob"))) + ` },
  ]`
	attachment := func(i int, key string) tfjsonpath.Path {
		return tfjsonpath.New("attachments").AtSliceIndex(i).AtMapKey(key)
	}
	var messageName string
	env.ParallelTest([]resource.TestStep{
		{
			// A file and inline content, uploaded and attached when the
			// message is posted; the data source reads them back.
			Config: attachmentsConfig(env, name, both) + testenv.Data("google_chat_message", "runbook",
				"provider", "googlechat", "name", address+".name"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.google_chat_message.runbook", attachment(1, "content_name"), knownvalue.StringExact("notes.txt")),
				statecheck.ExpectKnownValue("data.google_chat_message.runbook", attachment(1, "source"), knownvalue.StringExact("UPLOADED_CONTENT")),
				statecheck.ExpectKnownValue(address, attachment(0, "name"), knownvalue.StringRegexp(attachmentNameRE)),
				statecheck.ExpectKnownValue(address, attachment(0, "filename"), knownvalue.StringExact("runbook.pdf")),
				statecheck.ExpectKnownValue(address, attachment(0, "content_type"), knownvalue.StringExact("application/pdf")),
				statecheck.ExpectKnownValue(address, attachment(0, "sha256"), knownvalue.StringExact(sha256Of("%PDF-1.7 first"))),
				statecheck.ExpectKnownValue(address, attachment(1, "content_type"), knownvalue.StringExact("text/plain")),
				statecheck.ExpectKnownValue(address, attachment(1, "resource_name"), knownvalue.NotNull()),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check: resource.ComposeTestCheckFunc(
				env.CheckAttachments(address, "%PDF-1.7 first", "call bob"),
				captureName(address, &messageName),
			),
		},
		{
			// Imported, the files are recorded as the API names them; their
			// bytes can't be compared.
			ResourceName: address, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts", "attachments.0.source", "attachments.0.sha256",
				"attachments.1.content_base64", "attachments.1.sha256"},
		},
		{
			// The file's bytes change: every file is uploaded again and the
			// message edited in place.
			PreConfig: outOfBand(t, func() error { return os.WriteFile(runbook, []byte("%PDF-1.7 second"), 0o600) }),
			Config:    attachmentsConfig(env, name, both),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(address, attachment(0, "name")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, attachment(0, "sha256"), knownvalue.StringExact(sha256Of("%PDF-1.7 second"))),
			},
			Check: resource.ComposeTestCheckFunc(
				env.CheckAttachments(address, "%PDF-1.7 second", "call bob"),
				resource.TestCheckResourceAttrPtr(address, "name", &messageName),
			),
		},
		{
			// Only the text changes: nothing is uploaded, the attachments
			// keep their names.
			Config: attachmentsConfig(env, name, both, "The runbook, revised"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(address, attachment(0, "name"), knownvalue.StringRegexp(attachmentNameRE)),
				plancheck.ExpectKnownValue(address, attachment(1, "download_uri"), knownvalue.NotNull()),
			),
			Check: env.CheckAttachments(address, "%PDF-1.7 second", "call bob"),
		},
		{
			// Removed outside Terraform: the plan attaches them again.
			PreConfig: outOfBand(t, func() error {
				_, err := env.Client(chatapi.AuthModeUser).PatchMessage(context.Background(), messageName,
					&chat.Message{Attachment: []*chat.Attachment{}}, []string{"attachment"})
				return err
			}),
			Config: attachmentsConfig(env, name, both),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
			),
			Check: env.CheckAttachments(address, "%PDF-1.7 second", "call bob"),
		},
		{
			// Dropped from the configuration: removed from the message.
			Config:           attachmentsConfig(env, name, ""),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)),
			Check:            env.CheckAttachments(address),
		},
	}, "google_chat_message", "google_chat_space")
}

// Bad attachments are refused at plan, on the attribute, with no API write.
func TestAccMessage_invalidAttachments(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.zip")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: 200 MB and one byte, refused from its size before any read.
	if err := f.Truncate(209715201); err != nil {
		t.Fatal(err)
	}
	f.Close()
	message := func(provider, attachments string, more ...string) string {
		args := append([]string{"provider", provider, "space", `"spaces/AAAA"`, "text", `"hi"`, "attachments", attachments}, more...)
		return env.Config(testenv.Resource("google_chat_message", "bad", args...))
	}
	inline := func(filename string) string {
		return `[{ filename = "` + filename + `", content_base64 = "aGk=" }]`
	}
	planRefusesAll(t, env, "attachments", []invalidCase{
		{"app credentials", message("googlechatapp", inline("a.txt")), regexp.MustCompile(`(?s)User Credentials Required.*media.upload`)},
		{"blocked type", message("googlechat", inline("setup.EXE")), regexp.MustCompile(`(?s)Blocked File Type.*attachments\[0\]\.filename: Google Chat doesn't accept\s+\.exe\s+files\s+\("setup\.EXE"\)`)},
		{"blocked type from source", message("googlechat", `[{ source = "`+filepath.Join(dir, "deploy.sh.bat")+`" }]`),
			regexp.MustCompile(`(?s)Blocked File Type.*attachments\[0\]\.source:.*\.bat\s+files`)},
		{"a directory", message("googlechat", `[{ source = "`+dir+`", filename = "notes.pdf" }]`),
			regexp.MustCompile(`(?s)Unable to Read Attachment.*attachments\[0\]\.source:.*is a directory`)},
		{"over 200 MB", message("googlechat", `[{ source = "`+huge+`" }]`), regexp.MustCompile(`(?s)Unable to Read Attachment.*up to 200\s+MB`)},
		{"no extension", message("googlechat", inline("LICENSE")),
			regexp.MustCompile(`(?s)Attachment File Name Needs an Extension.*attachments\[0\]\.filename:.*"LICENSE" has none`)},
		{"content without filename", message("googlechat", `[{ content_base64 = "aGk=" }]`),
			regexp.MustCompile(`(?s)Attachment File Name Required.*attachments\[0\]\.filename:.*needs\s+a\s+filename`)},
		{"not base64", message("googlechat", `[{ filename = "a.txt", content_base64 = "not base64!" }]`),
			regexp.MustCompile(`(?s)Invalid Attachment Content.*attachments\[0\]\.content_base64:.*not\s+valid\s+base64`)},
		{"source and content", message("googlechat", `[{ source = "a.txt", filename = "a.txt", content_base64 = "aGk=" }]`),
			regexp.MustCompile(`(?s)Invalid Attribute Combination`)},
		{"neither source nor content", message("googlechat", `[{ filename = "a.txt" }]`), regexp.MustCompile(`(?s)Invalid Attribute Combination`)},
		{"bad content type", message("googlechat", `[{ filename = "a.txt", content_base64 = "aGk=", content_type = "pdf" }]`),
			regexp.MustCompile(`(?s)content_type.*must be a MIME type`)},
		{"private viewer", message("googlechatapp", inline("a.txt"), "private_message_viewer", `"users/bob@example.com"`),
			regexp.MustCompile(`(?s)Invalid Attribute Combination.*private_message_viewer`)},
		{"empty list", message("googlechat", `[]`), regexp.MustCompile(`(?s)attachments list must contain at least 1`)},
	})
}
