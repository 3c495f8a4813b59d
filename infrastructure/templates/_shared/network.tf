module "common" {
  source           = "../../modules/common"
  environment_name = var.environment_name
  tags             = var.tags
  secret_arns      = concat(values(var.secrets), local.extra_secret_arns)
}

module "networking" {
  source                  = "../../modules/networking"
  name                    = var.environment_name
  tags                    = module.common.tags
  high_availability       = var.high_availability
  flow_log_retention_days = var.log_retention_days
}
