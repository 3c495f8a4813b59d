# scheduled-worker = shared network + common + scheduled-task (+ monitoring).

locals {
  extra_secret_arns = []
}

variable "schedule_expression" {
  description = "EventBridge cron(…) or rate(…), checked by idp-validate."
  type        = string
  validation {
    condition     = can(regex("^(cron\\(([^ ]+ ){5}[^ ]+\\)|rate\\([1-9][0-9]* (minute|hour|day)s?\\))$", var.schedule_expression)) && length(var.schedule_expression) <= 256
    error_message = "schedule_expression: cron(6 fields) or rate(N unit); idp-validate gives the exact rule broken."
  }
}

module "worker" {
  source                = "../../modules/scheduled-task"
  name                  = var.environment_name
  tags                  = module.common.tags
  vpc_id                = local.vpc_id
  private_subnet_ids    = local.private_subnet_ids
  execution_role_arn    = module.common.execution_role_arn
  task_role_arn         = module.common.task_role_arn
  permissions_boundary_arn = module.common.permissions_boundary_arn
  container_image       = var.container_image
  cpu                   = var.cpu
  cpu_architecture      = var.cpu_architecture
  memory                = var.memory
  environment_variables = var.environment_variables
  secrets               = var.secrets
  log_retention_days    = var.log_retention_days
  schedule_expression   = var.schedule_expression
  container_insights    = var.container_insights
}

module "monitoring" {
  source       = "../../modules/monitoring"
  name         = var.environment_name
  tags         = module.common.tags
  cluster_name = module.worker.cluster_name
  alarm_emails = var.alarm_emails
  alarm_topic  = var.alarm_topic_arn
}

output "log_group" { value = module.worker.log_group }
output "schedule_rule" { value = module.worker.rule_name }
output "alarm_topic_arn" { value = module.monitoring.sns_topic_arn }
