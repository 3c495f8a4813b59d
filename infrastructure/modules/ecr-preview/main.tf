# The shared ECR repository preview images go to (<environment>-<short sha> tags), with a
# lifecycle policy that only expires untagged images after a day. There is no repository-wide
# "keep the newest N" rule: it counts every environment's images together, so a busy repository
# would expire a running environment's image. Per-environment retention is idp-ecr-prune's (it
# never deletes an image a live environment runs). Optional Docker Hub pull-through cache.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
  }
}

variable "name" {
  type    = string
  default = "mini-idp-preview"
}
variable "tags" { type = map(string) }
variable "dockerhub_username" {
  type    = string
  default = ""
}
variable "dockerhub_access_token" {
  type      = string
  default   = ""
  sensitive = true
}

resource "aws_ecr_repository" "this" {
  name                 = var.name
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Untagged images expire after 1 day"
      selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 1 }
      action       = { type = "expire" }
    }]
  })
}

resource "aws_secretsmanager_secret" "dockerhub" {
  count = var.dockerhub_username == "" ? 0 : 1
  # ECR requires this prefix for pull-through cache credentials.
  name = "ecr-pullthroughcache/${var.name}-dockerhub"
  # checkov:skip=CKV_AWS_149:ECR pull-through cache reads the secret with the AWS-managed key
  # checkov:skip=CKV2_AWS_57:a Docker Hub access token is rotated at Docker Hub, not by Lambda
  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "dockerhub" {
  count         = var.dockerhub_username == "" ? 0 : 1
  secret_id     = aws_secretsmanager_secret.dockerhub[0].id
  secret_string = jsonencode({ username = var.dockerhub_username, accessToken = var.dockerhub_access_token })
}

resource "aws_ecr_pull_through_cache_rule" "dockerhub" {
  count                 = var.dockerhub_username == "" ? 0 : 1
  ecr_repository_prefix = "docker-hub"
  upstream_registry_url = "registry-1.docker.io"
  credential_arn        = aws_secretsmanager_secret.dockerhub[0].arn
}

output "repository_url" { value = aws_ecr_repository.this.repository_url }
output "repository_arn" { value = aws_ecr_repository.this.arn }
output "repository_name" { value = aws_ecr_repository.this.name }
