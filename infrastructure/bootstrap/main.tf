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
  description = "owner/name of application repositories whose preview-env.yml calls the platform workflows (three trusted subjects each: provision, destroy, command)."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for r in var.consumer_repositories : can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", r))])
    error_message = "Each consumer repository must be owner/name, without wildcards (use consumer_owners for a whole organisation)."
  }
}

variable "consumer_owners" {
  description = "Organisations (or users) all of whose repositories may call the platform workflows: one rule each, whatever their number."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for o in var.consumer_owners : can(regex("^[A-Za-z0-9-]+$", o))])
    error_message = "Each consumer owner must be a GitHub organisation or user name."
  }
}

variable "immutable_subject_ids" {
  description = "GitHub's numeric ids of the owners and repositories whose subjects take GitHub's immutable form (repo:owner@ID/name@ID:…, repositories created, renamed or transferred after 2026-07-15), e.g. { \"acme\" = \"1234\", \"acme/mini-idp\" = \"5678\" }: gh api repos/OWNER/NAME --jq '.owner.id, .id'. The platform repository, each listed repository and each organisation of consumer_owners is trusted in that form when its ids are here. Exact ids, never a wildcard: another repository's own claims (a workflow's name) could spell \"/mini-idp@\"."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for k, v in var.immutable_subject_ids : can(regex("^[A-Za-z0-9-]+(/[A-Za-z0-9_.-]+)?$", k)) && can(regex("^[0-9]+$", v))])
    error_message = "immutable_subject_ids maps owner or owner/name to GitHub's numeric id, e.g. { \"acme\" = \"1234\", \"acme/mini-idp\" = \"5678\" }."
  }
}

variable "trust_policy_quota" {
  description = "IAM's role trust policy length for this account (Service Quotas, IAM, Role trust policy length): 2048 by default, at most 4096."
  type        = number
  default     = 2048
}

variable "runner_environment" {
  description = "Where the platform's jobs run, as GitHub's runner_environment claim says it: github-hosted (the default: runners: in platform.yml names GitHub-hosted labels only; a tenant's own runner with the same label is then refused by IAM), self-hosted (runners: names your runner groups), or any."
  type        = string
  default     = "github-hosted"
  validation {
    condition     = contains(["github-hosted", "self-hosted", "any"], var.runner_environment)
    error_message = "runner_environment must be github-hosted, self-hosted or any."
  }
}

variable "revoked_releases" {
  description = "Release tags consumers may no longer call, e.g. [\"v1.3.0\", \"v1.2.*\"]: a security release revokes the releases it fixes."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for r in var.revoked_releases : can(regex("^[A-Za-z0-9._/-]+[*]?$", r))])
    error_message = "Each revoked release is a tag name (v1.3.0), optionally ending in * (v1.2.*)."
  }
}

variable "ghes_version" {
  description = "GitHub Enterprise Server's version (e.g. 3.19) when oidc_issuer_host is a GHES host. Before 3.19 GHES leaves ':' unescaped inside claim values, so consumer_owners (a wildcard where a repository's name goes) is refused there."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^([0-9]+[.][0-9]+)?$", var.ghes_version))
    error_message = "ghes_version is major.minor, e.g. 3.19, or empty on github.com."
  }
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

variable "release_ref" {
  description = "The refs consumers may call the platform's workflows at: release tags that a ruleset lets only the release App create, move or delete (people run release.yml; the App tags)."
  type        = string
  default     = "refs/tags/v*"
  validation {
    # A branch, a commit SHA or refs/pull/… can be made by people outside the platform team.
    condition     = can(regex("^refs/tags/[A-Za-z0-9._/-]+[*]?$", var.release_ref))
    error_message = "release_ref must be refs/tags/<prefix>[*], e.g. refs/tags/v*: only protected release tags are trusted."
  }
}

variable "default_branch" {
  description = "The platform repository's protected default branch, where ttl-cleanup.yml and update-dashboard.yml run on schedule."
  type        = string
  default     = "main"
  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]+$", var.default_branch))
    error_message = "default_branch must be one branch name, without wildcards."
  }
}

variable "oidc_provider_arn" {
  description = "The ARN of the account's existing OIDC provider for oidc_issuer_host (aws iam list-open-id-connect-providers), to use it instead of creating one; empty creates it."
  type        = string
  default     = ""
  validation {
    condition     = var.oidc_provider_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+$", var.oidc_provider_arn))
    error_message = "oidc_provider_arn must be an IAM OIDC provider ARN, arn:aws:iam::<account>:oidc-provider/<issuer host>, or empty."
  }
}

variable "oidc_issuer_host" {
  description = "Who issues the workflows' OIDC tokens, without https://: token.actions.githubusercontent.com on github.com, <host>/_services/token on GitHub Enterprise Server."
  type        = string
  default     = "token.actions.githubusercontent.com"
  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._-]+)*$", var.oidc_issuer_host))
    error_message = "oidc_issuer_host is a host name with an optional path, without a scheme, e.g. ghes.example.com/_services/token."
  }
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
# An account has at most one provider per issuer: where one exists already (another team's GitHub
# OIDC trust), name it in oidc_provider_arn and it is used, not created (creating it again fails
# with EntityAlreadyExists). Its audiences must include sts.amazonaws.com (idp doctor checks).
resource "aws_iam_openid_connect_provider" "github" {
  count          = var.oidc_provider_arn == "" ? 1 : 0
  url            = "https://${var.oidc_issuer_host}"
  client_id_list = ["sts.amazonaws.com"]
}

locals {
  oidc_provider_arn = var.oidc_provider_arn != "" ? var.oidc_provider_arn : aws_iam_openid_connect_provider.github[0].arn
}

# Who may assume the role: only jobs of the platform's own workflows, at refs only the platform's
# release App can make (the tag ruleset's only bypass actor), on the runners the platform chose. GitHub puts the called workflow's path
# and ref into the token's job_workflow_ref claim and the runner's kind into runner_environment; IAM
# reads neither by itself for GitHub's issuer (only aud, sub and a few claims AWS lists), so each
# consumer repository and the platform repository make their subject include both (see
# infrastructure/README.md):
#   PUT /repos/{owner}/{repo}/actions/oidc/customization/sub
#   {"use_default": false, "include_claim_keys": ["repo", "context", "job_workflow_ref", "runner_environment"]}
# which makes sub "repo:<owner>/<repo>:<context>:job_workflow_ref:<platform>/.github/workflows/<file>@<ref>:runner_environment:github-hosted".
# The platform's own runs on its default branch, and consumers' calls at release tags; refused
# (StringNotLike): the platform repository calling at a release tag (a writer's branch workflow there
# calling destroy.yml@v1.4.0 would otherwise match an organisation-wide rule), and revoked releases.
# The subjects are data (trust-subjects.json), rendered here and by scripts/check-infrastructure,
# which also checks them against hostile tokens and the policy's size against IAM's 2,048 characters.
locals {
  trust = jsondecode(file("${path.module}/trust-subjects.json"))
  # GitHub escapes ':' inside claim values (as %3A) on github.com and GHES 3.19 and later; before
  # that an environment name can carry a whole forged subject, which a wildcard standing where the
  # repository's name goes (owner/*, name@*) would match.
  ghes           = endswith(var.oidc_issuer_host, "/_services/token")
  ghes_release   = try(tonumber(split(".", var.ghes_version)[0]) * 1000 + tonumber(split(".", var.ghes_version)[1]), 0)
  escapes_colons = !local.ghes || local.ghes_release >= 3019
  runner_suffix  = ":runner_environment:${var.runner_environment == "any" ? "*" : var.runner_environment}"
  platform_owner = split("/", var.platform_repository)[0]
  platform_name  = split("/", var.platform_repository)[1]
  # The repo claim's forms: owner/name, and where immutable_subject_ids has the ids, owner@<id>/name@<id>
  # (owner@<id>/* for an organisation).
  ids            = var.immutable_subject_ids
  platform_forms = concat([var.platform_repository], can(local.ids[local.platform_owner]) && can(local.ids[var.platform_repository]) ? [
    "${local.platform_owner}@${local.ids[local.platform_owner]}/${local.platform_name}@${local.ids[var.platform_repository]}"
  ] : [])
  consumer_forms = concat(flatten([for c in var.consumer_repositories : concat([c], can(local.ids[split("/", c)[0]]) && can(local.ids[c]) ? [
    "${split("/", c)[0]}@${local.ids[split("/", c)[0]]}/${split("/", c)[1]}@${local.ids[c]}"
    ] : [])]), flatten([for o in var.consumer_owners : concat(["${o}/*"], can(local.ids[o]) ? ["${o}@${local.ids[o]}/*"] : [])]))
  consumer_subjects = flatten([for c in local.consumer_forms : [for p in local.trust.consumer :
    "${replace(replace(replace(p, "{consumer}", c), "{platform}", var.platform_repository), "{release_ref}", var.release_ref)}${local.runner_suffix}"
  ]])
  platform_subjects = flatten([for f in local.platform_forms : [for p in local.trust.platform :
    "${replace(replace(replace(p, "{platform_repo}", f), "{platform}", var.platform_repository), "{default_branch}", var.default_branch)}${local.runner_suffix}"
  ]])
  # The platform repository never calls as a consumer (at a release tag), and no revoked release is called.
  exclusions = concat([for f in local.platform_forms : "repo:${f}:*@${var.release_ref}"], flatten([for tag in var.revoked_releases : [
    for p in local.trust.revoked : "${replace(replace(p, "{platform}", var.platform_repository), "{tag}", tag)}${local.runner_suffix}"
  ]]))
  sub = "${var.oidc_issuer_host}:sub"
  trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PlatformWorkflowsOnly"
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = local.oidc_provider_arn }
      Condition = {
        StringEquals  = { "${var.oidc_issuer_host}:aud" = "sts.amazonaws.com" }
        StringLike    = { (local.sub) = concat(local.platform_subjects, local.consumer_subjects) }
        StringNotLike = { (local.sub) = local.exclusions }
      }
    }]
  })
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
  assume_role_policy   = local.trust_policy
  max_session_duration = 3600
  lifecycle {
    precondition {
      condition     = local.escapes_colons || length(var.consumer_owners) == 0
      error_message = "consumer_owners needs a GitHub that escapes ':' in OIDC claim values (github.com, or GitHub Enterprise Server 3.19 and later: set ghes_version). Before 3.19 list each repository in consumer_repositories instead."
    }
    precondition {
      condition     = length(local.trust_policy) <= var.trust_policy_quota
      error_message = "The trust policy is ${length(local.trust_policy)} characters, over this account's role trust policy length (trust_policy_quota = ${var.trust_policy_quota}): use consumer_owners instead of listing repositories, revoke fewer releases (a newer revocation with a *), or raise the quota (Service Quotas, IAM, Role trust policy length; at most 4096) and set trust_policy_quota."
    }
  }
}

# The workflows' permissions, in three managed policies: IAM counts at most 6,144 characters per
# managed policy (whitespace not counted), and one would hold about 10,000. Each file is one part;
# scripts/check-infrastructure renders each with the longest values and checks it fits.
locals {
  github_policy_parts = ["state-and-reads", "changes", "roles-and-guards"]
}

resource "aws_iam_policy" "github" {
  for_each = toset(local.github_policy_parts)
  name     = "${var.role_name}-${each.key}"
  path     = "/idp/"
  policy = templatefile("${path.module}/github-actions-policy-${each.key}.json.tpl", {
    partition      = local.partition
    account        = local.account
    region         = local.region
    state_bucket   = aws_s3_bucket.state.arn
    lock_table     = aws_dynamodb_table.locks.arn
    ecr            = module.ecr.repository_arn
    kms_key        = aws_kms_key.state.arn
    boundary       = aws_iam_policy.boundary.arn
    own_role       = "arn:${local.partition}:iam::${local.account}:role/idp/${var.role_name}"
    preview_domain = var.preview_domain
  })
}

resource "aws_iam_role_policy_attachment" "github" {
  for_each   = aws_iam_policy.github
  role       = aws_iam_role.github.name
  policy_arn = each.value.arn
}

output "role_arn" {
  description = "The role the workflows assume (role_arn in platform.yml)."
  value       = aws_iam_role.github.arn
}
output "state_bucket" { value = aws_s3_bucket.state.id }
output "lock_table" { value = aws_dynamodb_table.locks.name }
output "ecr_repository" { value = module.ecr.repository_name }

# What the platform repository needs from this apply, ready to commit:
#   tofu -chdir=infrastructure/bootstrap output -raw platform_yml > platform.yml
# then the commands of next_steps. This configuration has no backend: its state (terraform.tfstate
# here) is the only record of what it created; keep it (an S3 backend in another bucket, or a safe
# place), or every later apply must import these resources first.
output "platform_yml" {
  description = "platform.yml for the platform repository's default branch, from this apply's outputs."
  value       = <<-EOT
    # platform.yml — written from infrastructure/bootstrap's outputs; see docs/configuration.md.
    aws_region: ${local.region}
    role_arn: ${aws_iam_role.github.arn}
    state_bucket: ${aws_s3_bucket.state.id}
    lock_table: ${aws_dynamodb_table.locks.name}
    ecr_repository: ${module.ecr.repository_name}
    tofu_version: 1.10.6
    certificate_arn: ""
    preview_domain: "${var.preview_domain}"
    github_app_id: ""
    dashboard_issue: ""
    max_ttl: 30d
    guardrails:
      max_environments_per_repository: 15
      max_environments_per_owner: 5
      max_monthly_cost_per_repository: 500
      max_lifetime: 30d
  EOT
}

output "next_steps" {
  description = "What to run next, in order (from the repository's root; docs/platform-setup.md)."
  value       = <<-EOT
    0. Keep this configuration's state: it has no backend, and terraform.tfstate in infrastructure/bootstrap is the only record of what it made (docs/platform-setup.md, step 1: an S3 backend in a bucket of its own, or a safe place).
    1. tofu -chdir=infrastructure/bootstrap output -raw platform_yml > platform.yml${var.runner_environment == "self-hosted" ? " (then add runners: naming your runner group; see docs/runners-and-hosts.md)" : ""}, and commit it to ${var.default_branch}
    2. ${join(" ", ["gh api -X PUT repos/${var.platform_repository}/actions/oidc/customization/sub -F use_default=false", "-f 'include_claim_keys[]=repo' -f 'include_claim_keys[]=context' -f 'include_claim_keys[]=job_workflow_ref' -f 'include_claim_keys[]=runner_environment'"])}
       (it changes the subject of every workflow in ${var.platform_repository}: update its other OIDC trusts with it)
    3. the GitHub steps of docs/platform-setup.md (rulesets, environments, Apps, the first release), then, with idp installed:
       GITHUB_TOKEN=$(gh auth token) idp doctor --platform platform.yml --repository ${var.platform_repository}
  EOT
}
