package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Every resource declares a resource identity (Terraform 1.12 and later), as
// `terraform providers schema -json` shows: one string attribute that import
// blocks may give instead of an ID.
func TestEveryResourceHasAnIdentitySchema(t *testing.T) {
	ctx := context.Background()
	server := providerserver.NewProtocol6(New("test")())()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	identities, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(schemas.ResourceSchemas) == 0 {
		t.Fatal("the provider has no resources")
	}
	for name := range schemas.ResourceSchemas {
		identity, ok := identities.IdentitySchemas[name]
		if !ok {
			t.Errorf("%s has no identity schema", name)
			continue
		}
		if len(identity.IdentityAttributes) != 1 || !identity.IdentityAttributes[0].RequiredForImport ||
			identity.IdentityAttributes[0].Type.String() != "tftypes.String" {
			t.Errorf("%s: identity %+v is not one string attribute required for import", name, identity.IdentityAttributes)
		}
	}
}
