# Baseline alarms (seed #12): task crashes, the target group's 5xx rate over 5 %, service CPU over
# 80 %, and for databases RDS CPU and free storage. They notify the platform's topic (alarm_topic,
# platform.yml alarm_topic_arn), else a topic of the environment's own when it has alarm_emails to
# subscribe, else nobody: no topic is created that no one reads.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
  }
}

variable "name" { type = string }
variable "tags" { type = map(string) }
variable "cluster_name" { type = string }
variable "service_name" {
  type    = string
  default = null
}
variable "alb_arn_suffix" {
  type    = string
  default = null
}
variable "db_instance_id" {
  type    = string
  default = null
}
variable "target_group" {
  description = "The target group's ARN suffix: on a shared load balancer only its requests are this environment's."
  type        = string
  default     = null
}
variable "alarm_emails" {
  type    = list(string)
  default = []
}
variable "alarm_topic" {
  type    = string
  default = ""
}

locals {
  own_topic = var.alarm_topic == "" && length(var.alarm_emails) > 0
  actions   = var.alarm_topic != "" ? [var.alarm_topic] : local.own_topic ? [aws_sns_topic.alarms[0].arn] : []
  lb_dimensions = merge({ LoadBalancer = var.alb_arn_suffix },
  var.target_group == null ? {} : { TargetGroup = var.target_group })
}

resource "aws_sns_topic" "alarms" {
  count             = local.own_topic ? 1 : 0
  name              = "${var.name}-alarms"
  kms_master_key_id = "alias/aws/sns"
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each  = toset(local.own_topic ? var.alarm_emails : [])
  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_metric_alarm" "task_crashes" {
  count               = var.service_name == null ? 0 : 1
  alarm_name          = "${var.name}-running-tasks"
  alarm_description   = "Fewer tasks running than desired: tasks are crashing"
  namespace           = "ECS/ContainerInsights"
  metric_name         = "RunningTaskCount"
  dimensions          = { ClusterName = var.cluster_name, ServiceName = var.service_name }
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 5
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "alb_5xx" {
  count               = var.alb_arn_suffix == null ? 0 : 1
  alarm_name          = "${var.name}-5xx-rate"
  alarm_description   = "More than 5 % of requests answered with 5xx"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 5
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  metric_query {
    id          = "rate"
    expression  = "100 * errors / MAX([errors, requests])"
    label       = "5xx rate (%)"
    return_data = true
  }
  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = local.lb_dimensions
      stat        = "Sum"
      period      = 60
    }
  }
  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = local.lb_dimensions
      stat        = "Sum"
      period      = 60
    }
  }
  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  count               = var.service_name == null ? 0 : 1
  alarm_name          = "${var.name}-cpu"
  alarm_description   = "Service CPU above 80 %"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  dimensions          = { ClusterName = var.cluster_name, ServiceName = var.service_name }
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  alarm_actions       = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_cpu" {
  count               = var.db_instance_id == null ? 0 : 1
  alarm_name          = "${var.name}-db-cpu"
  alarm_description   = "Database CPU above 80 %"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = var.db_instance_id }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  alarm_actions       = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_storage" {
  count               = var.db_instance_id == null ? 0 : 1
  alarm_name          = "${var.name}-db-free-storage"
  alarm_description   = "Less than 2 GiB of database storage left"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DBInstanceIdentifier = var.db_instance_id }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = 2147483648
  alarm_actions       = local.actions
  tags                = var.tags
}

output "sns_topic_arn" { value = length(local.actions) > 0 ? local.actions[0] : "" }
