# Variables of templates that run ECS tasks (workload service or scheduled in their template.yml),
# written by idp-tfvars: the image, the Fargate size (cpu and memory checked together), the
# container's variables and secrets. Linked into each such template beside variables.tf.

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

variable "preview_domain" {
  description = "platform.yml preview_domain: join the shared load balancer as <environment_name>.<preview_domain>; empty: a load balancer of its own."
  type        = string
  default     = ""
}

variable "container_insights" {
  type    = bool
  default = true
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
