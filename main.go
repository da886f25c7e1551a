package main

import (
	"context"
	"flag"
	"log"
	"os"

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

func main() {
	quietUnlessAsked()
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
