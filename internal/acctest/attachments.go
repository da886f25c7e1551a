package acctest

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// CheckAttachments verifies that the google_chat_message at address has
// exactly the given files attached, in order: it reads the message with
// spaces.messages.get and downloads each attachment with media.download,
// as any API client would, so it checks the emulator and a live tenant
// alike.
func (e *Env) CheckAttachments(address string, contents ...string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return fmt.Errorf("%s is not in state", address)
		}
		ctx := context.Background()
		client := e.Client(chatapi.AuthModeUser)
		message, err := client.GetMessage(ctx, rs.Primary.Attributes["name"])
		if err != nil {
			return fmt.Errorf("reading %s: %w", address, err)
		}
		if len(message.Attachment) != len(contents) {
			return fmt.Errorf("%s has %d attachments, want %d", address, len(message.Attachment), len(contents))
		}
		if n, _ := strconv.Atoi(rs.Primary.Attributes["attachments.#"]); n != len(contents) {
			return fmt.Errorf("%s records %d attachments in state, want %d", address, n, len(contents))
		}
		for i, a := range message.Attachment {
			if a.AttachmentDataRef == nil || a.AttachmentDataRef.ResourceName == "" {
				return fmt.Errorf("%s: attachment %d has no attachmentDataRef.resourceName", address, i)
			}
			if got := rs.Primary.Attributes[fmt.Sprintf("attachments.%d.name", i)]; got != a.Name {
				return fmt.Errorf("%s: state records attachment %d as %q, the API answers %q", address, i, got, a.Name)
			}
			data, err := client.DownloadMedia(ctx, a.AttachmentDataRef.ResourceName, int64(len(contents[i]))+1)
			if err != nil {
				return fmt.Errorf("%s: downloading attachment %d: %w", address, i, err)
			}
			if !bytes.Equal(data, []byte(contents[i])) {
				return fmt.Errorf("%s: attachment %d (%s) holds %q, want %q", address, i, a.ContentName, data, contents[i])
			}
		}
		return nil
	}
}
