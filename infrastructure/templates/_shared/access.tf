# Who may open the environment's URL (idp-tfvars from platform.yml's access:, narrowed by the
# repository's .idp/config.yml): public, cidrs (the load balancer's security group, or a source-IP
# condition on the shared one's listener rule) or oidc (the ALB's authenticate-oidc; HTTPS only).
variable "access_mode" {
  description = "public, cidrs or oidc."
  type        = string
  default     = "public"
  validation {
    condition     = contains(["public", "cidrs", "oidc"], var.access_mode)
    error_message = "access_mode must be public, cidrs or oidc."
  }
}

variable "access_cidrs" {
  description = "With access_mode cidrs: the IPv4 ranges that may reach the load balancer."
  type        = list(string)
  default     = []
}

variable "access_oidc" {
  description = "With access_mode oidc: the identity provider (issuer, endpoints, client_id, client_secret_arn under idp/, scope)."
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
