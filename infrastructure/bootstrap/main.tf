# One-time, per AWS account: the state bucket, the lock table, the shared ECR repository, GitHub's
# OIDC provider and the role the workflows assume, with a scoped policy (no AWS-managed
# full-access policy anywhere: seed #2). Apply with a local backend, then keep the state safe.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.81, < 7" }
  }
}

provider "aws" {
  default_tags {
    tags = { "idp:managed" = "true", "idp:component" = "bootstrap" }
  }
}

variable "state_bucket" {
  description = "Name of the state bucket (state_bucket in platform.yml)."
  type        = string
}

variable "lock_table" {
  description = "Name of the DynamoDB lock table (lock_table in platform.yml)."
  type        = string
  default     = "idp-terraform-locks"
}

variable "ecr_repository" {
  description = "Shared preview image repository (ecr_repository in platform.yml)."
  type        = string
  default     = "mini-idp-preview"
}

variable "platform_repository" {
  description = "owner/name of the platform repository whose workflows assume the role."
  type        = string
}

variable "consumer_repositories" {
  description = "owner/name of application repositories whose preview-env.yml calls the platform workflows (their OIDC subject is theirs)."
  type        = list(string)
  default     = []
}

variable "role_name" {
  type    = string
  default = "idp-github-actions"
}

variable "preview_domain" {
  description = "preview_domain in platform.yml: the workflows may write DNS records under it only. Empty: none."
  type        = string
  default     = ""
}

variable "platform_ref" {
  description = "The git ref of the platform's reusable workflows consumers call (e.g. refs/tags/v1, refs/heads/main); * for any."
  type        = string
  default     = "*"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  region    = data.aws_region.current.name
  partition = data.aws_partition.current.partition
}

# ---------------------------------------------------------------- state bucket
resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket
  # checkov:skip=CKV_AWS_144:cross-region replication of preview state is not worth its cost; versioning keeps history
  # checkov:skip=CKV_AWS_18:access logging needs a second bucket; CloudTrail data events cover audits where needed
  # checkov:skip=CKV2_AWS_62:no consumer for event notifications of state objects
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_kms_key" "state" {
  description         = "Mini IDP state bucket and lock table"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.kms.json
}

data "aws_iam_policy_document" "kms" {
  # checkov:skip=CKV_AWS_111:a key policy must let the account administer its own key; "*" means this key
  # checkov:skip=CKV_AWS_356:in a key policy the resource "*" is the key itself
  # checkov:skip=CKV_AWS_109:the account root keeps control of its key, as AWS's default key policy does
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.state.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    id     = "old-versions-and-backups"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

data "aws_iam_policy_document" "state_bucket" {
  statement {
    sid       = "TLSOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = data.aws_iam_policy_document.state_bucket.json
}

# ---------------------------------------------------------------- lock table
resource "aws_dynamodb_table" "locks" {
  name         = var.lock_table
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"
  attribute {
    name = "LockID"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.state.arn
  }
}

# ---------------------------------------------------------------- images
module "ecr" {
  source = "../modules/ecr-preview"
  name   = var.ecr_repository
  tags   = { "idp:managed" = "true" }
}

# ---------------------------------------------------------------- GitHub OIDC
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

# Who may assume the role: only jobs of the platform's own workflows. GitHub puts the called
# workflow's path and ref into the token's job_workflow_ref claim; AWS can match only `sub`, so each
# repository's subject template must include it (once per repository, see infrastructure/README.md):
#   PUT /repos/{owner}/{repo}/actions/oidc/customization/sub
#   {"use_default": false, "include_claim_keys": ["repo", "context", "job_workflow_ref"]}
# which makes sub "repo:<owner>/<repo>:<context>:job_workflow_ref:<platform>/.github/workflows/<file>@<ref>".
# A consumer's own workflows, other branches' ad-hoc jobs and every other event get nothing.
locals {
  workflow = { for file in ["provision", "destroy", "ttl-cleanup", "update-dashboard"] :
  file => "job_workflow_ref:${var.platform_repository}/.github/workflows/${file}.yml@${var.platform_ref}" }
  trusted_subjects = concat(
    # Consumers: provision on their pull requests, destroy on pull_request (closed) and branch deletion.
    flatten([for repo in var.consumer_repositories : [
      "repo:${repo}:pull_request:${local.workflow["provision"]}",
      "repo:${repo}:pull_request:${local.workflow["destroy"]}",
      "repo:${repo}:ref:refs/heads/*:${local.workflow["destroy"]}",
    ]]),
    # The platform's scheduled runs on its default branch: the TTL scan (which calls destroy) and the dashboard.
    [for file in ["ttl-cleanup", "destroy", "update-dashboard"] : "repo:${var.platform_repository}:ref:refs/heads/*:${local.workflow[file]}"],
  )
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.trusted_subjects
    }
  }
}

# ---------------------------------------------------------------- permissions boundary
# Every role a workflow creates (modules/common, modules/scheduled-task) must carry this boundary
# (the role's policy refuses CreateRole without it and denies removing it): whatever policy a run
# puts on such a role, it can do no more than run a preview task.
data "aws_iam_policy_document" "boundary" {
  statement {
    sid       = "RegistryLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid       = "PullImagesOfThisAccount"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = ["arn:${local.partition}:ecr:${local.region}:${local.account}:repository/*"]
  }
  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account}:log-group:/idp/*"]
  }
  statement {
    sid       = "ReadOwnSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:${local.partition}:secretsmanager:${local.region}:${local.account}:secret:idp/*"]
  }
  statement {
    sid       = "RunScheduledTasks"
    actions   = ["ecs:RunTask"]
    resources = ["arn:${local.partition}:ecs:${local.region}:${local.account}:task-definition/*"]
  }
  statement {
    sid       = "PassTaskRoles"
    actions   = ["iam:PassRole"]
    resources = ["arn:${local.partition}:iam::${local.account}:role/idp/*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "boundary" {
  name        = "idp-preview-boundary"
  path        = "/idp/"
  description = "The most any role created by the Mini IDP workflows may do"
  policy      = data.aws_iam_policy_document.boundary.json
}

resource "aws_iam_role" "github" {
  name                 = var.role_name
  path                 = "/idp/"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
}

resource "aws_iam_policy" "github" {
  name   = "${var.role_name}-scoped"
  path   = "/idp/"
  policy = templatefile("${path.module}/github-actions-policy.json.tpl", {
    partition    = local.partition
    account      = local.account
    region       = local.region
    state_bucket = aws_s3_bucket.state.arn
    lock_table   = aws_dynamodb_table.locks.arn
    ecr          = module.ecr.repository_arn
    kms_key        = aws_kms_key.state.arn
    boundary       = aws_iam_policy.boundary.arn
    own_role       = "arn:${local.partition}:iam::${local.account}:role/idp/${var.role_name}"
    preview_domain = var.preview_domain
  })
}

resource "aws_iam_role_policy_attachment" "github" {
  role       = aws_iam_role.github.name
  policy_arn = aws_iam_policy.github.arn
}

output "role_arn" {
  description = "The role the workflows assume (role_arn in platform.yml)."
  value       = aws_iam_role.github.arn
}
output "state_bucket" { value = aws_s3_bucket.state.id }
output "lock_table" { value = aws_dynamodb_table.locks.name }
output "ecr_repository" { value = module.ecr.repository_name }
