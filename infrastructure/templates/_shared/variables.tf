# Variables every template takes, written by idp-tfvars. Linked into each template folder
# (api-service, api-database, scheduled-worker), so the rules below exist once. The limits are
# the same as the core library's: name length and shape, TTL, Fargate pairs, log retention.

variable "environment_name" {
  description = "Environment name (idp-sanitize-branch / idp-validate)."
  type        = string
  validation {
    # 28 = the 32-character ALB/target-group name limit minus "-alb" (IDPCore EnvironmentName.maxLength).
    condition     = can(regex("^[a-z]([a-z0-9]|-[a-z0-9])*$", var.environment_name)) && length(var.environment_name) <= 28 && !startswith(var.environment_name, "internal-")
    error_message = "environment_name: lower-case letters, digits and single hyphens, starting with a letter, at most 28 characters, not internal-…"
  }
}

variable "template" {
  type = string
  validation {
    condition     = contains(["api-service", "api-database", "scheduled-worker"], var.template)
    error_message = "template: api-service, api-database or scheduled-worker."
  }
}

variable "owner" { type = string }
variable "repository" { type = string }

variable "ttl" {
  type = string
  validation {
    condition     = can(regex("^[1-9][0-9]*[dh]$", var.ttl))
    error_message = "ttl: a whole number of hours or days, e.g. 24h or 7d."
  }
}

variable "created_at" { type = string }
variable "expires_at" { type = string }

variable "log_retention_days" {
  type = number
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days: a CloudWatch Logs retention value."
  }
}

variable "container_image" { type = string }

variable "cpu" {
  type = number
  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu: a Fargate size (256 to 16384)."
  }
}

variable "cpu_architecture" {
  description = "The tasks' CPU architecture, as the images were built for it (platform.yml cpu_architecture)."
  type        = string
  default     = "X86_64"
  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture: X86_64 or ARM64."
  }
}

variable "memory" {
  type = number
  validation {
    condition = (
      var.memory >= 512 && var.memory <= 122880 &&
      (var.memory % 1024 == 0 || var.memory == 512)
    )
    error_message = "memory: a Fargate memory size in MiB."
  }
}

variable "environment_variables" {
  type    = map(string)
  default = {}
}

variable "secrets" {
  description = "Container variables read from Secrets Manager: name → secret ARN."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "idp:managed, idp:environment, idp:template, idp:owner, … from idp-tfvars."
  type        = map(string)
}

variable "preview_domain" {
  description = "platform.yml preview_domain: join the shared load balancer as <environment_name>.<preview_domain>; empty: a load balancer of its own."
  type        = string
  default     = ""
}

variable "alarm_topic_arn" {
  description = "platform.yml alarm_topic_arn: the SNS topic alarms notify; empty: a topic of the environment's own, for alarm_emails."
  type        = string
  default     = ""
}

variable "container_insights" {
  type    = bool
  default = true
}

variable "alarm_emails" {
  type    = list(string)
  default = []
}

# Fargate CPU → memory pairs, checked together (one variable's validation cannot see another's
# in older OpenTofu, so the check is a precondition on a local instead).
locals {
  fargate_memory = {
    256   = [512, 1024, 2048]
    512   = range(1024, 4097, 1024)
    1024  = range(2048, 8193, 1024)
    2048  = range(4096, 16385, 1024)
    4096  = range(8192, 30721, 1024)
    8192  = range(16384, 61441, 4096)
    16384 = range(32768, 122881, 8192)
  }
}

resource "terraform_data" "fargate_pair" {
  input = "${var.cpu}/${var.memory}"
  lifecycle {
    precondition {
      condition     = contains(local.fargate_memory[var.cpu], var.memory)
      error_message = "memory ${var.memory} MiB is not allowed with cpu ${var.cpu} on Fargate."
    }
  }
}
