# Linked into every template: the environment's IAM roles and tags (module common), and the
# network it joins. The VPC, subnets and NAT are shared, created once by infrastructure/platform
# and found here by their tags: a VPC, NAT gateway and Elastic IP per environment would cap an
# account at five environments per region and be most of each one's fixed cost.

module "common" {
  source           = "../../modules/common"
  environment_name = var.environment_name
  repository       = var.repository
  tags             = var.tags
  secret_arns      = concat(values(var.secrets), local.extra_secret_arns)
}

data "aws_vpc" "shared" {
  tags = { "idp:network" = "shared" }
}

data "aws_subnets" "public" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.shared.id]
  }
  tags = { "idp:tier" = "public" }
}

data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.shared.id]
  }
  tags = { "idp:tier" = "private" }
}

locals {
  vpc_id             = data.aws_vpc.shared.id
  public_subnet_ids  = sort(data.aws_subnets.public.ids)
  private_subnet_ids = sort(data.aws_subnets.private.ids)
}
