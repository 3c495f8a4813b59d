# PostgreSQL for api-database: encrypted, private, credentials in a Secrets Manager secret whose
# version is written only after the instance exists (explicit depends_on, seed #4). The log group
# RDS exports to is created here first, with the environment's retention, so that it expires and
# goes with the environment (RDS would otherwise create it with no expiry, outside the state: seed #18).

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws    = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
    random = { source = "hashicorp/random", version = ">= 3.5" }
  }
}

variable "name" { type = string }
variable "tags" { type = map(string) }
variable "repository" {
  description = "owner/name: the credentials are the secret idp/<owner>/<name>/<environment>/database, which the tasks may read."
  type        = string
}
variable "log_retention_days" { type = number }
variable "vpc_id" { type = string }
variable "private_subnet_ids" { type = list(string) }
variable "client_security_group_id" {
  description = "The tasks' security group, the only one allowed in."
  type        = string
}
variable "instance_class" {
  type    = string
  default = "db.t4g.micro"
}
variable "allocated_storage" {
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
variable "database_name" {
  type    = string
  default = "app"
}

resource "random_password" "master" {
  length  = 32
  special = false
}

resource "aws_db_subnet_group" "this" {
  name       = "${var.name}-db"
  subnet_ids = var.private_subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "PostgreSQL of ${var.name}: from the tasks only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "db" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the tasks"
  referenced_security_group_id = var.client_security_group_id
  from_port                    = 5432
  to_port                      = 5432
  ip_protocol                  = "tcp"
}

resource "aws_cloudwatch_log_group" "postgresql" {
  # The name RDS writes to for the "postgresql" export of this instance.
  name              = "/aws/rds/instance/${var.name}-db/postgresql"
  retention_in_days = var.log_retention_days
  # checkov:skip=CKV_AWS_158:AWS-owned encryption is enough for logs that live as long as a preview environment
  # checkov:skip=CKV_AWS_338:retention follows the environment's TTL on purpose (seed #18), far below a year
  tags = var.tags
}

resource "aws_db_instance" "this" {
  identifier                          = "${var.name}-db"
  engine                              = "postgres"
  engine_version                      = "16"
  instance_class                      = var.instance_class
  allocated_storage                   = var.allocated_storage
  db_name                             = var.database_name
  username                            = "app"
  password                            = random_password.master.result
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [aws_security_group.db.id]
  storage_encrypted                   = true
  multi_az                            = var.multi_az
  deletion_protection                 = var.deletion_protection
  publicly_accessible                 = false
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  iam_database_authentication_enabled = true
  skip_final_snapshot                 = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  # checkov:skip=CKV_AWS_157:multi-AZ is a variable (multi_az), off by default for cost in previews
  # checkov:skip=CKV_AWS_293:deletion protection is a variable (deletion_protection); previews must be destroyable by TTL
  # checkov:skip=CKV_AWS_118:enhanced monitoring needs a monitoring role; CloudWatch metrics and alarms cover previews
  # checkov:skip=CKV2_AWS_30:query logging floods logs of short-lived previews; postgresql logs are exported
  # checkov:skip=CKV_AWS_354:Performance Insights is not available on the default db.t4g.micro class
  # checkov:skip=CKV_AWS_353:Performance Insights is not available on the default db.t4g.micro class
  # checkov:skip=CKV2_AWS_60:copy_tags_to_snapshot is set; no snapshot is kept for a preview
  tags       = var.tags
  depends_on = [aws_cloudwatch_log_group.postgresql]
}

resource "aws_secretsmanager_secret" "db" {
  name                    = "idp/${var.repository}/${var.name}/database"
  recovery_window_in_days = 0
  # checkov:skip=CKV_AWS_149:the AWS-managed key is enough for a preview database's credentials
  # checkov:skip=CKV2_AWS_57:the credentials live as long as the preview environment; no rotation window
  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id = aws_secretsmanager_secret.db.id
  secret_string = jsonencode({
    host     = aws_db_instance.this.address
    port     = aws_db_instance.this.port
    dbname   = var.database_name
    username = aws_db_instance.this.username
    password = random_password.master.result
  })
  # The host is known only once the instance exists; never write a version without it (seed #4).
  depends_on = [aws_db_instance.this]
}

output "secret_arn" { value = aws_secretsmanager_secret.db.arn }
output "instance_id" { value = aws_db_instance.this.identifier }
output "address" { value = aws_db_instance.this.address }
