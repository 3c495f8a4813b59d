# Backend and provider, linked into every template. The backend is a partial configuration:
# bucket, key, region and lock table come from `tofu init -backend-config=…` (the workflows pass
# the repository variables), never from these files.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws    = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
    random = { source = "hashicorp/random", version = ">= 3.5" }
  }
  backend "s3" {}
}

# Region from AWS_REGION, credentials from the workflow's OIDC role.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}
