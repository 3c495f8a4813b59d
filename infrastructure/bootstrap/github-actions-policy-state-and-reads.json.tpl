{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "StateBucket",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "${state_bucket}"
    },
    {
      "Sid": "StateObjects",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      "Resource": ["${state_bucket}/environments/*", "${state_bucket}/backups/*", "${state_bucket}/platform/*"]
    },
    {
      "Sid": "StateKey",
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      "Resource": "${kms_key}"
    },
    {
      "Sid": "LockTable",
      "Effect": "Allow",
      "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
      "Resource": "${lock_table}"
    },
    {
      "Sid": "EcrLogin",
      "Effect": "Allow",
      "Action": "ecr:GetAuthorizationToken",
      "Resource": "*"
    },
    {
      "Sid": "EcrPreviewRepository",
      "Effect": "Allow",
      "Action": [
        "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
        "ecr:PutImage", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:BatchDeleteImage"
      ],
      "Resource": "${ecr}"
    },
    {
      "Sid": "ReadOnly",
      "Effect": "Allow",
      "Action": [
        "sts:GetCallerIdentity",
        "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeRouteTables", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
        "ec2:DescribeSecurityGroupRules", "ec2:DescribeNetworkInterfaces",
        "ecs:DescribeClusters", "ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:ListTagsForResource",
        "ecs:ListServiceDeployments", "ecs:DescribeServiceDeployments",
        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeCapacityReservation", "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerAttributes", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTags",
        "rds:DescribeDBInstances", "rds:DescribeDBSubnetGroups", "rds:ListTagsForResource",
        "logs:DescribeLogGroups", "logs:ListTagsForResource",
        "cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource",
        "events:DescribeRule", "events:ListTargetsByRule", "events:ListTagsForResource",
        "sns:GetTopicAttributes", "sns:GetSubscriptionAttributes", "sns:ListTagsForResource",
        "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy",
        "ce:GetCostAndUsage", "tag:GetResources",
        "route53:ListHostedZones", "route53:GetHostedZone", "route53:ListTagsForResource", "route53:ListResourceRecordSets", "route53:GetChange",
        "cloudfront:GetDistribution", "cloudfront:ListTagsForResource", "cloudfront:GetOriginAccessControl"
      ],
      "Resource": "*"
    },
    {
      "Sid": "CreateOnlyTagged",
      "Effect": "Allow",
      "Action": [
        "ec2:CreateSecurityGroup", "ecs:CreateCluster", "ecs:CreateService", "ecs:RegisterTaskDefinition",
        "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:CreateRule", "rds:CreateDBInstance", "rds:CreateDBSubnetGroup", "events:PutRule", "sns:CreateTopic",
        "cloudwatch:PutMetricAlarm", "secretsmanager:CreateSecret", "logs:CreateLogGroup", "cloudfront:CreateDistribution"
      ],
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:RequestTag/idp:managed": "true" } }
    },
    {
      "Sid": "TagOnCreate",
      "Effect": "Allow",
      "Action": ["ec2:CreateTags", "elasticloadbalancing:AddTags", "ecs:TagResource", "rds:AddTagsToResource",
                 "events:TagResource", "sns:TagResource", "cloudwatch:TagResource", "secretsmanager:TagResource", "logs:TagResource",
                 "cloudfront:TagResource"],
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:RequestTag/idp:managed": "true" } }
    }
  ]
}
