// Command chat-emulator serves the in-memory Google Chat API on a local
// port, so Terraform configurations can be tried with no Google account.
//
//	chat-emulator -listen 127.0.0.1:8080 -users alice@example.com,bob@example.com
//
// Then point the provider at it:
//
//	provider "googlechat" {
//	  endpoint     = "http://127.0.0.1:8080/"
//	  access_token = "user:alice@example.com" # or "app" for app authentication
//	}
//
// Administrator access (useAdminAccess=true) is for the users -administrators
// names (default admin@example.com, in no space): access_token =
// "user:admin@example.com" holds every scope, the admin ones included.
//
// With -chaos-seed N (not 0) the API misbehaves like the real one on a bad
// day, reproducibly for N: 10% of calls answer 503, every 20th call 429 with
// Retry-After: 1, 2% of connections reset, 5% of writes are applied and then
// lose their answer, and every call waits 0-20 ms. The admin API and calls
// with the header X-Emulator-No-Chaos: 1 (for test harnesses only) are spared.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "chat-emulator:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	flags := flag.NewFlagSet("chat-emulator", flag.ContinueOnError)
	listen := flags.String("listen", "127.0.0.1:8080", "address to listen on (loopback recommended)")
	users := flags.String("users", strings.Join(emulator.DefaultUsers, ","), "comma-separated emails of the seeded users")
	invited := flags.String("invited-users", "", "comma-separated emails of users whose new memberships are INVITED")
	groups := flags.String("groups", strings.Join(emulator.DefaultGroups, ","), "comma-separated Google group IDs")
	latency := flags.Duration("latency", 0, "latency added to every API call, e.g. 50ms")
	faults := flags.String("faults", "", "path of a JSON array of fault rules (see /__emulator/faults)")
	allowChatDeletion := flags.Bool("allow-chat-deletion", false, "let spaces.delete remove group chats and DMs")
	addrFile := flags.String("addr-file", "", "write the listening URL to this file once serving")
	unknownFields := flags.Bool("unknown-fields", false, "add fields no API revision defines to every object of every answer, as a newer revision would")
	blocked := flags.String("blocked-users", "", "comma-separated emails of users who block everyone: spaces.setup leaves them out")
	administrators := flags.String("administrators", strings.Join(emulator.DefaultAdministrators, ","), "comma-separated emails of Google Workspace administrators with the manage chat and spaces conversations privilege, who may call with useAdminAccess=true (seeded as users if not in -users)")
	groupNames := flags.String("group-member-names", "", `"group-" names group memberships spaces/S/members/group-{id} in answers (default: spaces/S/members/{id})`)
	appScopesUnapproved := flags.Bool("app-scopes-unapproved", false, "answer 403 to app calls that need a chat.app.* scope, as before an administrator approves them (PUT /__emulator/app-scopes turns it back)")
	chaosSeed := flags.Int64("chaos-seed", 0, "chaos mode: random 503s, 429s, resets, lost answers and jitter drawn from this seed (0: off)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	opts := emulator.Options{
		Users: split(*users), InvitedUsers: split(*invited), Groups: split(*groups),
		Latency: *latency, AllowChatDeletion: *allowChatDeletion, UnknownFields: *unknownFields,
		AppScopesUnapproved: *appScopesUnapproved,
		BlockedUsers:        split(*blocked), GroupMemberNames: *groupNames,
		Administrators: split(*administrators),
	}
	if *chaosSeed != 0 {
		opts.Chaos = emulator.DefaultChaos(*chaosSeed)
	}
	emu := emulator.New(opts)
	if *faults != "" {
		data, err := os.ReadFile(*faults)
		if err != nil {
			return err
		}
		var rules []emulator.FaultRule
		if err := json.Unmarshal(data, &rules); err != nil {
			return fmt.Errorf("%s: %w", *faults, err)
		}
		for _, rule := range rules {
			if err := emu.AddFault(rule); err != nil {
				return err
			}
		}
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	url := "http://" + listener.Addr().String() + "/"
	if *addrFile != "" {
		if err := os.WriteFile(*addrFile, []byte(url), 0o600); err != nil {
			return err
		}
	}
	log.Printf("Chat API emulator serving %s (admin API under %s__emulator/)", url, url)
	log.Printf("credential files: %s__emulator/credentials?principal=app (service account key) or ?principal=user:EMAIL (authorized_user); token endpoint %s", url, strings.TrimSuffix(url, "/")+emulator.TokenPath)
	if *chaosSeed != 0 {
		log.Printf("chaos mode, seed %d (replay with -chaos-seed %d); calls with %s: 1 are spared", *chaosSeed, *chaosSeed, emulator.NoChaosHeader)
		defer func() {
			stats := emu.ChaosStats()
			log.Printf("chaos: %d calls: %d answered 503, %d answered 429, %d reset, %d applied and their answer lost",
				stats.Calls, stats.Unavailable, stats.Quota, stats.Resets, stats.LostAnswers)
		}()
	}
	server := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func split(list string) []string {
	var out []string
	for _, item := range strings.Split(list, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
