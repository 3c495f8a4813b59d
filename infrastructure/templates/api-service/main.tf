# api-service = shared network + common + ecs-service (+ monitoring).

locals {
  extra_secret_arns = []
}

variable "container_port" {
  type = number
  validation {
    condition     = var.container_port >= 1 && var.container_port <= 65535
    error_message = "container_port: 1 to 65535."
  }
}

variable "health_check_path" {
  type    = string
  default = "/"
}

variable "acm_certificate_arn" {
  description = "ACM certificate: HTTPS on 443 with HTTP redirected; HTTP only when null."
  type        = string
  default     = null
}

module "service" {
  source                = "../../modules/ecs-service"
  name                  = var.environment_name
  tags                  = module.common.tags
  vpc_id                = local.vpc_id
  public_subnet_ids     = local.public_subnet_ids
  private_subnet_ids    = local.private_subnet_ids
  execution_role_arn    = module.common.execution_role_arn
  task_role_arn         = module.common.task_role_arn
  container_image       = var.container_image
  container_port        = var.container_port
  health_check_path     = var.health_check_path
  cpu                   = var.cpu
  cpu_architecture      = var.cpu_architecture
  memory                = var.memory
  environment_variables = var.environment_variables
  secrets               = var.secrets
  log_retention_days    = var.log_retention_days
  acm_certificate_arn   = var.acm_certificate_arn
  preview_domain        = var.preview_domain
  access_mode           = var.access_mode
  access_cidrs          = var.access_cidrs
  access_oidc           = var.access_oidc
  container_insights    = var.container_insights
}

module "monitoring" {
  source         = "../../modules/monitoring"
  name           = var.environment_name
  tags           = module.common.tags
  cluster_name   = module.service.cluster_name
  service_name   = module.service.service_name
  alb_arn_suffix = module.service.alb_arn_suffix
  target_group   = module.service.target_group_arn_suffix
  alarm_emails   = var.alarm_emails
  alarm_topic    = var.alarm_topic_arn
}

output "endpoint" { value = module.service.endpoint }
output "log_group" { value = module.service.log_group }
output "alarm_topic_arn" { value = module.monitoring.sns_topic_arn }
