# A Fargate task run on an EventBridge schedule (scheduled-worker). Container Insights is a
# variable defaulting to enabled, as in ecs-service (seed #15).

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
  }
}

variable "name" { type = string }
variable "tags" { type = map(string) }
variable "vpc_id" { type = string }
variable "private_subnet_ids" { type = list(string) }
variable "execution_role_arn" { type = string }
variable "task_role_arn" { type = string }
variable "container_image" { type = string }
variable "cpu" { type = number }
# X86_64 or ARM64: the images' platform (platform.yml cpu_architecture), so the task starts them.
variable "cpu_architecture" {
  type    = string
  default = "X86_64"
}
variable "memory" { type = number }
variable "environment_variables" { type = map(string) }
variable "secrets" { type = map(string) }
variable "log_retention_days" { type = number }
variable "schedule_expression" { type = string }
variable "permissions_boundary_arn" {
  description = "The boundary every role a workflow creates must carry (module common's output)."
  type        = string
}
variable "container_insights" {
  type    = bool
  default = true
}

data "aws_region" "current" {}

resource "aws_ecs_cluster" "this" {
  # checkov:skip=CKV_AWS_65:Container Insights is the container_insights variable, enabled by default (seed #15)
  name = "${var.name}-cluster"
  setting {
    name  = "containerInsights"
    value = var.container_insights ? "enabled" : "disabled"
  }
  tags = var.tags
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/idp/${var.name}"
  retention_in_days = var.log_retention_days
  # checkov:skip=CKV_AWS_158:AWS-owned encryption is enough for logs that live as long as a preview environment
  # checkov:skip=CKV_AWS_338:retention follows the environment's TTL on purpose (seed #18), far below a year
  tags = var.tags
}

resource "aws_security_group" "task" {
  name        = "${var.name}-task"
  description = "Scheduled task of ${var.name}: outbound only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_egress_rule" "task" {
  security_group_id = aws_security_group.task.id
  description       = "Image pulls and AWS APIs through the NAT"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.task_role_arn
  container_definitions = jsonencode([{
    name        = "worker"
    image       = var.container_image
    essential   = true
    environment = [for k, v in var.environment_variables : { name = k, value = v }]
    secrets     = [for k, v in var.secrets : { name = k, valueFrom = v }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.app.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = "worker"
      }
    }
  }])
  # checkov:skip=CKV_AWS_336:worker images write to their file system; read-only is the app's choice
  tags = var.tags
}

data "aws_iam_policy_document" "events_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "events" {
  name                 = "${var.name}-schedule"
  path                 = "/idp/"
  assume_role_policy   = data.aws_iam_policy_document.events_assume.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "run_task" {
  statement {
    actions   = ["ecs:RunTask"]
    resources = [aws_ecs_task_definition.this.arn_without_revision, "${aws_ecs_task_definition.this.arn_without_revision}:*"]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = [var.execution_role_arn, var.task_role_arn]
  }
}

resource "aws_iam_role_policy" "run_task" {
  name   = "run-task"
  role   = aws_iam_role.events.id
  policy = data.aws_iam_policy_document.run_task.json
}

resource "aws_cloudwatch_event_rule" "this" {
  name                = "${var.name}-schedule"
  schedule_expression = var.schedule_expression
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "this" {
  rule     = aws_cloudwatch_event_rule.this.name
  arn      = aws_ecs_cluster.this.arn
  role_arn = aws_iam_role.events.arn
  ecs_target {
    task_definition_arn = aws_ecs_task_definition.this.arn
    launch_type         = "FARGATE"
    network_configuration {
      subnets          = var.private_subnet_ids
      security_groups  = [aws_security_group.task.id]
      assign_public_ip = false
    }
  }
}

output "cluster_name" { value = aws_ecs_cluster.this.name }
output "log_group" { value = aws_cloudwatch_log_group.app.name }
output "rule_name" { value = aws_cloudwatch_event_rule.this.name }
