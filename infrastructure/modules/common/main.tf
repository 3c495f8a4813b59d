# Naming, tags and the two IAM roles every template's tasks use (path /idp/), each with the
# permissions boundary the bootstrap creates: the workflows' role may create roles only with it, so
# no role a workflow makes can do more than the boundary allows.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
  }
}

variable "environment_name" {
  description = "Environment name; the templates derive <name>-alb and <name>-tg from it."
  type        = string
  validation {
    # Same rule as IDPCore's EnvironmentName: 28 = 32-character ALB/target-group limit minus "-alb".
    # (New names ending in -db are refused by idp-ttl create; an older one must still be destroyable.)
    condition     = can(regex("^[a-z]([a-z0-9]|-[a-z0-9])*$", var.environment_name)) && length(var.environment_name) <= 28 && !startswith(var.environment_name, "internal-")
    error_message = "environment_name: lower-case letters, digits and single hyphens, starting with a letter, at most 28 characters, not internal-…"
  }
}

variable "tags" {
  description = "Tags from idp-tfvars (idp:managed, idp:environment, …)."
  type        = map(string)
}

variable "repository" {
  description = "owner/name of the application repository; its secrets live under idp/<owner>/<name>/."
  type        = string
}

variable "permissions_boundary_name" {
  description = "The boundary policy bootstrap/ creates under /idp/."
  type        = string
  default     = "idp-preview-boundary"
}

variable "secret_arns" {
  description = "Secrets Manager ARNs the containers read at start (ECS valueFrom)."
  type        = list(string)
  default     = []
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  tags = merge(var.tags, { "idp:managed" = "true", "idp:environment" = var.environment_name })
  # Secrets may carry an ECS suffix (:json-key:stage:version); IAM wants the secret itself.
  secret_resources = distinct([for arn in var.secret_arns : join(":", slice(split(":", arn), 0, 7))])
  # The only secrets this repository's environments may read (idp-tfvars refuses others first).
  secret_prefix = "arn:${data.aws_partition.current.partition}:secretsmanager:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:secret:idp/${var.repository}/"
  boundary_arn  = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/idp/${var.permissions_boundary_name}"
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name                 = "${var.environment_name}-execution"
  path                 = "/idp/"
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_assume.json
  permissions_boundary = local.boundary_arn
  tags                 = local.tags
}

# GovCloud and China have their own partitions (aws-us-gov, aws-cn): ARNs are built from it.
data "aws_partition" "current" {}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "read_secrets" {
  count = length(local.secret_resources) > 0 ? 1 : 0
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = local.secret_resources
  }
}

resource "aws_iam_role_policy" "read_secrets" {
  count  = length(local.secret_resources) > 0 ? 1 : 0
  name   = "read-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.read_secrets[0].json
  lifecycle {
    precondition {
      condition     = alltrue([for arn in local.secret_resources : startswith(arn, local.secret_prefix)])
      error_message = "Every secret must be named under idp/${var.repository}/ in this account and region: ${join(", ", [for arn in local.secret_resources : arn if !startswith(arn, local.secret_prefix)])}."
    }
  }
}

resource "aws_iam_role" "task" {
  name                 = "${var.environment_name}-task"
  path                 = "/idp/"
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_assume.json
  permissions_boundary = local.boundary_arn
  tags                 = local.tags
}

output "name" {
  value = var.environment_name
}

output "tags" {
  value = local.tags
}

output "execution_role_arn" {
  value = aws_iam_role.execution.arn
}

output "permissions_boundary_arn" {
  value = local.boundary_arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
