{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ChangeOnlyTagged",
      "Effect": "Allow",
      "Action": [
        "ec2:CreateTags", "ec2:DeleteTags", "ec2:DeleteSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules",
        "ecs:TagResource", "ecs:UntagResource", "ecs:UpdateCluster", "ecs:DeleteCluster", "ecs:UpdateService", "ecs:DeleteService",
        "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags", "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteListener", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities", "elasticloadbalancing:DeleteRule",
        "rds:AddTagsToResource", "rds:RemoveTagsFromResource", "rds:DeleteDBInstance", "rds:ModifyDBInstance", "rds:ModifyDBSubnetGroup",
        "rds:DeleteDBSubnetGroup", "rds:StopDBInstance", "rds:StartDBInstance",
        "events:TagResource", "events:UntagResource", "events:DeleteRule", "events:PutTargets", "events:RemoveTargets",
        "events:EnableRule", "events:DisableRule",
        "sns:TagResource", "sns:UntagResource", "sns:SetTopicAttributes", "sns:DeleteTopic", "sns:Subscribe", "sns:Unsubscribe",
        "sns:SetSubscriptionAttributes",
        "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:DeleteAlarms", "cloudwatch:DisableAlarmActions",
        "cloudwatch:EnableAlarmActions",
        "secretsmanager:TagResource", "secretsmanager:UntagResource", "secretsmanager:UpdateSecret", "secretsmanager:DeleteSecret",
        "secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue", "secretsmanager:UpdateSecretVersionStage",
        "cloudfront:TagResource", "cloudfront:UntagResource", "cloudfront:UpdateDistribution", "cloudfront:DeleteDistribution"
      ],
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:ResourceTag/idp:managed": "true" } }
    },
    {
      "Sid": "StaticSiteBuckets",
      "Effect": "Allow",
      "Action": [
        "s3:CreateBucket", "s3:ListBucket", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS", "s3:GetBucketWebsite",
        "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment", "s3:GetBucketLogging",
        "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration",
        "s3:GetBucketObjectLockConfiguration", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:ListTagsForResource", "s3:TagResource",
        "s3:UntagResource", "s3:DeleteBucket", "s3:ListBucketVersions", "s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock",
        "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"
      ],
      "Resource": "arn:${partition}:s3:::idp-site-*"
    },
    {
      "Sid": "StaticSiteObjects",
      "Effect": "Allow",
      "Action": ["s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload", "s3:GetObject", "s3:GetObjectTagging", "s3:DeleteObjectTagging",
                 "s3:DeleteObject", "s3:DeleteObjectVersion"],
      "Resource": "arn:${partition}:s3:::idp-site-*/*"
    },
    {
      "Sid": "StaticSiteOriginAccess",
      "Effect": "Allow",
      "Action": ["cloudfront:CreateOriginAccessControl", "cloudfront:UpdateOriginAccessControl", "cloudfront:DeleteOriginAccessControl"],
      "Resource": "*"
    },
    {
      "Sid": "ThePlatformsIdentityProviderSecret",
      "Effect": "Allow",
      "Action": "secretsmanager:GetSecretValue",
      "Resource": "arn:${partition}:secretsmanager:${region}:${account}:secret:idp-platform/*"
    },
    {
      "Sid": "TaskDefinitionRevisions",
      "Effect": "Allow",
      "Action": ["ecs:DeregisterTaskDefinition", "ecs:DeleteTaskDefinitions"],
      "Resource": "*"
    },
    {
      "Sid": "LogGroupsOfEnvironments",
      "Effect": "Allow",
      "Action": ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:TagResource",
                 "logs:UntagResource", "logs:ListTagsForResource"],
      "Resource": ["arn:${partition}:logs:${region}:${account}:log-group:/idp/*", "arn:${partition}:logs:${region}:${account}:log-group:/aws/rds/instance/*"]
    },
    {
      "Sid": "PreviewHostNames",
      "Effect": "Allow",
      "Action": "route53:ChangeResourceRecordSets",
      "Resource": "arn:${partition}:route53:::hostedzone/*",
      "Condition": { "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["*.${preview_domain}"] } }
    }
  ]
}
