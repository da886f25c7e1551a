package resources

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// A create's NOT_FOUND under REPLY_MESSAGE_OR_FAIL blames thread_name: a new
// thread_key starts a thread ("If a new `thread_key` is used, a new thread
// is created"), so a key never names a missing thread and the space is
// checked instead.
func TestUnitMessageErrorPath_replyOrFail(t *testing.T) {
	notFound := &chatapi.APIError{Code: 404, Status: "NOT_FOUND", Message: "Not found."}
	plan := func(threadName, threadKey string) messageModel {
		m := messageModel{Space: types.StringValue("spaces/S"), MessageReplyOption: types.StringValue(replyOrFail),
			ThreadName: types.StringNull(), ThreadKey: types.StringNull(), PrivateMessageViewer: types.StringNull(), MessageID: types.StringNull()}
		if threadName != "" {
			m.ThreadName = types.StringValue(threadName)
		}
		if threadKey != "" {
			m.ThreadKey = types.StringValue(threadKey)
		}
		return m
	}
	cases := []struct {
		name   string
		plan   messageModel
		at     path.Path
		advice string
	}{
		{"a thread name", plan("spaces/S/threads/T", ""), path.Root("thread_name"), "check thread_name"},
		{"a thread key", plan("", "deploys"), path.Root("space"), "check space"},
	}
	for _, tc := range cases {
		if at, ok := messageErrorPath(notFound, tc.plan); !ok || !at.Equal(tc.at) {
			t.Errorf("%s: error on %v, want %v", tc.name, at, tc.at)
		}
		if advice := messageAdvice(notFound, tc.plan); !strings.Contains(advice, tc.advice) {
			t.Errorf("%s: advice %q, want %q", tc.name, advice, tc.advice)
		}
	}
}
