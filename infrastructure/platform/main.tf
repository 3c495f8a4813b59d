# Once per account and region, after bootstrap/: the network every preview environment shares
# (one VPC, public and private subnets over two AZs, one NAT gateway or one per AZ, flow logs)
# and, when preview_domain is set, one shared HTTPS load balancer under a wildcard certificate
# (seed option B). Environments look these up by tag and name; each keeps its own security groups,
# target group and listener rule. Apply with administrator credentials, like the bootstrap.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
  }
}

provider "aws" {
  default_tags {
    tags = { "idp:managed" = "true", "idp:component" = "platform" }
  }
}

variable "cidr_block" {
  description = "The shared VPC's range; each environment uses a few addresses of it."
  type        = string
  default     = "10.64.0.0/16"
}

variable "nat_per_az" {
  description = "One NAT gateway per AZ (survives an AZ outage) instead of one for both (half the fixed cost)."
  type        = bool
  default     = false
}

variable "preview_domain" {
  description = "preview_domain in platform.yml (e.g. preview.example.com): a Route 53 public zone of that name must exist. Empty: no shared load balancer, each environment has its own."
  type        = string
  default     = ""
}

variable "flow_log_retention_days" {
  type    = number
  default = 14
}

locals {
  name   = "idp-shared"
  shared = var.preview_domain != ""
}

module "network" {
  source                  = "../modules/networking"
  name                    = local.name
  cidr_block              = var.cidr_block
  high_availability       = var.nat_per_az
  flow_log_retention_days = var.flow_log_retention_days
  tags                    = { "idp:managed" = "true", "idp:network" = "shared" }
}

# ---------------------------------------------------------------- shared load balancer
data "aws_route53_zone" "preview" {
  count        = local.shared ? 1 : 0
  name         = var.preview_domain
  private_zone = false
}

resource "aws_acm_certificate" "wildcard" {
  count             = local.shared ? 1 : 0
  domain_name       = "*.${var.preview_domain}"
  # checkov:skip=CKV2_AWS_71:the wildcard is the design: one certificate for every <environment>.<preview_domain>, whose names are not known in advance
  validation_method = "DNS"
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = local.shared ? { for o in aws_acm_certificate.wildcard[0].domain_validation_options : o.domain_name => o } : {}
  zone_id  = data.aws_route53_zone.preview[0].zone_id
  name     = each.value.resource_record_name
  type     = each.value.resource_record_type
  records  = [each.value.resource_record_value]
  ttl      = 300
}

resource "aws_acm_certificate_validation" "wildcard" {
  count                   = local.shared ? 1 : 0
  certificate_arn         = aws_acm_certificate.wildcard[0].arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}

resource "aws_security_group" "alb" {
  count       = local.shared ? 1 : 0
  name        = "${local.name}-alb"
  description = "Public HTTPS to the shared preview load balancer"
  vpc_id      = module.network.vpc_id
  tags        = { "idp:network" = "shared" }
}

resource "aws_vpc_security_group_ingress_rule" "alb" {
  for_each          = toset(local.shared ? ["80", "443"] : [])
  security_group_id = aws_security_group.alb[0].id
  description       = "Public HTTP (redirected) and HTTPS"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = tonumber(each.value)
  to_port           = tonumber(each.value)
  ip_protocol       = "tcp"
}

# One rule into the VPC rather than one per environment (a security group holds 60 rules by default);
# each environment's tasks admit traffic from this group only, on their own port.
resource "aws_vpc_security_group_egress_rule" "alb" {
  count             = local.shared ? 1 : 0
  security_group_id = aws_security_group.alb[0].id
  description       = "To preview tasks in the shared VPC"
  cidr_ipv4         = var.cidr_block
  from_port         = 1
  to_port           = 65535
  ip_protocol       = "tcp"
}

# Environments with access: oidc: the load balancer itself calls the identity provider's token and
# user-info endpoints (authenticate-oidc), over HTTPS on the internet.
resource "aws_vpc_security_group_egress_rule" "alb_identity_provider" {
  count             = local.shared ? 1 : 0
  security_group_id = aws_security_group.alb[0].id
  description       = "To the identity provider of access oidc (token and user-info endpoints)"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

resource "aws_lb" "shared" {
  count                      = local.shared ? 1 : 0
  name                       = "${local.name}-alb"
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb[0].id]
  subnets                    = module.network.public_subnet_ids
  drop_invalid_header_fields = true
  # checkov:skip=CKV_AWS_150:the shared load balancer is platform infrastructure, removed only by its administrators' tofu destroy
  # checkov:skip=CKV_AWS_91:access logs need a log bucket per account; out of scope for previews
  # checkov:skip=CKV2_AWS_28:WAF is an account-level decision; previews are short-lived and TTL-bound
  # checkov:skip=CKV2_AWS_76:WAF (and so its Log4j rule set) is an account-level decision, see CKV2_AWS_28
}

resource "aws_lb_listener" "https" {
  count             = local.shared ? 1 : 0
  load_balancer_arn = aws_lb.shared[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate_validation.wildcard[0].certificate_arn
  # Each environment adds a host-header rule (<name>.<preview_domain>); anything else is a 404.
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "No preview environment answers at this name."
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener" "http" {
  count             = local.shared ? 1 : 0
  load_balancer_arn = aws_lb.shared[0].arn
  port              = 80
  protocol          = "HTTP"
  # checkov:skip=CKV_AWS_103:plain HTTP only redirects to HTTPS; TLS is set on the HTTPS listener
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

output "vpc_id" { value = module.network.vpc_id }
output "shared_load_balancer" { value = local.shared ? aws_lb.shared[0].dns_name : "" }
output "wildcard_certificate_arn" { value = local.shared ? aws_acm_certificate_validation.wildcard[0].certificate_arn : "" }
