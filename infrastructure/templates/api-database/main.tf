# api-database = shared network + common + ecs-service + rds-postgres (+ monitoring). The containers
# get the database credentials as DATABASE_SECRET (the whole JSON document) through valueFrom.

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
  type    = string
  default = null
}

variable "db_instance_class" {
  type    = string
  default = "db.t4g.micro"
}

variable "db_allocated_storage" {
  type    = number
  default = 20
}

variable "deletion_protection" {
  type    = bool
  default = false
}

variable "multi_az" {
  type    = bool
  default = false
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
  secrets               = merge(var.secrets, { DATABASE_SECRET = module.database.secret_arn })
  log_retention_days    = var.log_retention_days
  acm_certificate_arn   = var.acm_certificate_arn
  preview_domain        = var.preview_domain
  access_mode           = var.access_mode
  access_cidrs          = var.access_cidrs
  access_oidc           = var.access_oidc
  container_insights    = var.container_insights
}

# The execution role (module "common", shared-network.tf) may also read the database secret.
locals {
  extra_secret_arns = [module.database.secret_arn]
}

module "database" {
  source                   = "../../modules/rds-postgres"
  name                     = var.environment_name
  repository               = var.repository
  log_retention_days       = var.log_retention_days
  tags                     = module.common.tags
  vpc_id                   = local.vpc_id
  private_subnet_ids       = local.private_subnet_ids
  client_security_group_id = module.service.tasks_security_group_id
  instance_class           = var.db_instance_class
  allocated_storage        = var.db_allocated_storage
  deletion_protection      = var.deletion_protection
  multi_az                 = var.multi_az
}

module "monitoring" {
  source         = "../../modules/monitoring"
  name           = var.environment_name
  tags           = module.common.tags
  cluster_name   = module.service.cluster_name
  service_name   = module.service.service_name
  alb_arn_suffix = module.service.alb_arn_suffix
  target_group   = module.service.target_group_arn_suffix
  db_instance_id = module.database.instance_id
  alarm_emails   = var.alarm_emails
  alarm_topic    = var.alarm_topic_arn
}

output "endpoint" { value = module.service.endpoint }
output "log_group" { value = module.service.log_group }
output "database_secret_arn" { value = module.database.secret_arn }
output "alarm_topic_arn" { value = module.monitoring.sns_topic_arn }
