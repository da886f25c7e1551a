package provider_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// An apply and destroy at TF_LOG=TRACE, with the provider as its own plugin
// process as in real runs: the token must appear nowhere in what Terraform
// prints, logs or stores.
func TestAccSecrets_tokenNeverInOutputLogsOrState(t *testing.T) {
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || terraform == "" {
		t.Skip("needs TF_ACC=1 and TF_ACC_TERRAFORM_PATH (make testacc)")
	}
	const token = "ya29.a0-SECRET-TOKEN-4f8b2c6d9e"
	srv := emulator.NewTestServer(t, emulator.Options{Tokens: map[string]string{token: "user:alice@example.com"}})
	_, env := cliSetup(t)

	cases := []struct {
		name, provider string
		env            []string
	}{
		{"token from the environment", `provider "googlechat" {}`, []string{"GOOGLE_OAUTH_ACCESS_TOKEN=" + token}},
		{"token in the provider block", `
variable "token" {
  type      = string
  sensitive = true
}

provider "googlechat" {
  access_token = var.token
}
`, []string{"TF_VAR_token=" + token}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.tf"), `
terraform {
  required_providers {
    googlechat = { source = "seed-da88c8a3/googlechat" }
  }
}
`+tc.provider+`
resource "google_chat_space" "secret" {
  provider     = googlechat
  display_name = "Secrets `+tc.name+`"
}

resource "google_chat_message" "hello" {
  provider = googlechat
  space    = google_chat_space.secret.name
  text     = "hello"
}
`)
			logFile := filepath.Join(dir, "trace.log")
			runEnv := append(append([]string{}, env...), tc.env...)
			runEnv = append(runEnv, "TF_LOG=TRACE", "TF_LOG_PATH="+logFile, "GOOGLE_CHAT_ENDPOINT="+srv.URL+"/")
			var printed strings.Builder
			for _, args := range [][]string{{"apply", "-auto-approve", "-input=false"}, {"plan", "-input=false"}, {"destroy", "-auto-approve", "-input=false"}} {
				cmd := exec.Command(terraform, args...)
				cmd.Dir, cmd.Env = dir, runEnv
				out, err := cmd.CombinedOutput()
				printed.Write(out)
				if err != nil {
					t.Fatalf("terraform %s: %v\n%s", args[0], err, out)
				}
			}
			logs, err := os.ReadFile(logFile)
			if err != nil || len(logs) == 0 {
				t.Fatalf("no TRACE log was written: %v", err)
			}
			if !strings.Contains(string(logs), "Chat API request") {
				t.Fatal("the TRACE log lacks the provider's request logs; the test would prove nothing")
			}
			for what, text := range map[string]string{"output": printed.String(), "TRACE log": string(logs), "state": readAll(t, dir, "terraform.tfstate*")} {
				if strings.Contains(text, token) {
					i := strings.Index(text, token)
					t.Errorf("the token appears in the %s: ...%s...", what, text[max(0, i-200):min(len(text), i+100)])
				}
			}
			if len(srv.LiveSpaces()) != 0 {
				t.Errorf("destroy left spaces behind: %v", srv.LiveSpaces())
			}
		})
	}
}

func readAll(t *testing.T, dir, pattern string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, pattern))
	var all strings.Builder
	for _, f := range files {
		data, _ := os.ReadFile(f)
		all.Write(data)
	}
	return all.String()
}
