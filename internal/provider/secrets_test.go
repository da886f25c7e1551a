package provider_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/provider"
)

// An apply and destroy at TF_LOG=TRACE, with the provider as its own plugin
// process as in real runs: no secret (an access token, a credential file's
// private key, refresh token or client secret, or a token the exchange
// issued) may appear in what Terraform prints, logs or stores.
func TestAccSecrets_tokenNeverInOutputLogsOrState(t *testing.T) {
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || terraform == "" {
		t.Skip("needs TF_ACC=1 and TF_ACC_TERRAFORM_PATH (make testacc)")
	}
	const token = "ya29.a0-SECRET-TOKEN-4f8b2c6d9e"
	srv := emulator.NewTestServer(t, emulator.Options{Tokens: map[string]string{token: "user:alice@example.com"}})
	_, env := cliSetup(t)

	// Credential files from the emulator: their secrets (the private key, the
	// refresh token and client secret) and every token the exchange issued
	// must stay out of everything too.
	appKey := provider.EmulatorCredentials(t, srv, "app")
	userFile := provider.EmulatorCredentials(t, srv, "user:alice@example.com")
	files := t.TempDir()
	appKeyPath, userFilePath := filepath.Join(files, "app.json"), filepath.Join(files, "alice.json")
	writeFile(t, appKeyPath, appKey)
	writeFile(t, userFilePath, userFile)

	cases := []struct {
		name, provider string
		env            []string
		// secrets are what must appear nowhere, besides every token the
		// emulator issued.
		secrets []string
	}{
		{"token from the environment", `provider "googlechat" {}`, []string{"GOOGLE_OAUTH_ACCESS_TOKEN=" + token}, []string{token}},
		{"token in the provider block", `
variable "token" {
  type      = string
  sensitive = true
}

provider "googlechat" {
  access_token = var.token
}
`, []string{"TF_VAR_token=" + token}, []string{token}},
		{"authorized_user file from the environment", `provider "googlechat" {}`,
			[]string{"GOOGLE_CHAT_CREDENTIALS=" + userFilePath}, fileSecrets(t, userFile)},
		{"service account key as JSON content", `
variable "key" {
  type      = string
  sensitive = true
}

provider "googlechat" {
  credentials = var.key
}
`, []string{"TF_VAR_key=" + appKey}, fileSecrets(t, appKey)},
		{"service account key with impersonate_user", `
provider "googlechat" {
  credentials      = "` + appKeyPath + `"
  impersonate_user = "alice@example.com"
}
`, nil, fileSecrets(t, appKey)},
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
			secrets := append(append([]string{}, tc.secrets...), srv.IssuedSecrets()...)
			for what, text := range map[string]string{"output": printed.String(), "TRACE log": string(logs), "state": readAll(t, dir, "terraform.tfstate*")} {
				for _, secret := range secrets {
					if i := strings.Index(text, secret); i >= 0 {
						t.Errorf("a secret (%.12s...) appears in the %s: ...%s...", secret, what, text[max(0, i-200):min(len(text), i+100)])
					}
				}
			}
			if len(srv.LiveSpaces()) != 0 {
				t.Errorf("destroy left spaces behind: %v", srv.LiveSpaces())
			}
		})
	}
}

// fileSecrets are the secret values of a credential file: the refresh token
// and client secret of an authorized_user file, every line of a service
// account's private key.
func fileSecrets(t *testing.T, file string) []string {
	t.Helper()
	var fields map[string]string
	if err := json.Unmarshal([]byte(file), &fields); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, key := range []string{"refresh_token", "client_secret"} {
		if fields[key] != "" {
			out = append(out, fields[key])
		}
	}
	for _, line := range strings.Split(fields["private_key"], "\n") {
		if len(line) >= 40 && !strings.HasPrefix(line, "-----") {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		t.Fatal("the credential file holds no secret; the test would prove nothing")
	}
	return out
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
