# A Fargate service behind a load balancer, one of two ways:
# - preview_domain set: a host-header rule on the platform's shared HTTPS load balancer
#   (infrastructure/platform) and a Route 53 alias, https://<name>.<preview_domain>, under its
#   wildcard certificate; no load balancer of its own (the per-region quota of 50 is no ceiling);
# - otherwise an ALB of its own: HTTPS with an HTTP→HTTPS redirect when a certificate is given,
#   HTTP only otherwise (seed #3).
# "Applied" means healthy: tofu waits for the service's steady state (its tasks passing the target
# group's health check), so the pull-request comment is not posted before the service answers.
# Deployment circuit breaker with rollback; Container Insights configurable (seed #15); secrets
# injected with valueFrom.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
  }
}

variable "name" { type = string }
variable "tags" { type = map(string) }
variable "vpc_id" { type = string }
variable "public_subnet_ids" { type = list(string) }
variable "private_subnet_ids" { type = list(string) }
variable "execution_role_arn" { type = string }
variable "task_role_arn" { type = string }
variable "container_image" { type = string }
variable "container_port" { type = number }
variable "health_check_path" { type = string }
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
variable "acm_certificate_arn" {
  type    = string
  default = null
}
variable "container_insights" {
  type    = bool
  default = true
}
variable "desired_count" {
  type    = number
  default = 1
}
variable "preview_domain" {
  type    = string
  default = ""
}
variable "access_mode" {
  type    = string
  default = "public"
}
variable "access_cidrs" {
  type    = list(string)
  default = []
}
variable "access_oidc" {
  type = object({
    issuer                 = string
    authorization_endpoint = string
    token_endpoint         = string
    user_info_endpoint     = string
    client_id              = string
    client_secret_arn      = string
    scope                  = string
  })
  default = null
}
variable "health_check_grace_period_seconds" {
  description = "How long a starting task's failed health checks are ignored."
  type        = number
  default     = 60
}

data "aws_region" "current" {}

locals {
  shared = var.preview_domain != ""
  own    = local.shared ? 0 : 1
  https  = !local.shared && var.acm_certificate_arn != null && var.acm_certificate_arn != ""
  host   = "${var.name}.${var.preview_domain}"
  # The load balancer in front of the tasks, and its security group: the shared one or our own.
  alb_arn_suffix        = local.shared ? data.aws_lb.shared[0].arn_suffix : aws_lb.this[0].arn_suffix
  alb_security_group_id = local.shared ? data.aws_security_group.shared_alb[0].id : aws_security_group.alb[0].id
  # Who may reach the URL: the ranges of access_cidrs, or everyone; with oidc, after signing in.
  cidrs = var.access_mode == "cidrs" ? var.access_cidrs : ["0.0.0.0/0"]
  oidc  = var.access_mode == "oidc" && var.access_oidc != null
  # The session cookie is the environment's own: one per host, never shared between previews.
  session_cookie = "idp-${var.name}"
}

# The identity provider's client secret, from Secrets Manager under the platform's idp/ prefix.
data "aws_secretsmanager_secret_version" "oidc" {
  count     = local.oidc ? 1 : 0
  secret_id = var.access_oidc.client_secret_arn
}

# The load balancer itself calls the identity provider's token and user-info endpoints.
resource "aws_vpc_security_group_egress_rule" "alb_identity_provider" {
  count             = local.own == 1 && local.oidc ? 1 : 0
  security_group_id = aws_security_group.alb[0].id
  description       = "To the identity provider of access oidc (token and user-info endpoints)"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

# ---------------------------------------------------------------- the shared load balancer (looked up)
data "aws_lb" "shared" {
  count = local.shared ? 1 : 0
  name  = "idp-shared-alb"
}

data "aws_lb_listener" "shared_https" {
  count             = local.shared ? 1 : 0
  load_balancer_arn = data.aws_lb.shared[0].arn
  port              = 443
}

data "aws_security_group" "shared_alb" {
  count  = local.shared ? 1 : 0
  name   = "idp-shared-alb"
  vpc_id = var.vpc_id
}

data "aws_route53_zone" "preview" {
  count        = local.shared ? 1 : 0
  name         = var.preview_domain
  private_zone = false
}

# No priority: the provider takes the next free one, so environments never collide on a number.
resource "aws_lb_listener_rule" "host" {
  count        = local.shared ? 1 : 0
  listener_arn = data.aws_lb_listener.shared_https[0].arn
  dynamic "action" {
    for_each = local.oidc ? [1] : []
    content {
      type  = "authenticate-oidc"
      order = 1
      authenticate_oidc {
        issuer                 = var.access_oidc.issuer
        authorization_endpoint = var.access_oidc.authorization_endpoint
        token_endpoint         = var.access_oidc.token_endpoint
        user_info_endpoint     = var.access_oidc.user_info_endpoint
        client_id              = var.access_oidc.client_id
        client_secret          = data.aws_secretsmanager_secret_version.oidc[0].secret_string
        scope                  = var.access_oidc.scope
        session_cookie_name    = local.session_cookie
        on_unauthenticated_request = "authenticate"
      }
    }
  }
  action {
    type             = "forward"
    order            = local.oidc ? 2 : 1
    target_group_arn = aws_lb_target_group.this.arn
  }
  condition {
    host_header {
      values = [local.host]
    }
  }
  # Only these networks, on the shared load balancer that everyone else reaches too.
  dynamic "condition" {
    for_each = var.access_mode == "cidrs" ? [1] : []
    content {
      source_ip {
        values = var.access_cidrs
      }
    }
  }
  tags = var.tags
}

resource "aws_route53_record" "host" {
  count   = local.shared ? 1 : 0
  zone_id = data.aws_route53_zone.preview[0].zone_id
  name    = local.host
  type    = "A"
  alias {
    name                   = data.aws_lb.shared[0].dns_name
    zone_id                = data.aws_lb.shared[0].zone_id
    evaluate_target_health = false
  }
}

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
  # The name idp-pr-comment links to: /idp/<environment>.
  name              = "/idp/${var.name}"
  retention_in_days = var.log_retention_days
  # checkov:skip=CKV_AWS_158:AWS-owned encryption is enough for logs that live as long as a preview environment
  # checkov:skip=CKV_AWS_338:retention follows the environment's TTL on purpose (seed #18), far below a year
  tags = var.tags
}

# ---------------------------------------------------------------- a load balancer of its own
resource "aws_security_group" "alb" {
  count       = local.own
  name        = "${var.name}-alb"
  description = "Public access to the ALB of ${var.name}"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "alb" {
  # One rule per port and range: everyone (public, oidc) or only access_cidrs.
  for_each          = { for pair in setproduct(local.shared ? [] : local.https ? ["80", "443"] : ["80"], local.cidrs) : "${pair[0]} ${pair[1]}" => pair }
  security_group_id = aws_security_group.alb[0].id
  description       = var.access_mode == "cidrs" ? "HTTP(S) from an allowed range" : "Public HTTP(S)"
  cidr_ipv4         = each.value[1]
  from_port         = tonumber(each.value[0])
  to_port           = tonumber(each.value[0])
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "alb" {
  count                        = local.own
  security_group_id            = aws_security_group.alb[0].id
  description                  = "To the tasks only"
  referenced_security_group_id = aws_security_group.tasks.id
  from_port                    = var.container_port
  to_port                      = var.container_port
  ip_protocol                  = "tcp"
}

resource "aws_security_group" "tasks" {
  name        = "${var.name}-tasks"
  description = "Tasks of ${var.name}: from the ALB only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "tasks" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "From the load balancer"
  referenced_security_group_id = local.alb_security_group_id
  from_port                    = var.container_port
  to_port                      = var.container_port
  ip_protocol                  = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "tasks" {
  security_group_id = aws_security_group.tasks.id
  description       = "Image pulls, AWS APIs and the database through the NAT"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_lb" "this" {
  count                      = local.own
  name                       = "${var.name}-alb"
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb[0].id]
  subnets                    = var.public_subnet_ids
  drop_invalid_header_fields = true
  # checkov:skip=CKV_AWS_150:preview environments are destroyed by TTL; deletion protection would block that
  # checkov:skip=CKV_AWS_91:access logs need a log bucket per account; out of scope for short-lived previews
  # checkov:skip=CKV2_AWS_28:WAF is an account-level decision; previews are short-lived and TTL-bound
  # checkov:skip=CKV2_AWS_20:HTTP redirects to HTTPS whenever acm_certificate_arn is set; without one HTTP is the only listener
  # checkov:skip=CKV2_AWS_76:WAF (and so its Log4j rule set) is an account-level decision, see CKV2_AWS_28
  tags = var.tags
}

resource "aws_lb_target_group" "this" {
  # checkov:skip=CKV_AWS_378:TLS ends at the ALB; the hop to tasks stays inside the VPC's private subnets
  name        = "${var.name}-tg"
  port        = var.container_port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id
  health_check {
    path                = var.health_check_path
    matcher             = "200-399"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
  # Previews restart often; 300 s of connection draining would only slow each deploy.
  deregistration_delay = 30
  tags                 = var.tags
  lifecycle {
    # access oidc fails closed: never served without its provider, nor over plain HTTP.
    precondition {
      condition     = var.access_mode != "oidc" || var.access_oidc != null
      error_message = "access_mode oidc needs access_oidc (the identity provider)."
    }
    precondition {
      condition     = var.access_mode != "oidc" || local.shared || local.https
      error_message = "access_mode oidc needs HTTPS: a shared load balancer (preview_domain) or acm_certificate_arn."
    }
  }
}

resource "aws_lb_listener" "https" {
  count             = local.https ? 1 : 0
  load_balancer_arn = aws_lb.this[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.acm_certificate_arn
  dynamic "default_action" {
    for_each = local.oidc ? [1] : []
    content {
      type  = "authenticate-oidc"
      order = 1
      authenticate_oidc {
        issuer                     = var.access_oidc.issuer
        authorization_endpoint     = var.access_oidc.authorization_endpoint
        token_endpoint             = var.access_oidc.token_endpoint
        user_info_endpoint         = var.access_oidc.user_info_endpoint
        client_id                  = var.access_oidc.client_id
        client_secret              = data.aws_secretsmanager_secret_version.oidc[0].secret_string
        scope                      = var.access_oidc.scope
        session_cookie_name        = local.session_cookie
        on_unauthenticated_request = "authenticate"
      }
    }
  }
  default_action {
    type             = "forward"
    order            = local.oidc ? 2 : 1
    target_group_arn = aws_lb_target_group.this.arn
  }
  tags = var.tags
}

resource "aws_lb_listener" "http" {
  count             = local.own
  load_balancer_arn = aws_lb.this[0].arn
  port              = 80
  protocol          = "HTTP"
  # checkov:skip=CKV_AWS_2:HTTP redirects to HTTPS when a certificate is configured; HTTP-only is the documented quick-test mode
  # checkov:skip=CKV_AWS_103:TLS policy is set on the HTTPS listener; this one is plain HTTP by design
  dynamic "default_action" {
    for_each = local.https ? [1] : []
    content {
      type = "redirect"
      redirect {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }
  dynamic "default_action" {
    for_each = local.https ? [] : [1]
    content {
      type             = "forward"
      target_group_arn = aws_lb_target_group.this.arn
    }
  }
  tags = var.tags
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
    name         = "app"
    image        = var.container_image
    essential    = true
    portMappings = [{ containerPort = var.container_port, protocol = "tcp" }]
    environment  = [for k, v in var.environment_variables : { name = k, value = v }]
    secrets      = [for k, v in var.secrets : { name = k, valueFrom = v }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.app.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = "app"
      }
    }
  }])
  # checkov:skip=CKV_AWS_336:application images (nginx among them) write to their file system; read-only is the app's choice
  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name            = var.name
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = "app"
    container_port   = var.container_port
  }
  health_check_grace_period_seconds = var.health_check_grace_period_seconds
  # Apply returns when the tasks are running and healthy (or fails), not when ECS accepted them.
  wait_for_steady_state = true
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  depends_on = [aws_lb_listener.http, aws_lb_listener_rule.host]
  tags       = var.tags
}

# Environments created before the shared load balancer existed keep their own without a replacement.
moved {
  from = aws_lb.this
  to   = aws_lb.this[0]
}
moved {
  from = aws_security_group.alb
  to   = aws_security_group.alb[0]
}
moved {
  from = aws_vpc_security_group_egress_rule.alb
  to   = aws_vpc_security_group_egress_rule.alb[0]
}
moved {
  from = aws_lb_listener.http
  to   = aws_lb_listener.http[0]
}

output "endpoint" {
  value = local.shared ? "https://${local.host}" : "${local.https ? "https" : "http"}://${aws_lb.this[0].dns_name}"
}
output "cluster_name" { value = aws_ecs_cluster.this.name }
output "service_name" { value = aws_ecs_service.this.name }
output "alb_arn_suffix" { value = local.alb_arn_suffix }
output "target_group_arn_suffix" { value = aws_lb_target_group.this.arn_suffix }
output "tasks_security_group_id" { value = aws_security_group.tasks.id }
output "log_group" { value = aws_cloudwatch_log_group.app.name }
