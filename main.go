package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/provider"
)

// version is set by goreleaser (-X main.version=...).
var version = "dev"

// logVariables are the environment variables that ask Terraform and its
// plugins for logs.
var logVariables = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_GOOGLECHAT", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO",
}

// quietUnlessAsked turns plugin logging off when nobody asked for logs.
// Without a level, terraform-plugin-log defaults to TRACE: the framework then
// formats every trace line as JSON for Terraform, which discards them when
// TF_LOG is unset. That cost a third of the provider's CPU in a large plan.
func quietUnlessAsked() {
	for _, name := range logVariables {
		if os.Getenv(name) != "" {
			return
		}
	}
	_ = os.Setenv("TF_LOG_PROVIDER", "OFF")
	_ = os.Setenv("TF_LOG_SDK", "OFF")
}

// profileIfAsked writes a CPU profile of this plugin process to
// $GOOGLECHAT_CPU_PROFILE_DIR/cpu-PID.pprof, for performance work (make
// bench's findings); it returns the function that ends it.
func profileIfAsked() func() {
	dir := os.Getenv("GOOGLECHAT_CPU_PROFILE_DIR")
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", os.Getpid())))
	if err != nil {
		log.Printf("[WARN] CPU profile: %v", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Printf("[WARN] CPU profile: %v", err)
		return func() { _ = f.Close() }
	}
	return func() { pprof.StopCPUProfile(); _ = f.Close() }
}

func main() {
	quietUnlessAsked()
	stopProfile := profileIfAsked()
	defer stopProfile()
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   debug,
	})
	if err != nil {
		stopProfile()
		log.Fatal(err.Error())
	}
}
