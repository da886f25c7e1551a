// A stand-in for Terraform's OCI state backend module, which no module proxy
// serves. It keeps the backend name registered but stores state in memory.
module github.com/hashicorp/terraform/internal/backend/remote-state/oci

go 1.24
