# Variables every template takes, written by idp-tfvars. Linked into each template folder, so
# the rules below exist once. The limits are the same as the core library's: name length and
# shape, TTL, log retention. Templates that run tasks (workload service or scheduled in their
# template.yml) also link tasks.tf.

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
  description = "The template's name: this folder's (idp-tfvars writes the one it applies)."
  type        = string
}

# The variables describe this template, not another's: a precondition, since a variable's own
# validation may refer to nothing but the variable before OpenTofu 1.9's cross-object validation.
resource "terraform_data" "template_folder" {
  input = var.template
  lifecycle {
    precondition {
      condition     = var.template == basename(abspath(path.module))
      error_message = "template ${var.template}: the variables are another template's; apply them in infrastructure/templates/${var.template}."
    }
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

variable "tags" {
  description = "idp:managed, idp:environment, idp:template, idp:owner, … from idp-tfvars."
  type        = map(string)
}

variable "alarm_topic_arn" {
  description = "platform.yml alarm_topic_arn: the SNS topic alarms notify; empty: a topic of the environment's own, for alarm_emails."
  type        = string
  default     = ""
}

variable "alarm_emails" {
  type    = list(string)
  default = []
}
