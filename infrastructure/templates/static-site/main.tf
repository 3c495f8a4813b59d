# static-site = an S3 bucket of the repository's files behind a CloudFront distribution: no tasks,
# no database, no load balancer, nothing for sleep to stop. The files are those of site_directory
# in the repository's checkout (the provision job's, TF_VAR_source_root), uploaded as committed:
# the provision workflow refuses symbolic links that leave the checkout before this reads it.

variable "site_directory" {
  description = "The repository's folder whose files are served (template.yml settings.site_directory)."
  type        = string
  default     = "public"
  validation {
    # idp-validate's rule for a setting of type path (RepositoryPath): no segment starting with ".", no glob characters.
    condition     = can(regex("^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$", var.site_directory))
    error_message = "site_directory: a folder of the repository, segments of letters, digits, _, - and ., none starting with \".\"."
  }
}

variable "index_document" {
  type    = string
  default = "index.html"
  validation {
    condition     = can(regex("^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$", var.index_document))
    error_message = "index_document: a file's path below site_directory, without a leading /."
  }
}

# The files carry no tags: the bucket has them, and tagging each file again on every push (its
# idp:expires-at changes) would cost a request per file.
provider "aws" {
  alias = "files"
}

variable "single_page_app" {
  description = "Answer a path without a file with index_document (403 and 404 from S3 become 200)."
  type        = bool
  default     = false
}

variable "source_root" {
  description = "The repository's checkout on the runner (the provision workflow sets TF_VAR_source_root); empty when destroying."
  type        = string
  default     = ""
}

locals {
  site_root = var.source_root == "" ? "" : "${var.source_root}/${var.site_directory}"
  files     = local.site_root == "" ? toset([]) : fileset(local.site_root, "**")
  content_types = {
    html = "text/html; charset=utf-8", htm = "text/html; charset=utf-8", css = "text/css; charset=utf-8",
    js = "text/javascript; charset=utf-8", mjs = "text/javascript; charset=utf-8", json = "application/json",
    map = "application/json", txt = "text/plain; charset=utf-8", xml = "application/xml", svg = "image/svg+xml",
    png = "image/png", jpg = "image/jpeg", jpeg = "image/jpeg", gif = "image/gif", webp = "image/webp", ico = "image/x-icon",
    woff = "font/woff", woff2 = "font/woff2", wasm = "application/wasm", pdf = "application/pdf",
  }
}

resource "aws_s3_bucket" "site" {
  # checkov:skip=CKV_AWS_18:a preview's files are copies of a commit; access logs would outlive the environment
  # checkov:skip=CKV_AWS_21:every apply uploads the commit's files again; versions would only keep old previews
  # checkov:skip=CKV_AWS_144:a preview lives hours or days; the repository is the copy, not another region
  # checkov:skip=CKV_AWS_145:S3's default encryption (SSE-S3) covers files that are public through CloudFront anyway
  # checkov:skip=CKV2_AWS_62:nothing acts on the bucket's events
  # checkov:skip=CKV2_AWS_61:the bucket is destroyed with the environment; no object outlives its TTL
  bucket_prefix = "idp-site-" # the workflows' role may touch only buckets named so
  force_destroy = true        # its objects are the environment's: destroying it removes them
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_object" "file" {
  provider     = aws.files
  for_each     = local.files
  bucket       = aws_s3_bucket.site.id
  key          = each.value
  source       = "${local.site_root}/${each.value}"
  source_hash  = filemd5("${local.site_root}/${each.value}")
  content_type = lookup(local.content_types, lower(reverse(split(".", each.value))[0]), "application/octet-stream")
}

resource "aws_cloudfront_origin_access_control" "site" {
  name                              = aws_s3_bucket.site.id
  description                       = "CloudFront reads ${var.environment_name}'s bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "site" {
  # checkov:skip=CKV_AWS_68:a WAF (about $5 a month and $1 a rule) is not spent on a preview of public files
  # checkov:skip=CKV2_AWS_47:no WAF, as above; nothing runs behind the distribution that Log4j could reach
  # checkov:skip=CKV_AWS_86:access logs would outlive the environment; CloudFront's own metrics cover a preview
  # checkov:skip=CKV_AWS_174:CloudFront's default certificate (*.cloudfront.net) fixes the TLS policy itself (TLSv1 is its floor)
  # checkov:skip=CKV2_AWS_42:a preview answers on CloudFront's own domain; no certificate of the company's is involved
  # checkov:skip=CKV2_AWS_32:static files of a preview; security headers are the site's own to set
  # checkov:skip=CKV_AWS_310:one origin, the bucket: there is nothing to fail over to
  # checkov:skip=CKV_AWS_374:previews are for the team, wherever they are; no geo restriction
  enabled             = true
  comment             = "idp ${var.environment_name}"
  default_root_object = var.index_document
  price_class         = "PriceClass_100"
  wait_for_deployment = true

  origin {
    domain_name              = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id                = "site"
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" # Managed-CachingDisabled: every push shows at once
  }

  dynamic "custom_error_response" {
    for_each = var.single_page_app ? [403, 404] : []
    content {
      error_code         = custom_error_response.value
      response_code      = 200
      response_page_path = "/${var.index_document}"
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

# Only this distribution reads the files (origin access control), and only over HTTPS.
resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ThisDistributionReads"
        Effect    = "Allow"
        Principal = { Service = "cloudfront.amazonaws.com" }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.site.arn}/*"
        Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.site.arn } }
      },
      {
        Sid       = "HTTPSOnly"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.site.arn, "${aws_s3_bucket.site.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.site]
}

output "endpoint" { value = "https://${aws_cloudfront_distribution.site.domain_name}" }
output "bucket" { value = aws_s3_bucket.site.id }
