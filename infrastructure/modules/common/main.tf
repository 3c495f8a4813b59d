# Naming, tags and the two IAM roles every template's tasks use (path /idp/).

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
    # Same rule as idp-core EnvironmentName: 28 = 32-character ALB/target-group limit minus "-alb".
    condition     = can(regex("^[a-z]([a-z0-9]|-[a-z0-9])*$", var.environment_name)) && length(var.environment_name) <= 28 && !startswith(var.environment_name, "internal-")
    error_message = "environment_name: lower-case letters, digits and single hyphens, starting with a letter, at most 28 characters, not internal-…"
  }
}

variable "tags" {
  description = "Tags from idp-tfvars (idp:managed, idp:environment, …)."
  type        = map(string)
}

variable "secret_arns" {
  description = "Secrets Manager ARNs the containers read at start (ECS valueFrom)."
  type        = list(string)
  default     = []
}

locals {
  tags = merge(var.tags, { "idp:managed" = "true", "idp:environment" = var.environment_name })
  # Secrets may carry an ECS suffix (:json-key:stage:version); IAM wants the secret itself.
  secret_resources = distinct([for arn in var.secret_arns : join(":", slice(split(":", arn), 0, 7))])
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
  name               = "${var.environment_name}-execution"
  path               = "/idp/"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = local.tags
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
}

resource "aws_iam_role" "task" {
  name               = "${var.environment_name}-task"
  path               = "/idp/"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = local.tags
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

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
