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
        "route53:ListHostedZones", "route53:GetHostedZone", "route53:ListTagsForResource", "route53:ListResourceRecordSets", "route53:GetChange"
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
        "cloudwatch:PutMetricAlarm", "secretsmanager:CreateSecret", "logs:CreateLogGroup"
      ],
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:RequestTag/idp:managed": "true" } }
    },
    {
      "Sid": "TagOnCreate",
      "Effect": "Allow",
      "Action": ["ec2:CreateTags", "elasticloadbalancing:AddTags", "ecs:TagResource", "rds:AddTagsToResource",
                 "events:TagResource", "sns:TagResource", "cloudwatch:TagResource", "secretsmanager:TagResource", "logs:TagResource"],
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:RequestTag/idp:managed": "true" } }
    },
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
        "secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue", "secretsmanager:UpdateSecretVersionStage"
      ],
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:ResourceTag/idp:managed": "true" } }
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
    },
    {
      "Sid": "RolesOnlyWithTheBoundary",
      "Effect": "Allow",
      "Action": ["iam:CreateRole", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy",
                 "iam:DetachRolePolicy"],
      "Resource": "arn:${partition}:iam::${account}:role/idp/*",
      "Condition": { "StringEquals": { "iam:PermissionsBoundary": "${boundary}" } }
    },
    {
      "Sid": "EnvironmentRoles",
      "Effect": "Allow",
      "Action": ["iam:TagRole", "iam:UntagRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole"],
      "Resource": "arn:${partition}:iam::${account}:role/idp/*",
      "Condition": { "StringLike": { "aws:ResourceTag/idp:environment": "?*" } }
    },
    {
      "Sid": "TagRolesOnCreate",
      "Effect": "Allow",
      "Action": "iam:TagRole",
      "Resource": "arn:${partition}:iam::${account}:role/idp/*",
      "Condition": { "StringLike": { "aws:RequestTag/idp:environment": "?*" } }
    },
    {
      "Sid": "ReadRoles",
      "Effect": "Allow",
      "Action": ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListRoleTags"],
      "Resource": "arn:${partition}:iam::${account}:role/idp/*"
    },
    {
      "Sid": "PassRolesToTasksAndSchedules",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:${partition}:iam::${account}:role/idp/*",
      "Condition": { "StringEquals": { "iam:PassedToService": ["ecs-tasks.amazonaws.com", "events.amazonaws.com"] } }
    },
    {
      "Sid": "FirstUseOfEcsElbRds",
      "Effect": "Allow",
      "Action": "iam:CreateServiceLinkedRole",
      "Resource": "*",
      "Condition": { "StringEquals": { "iam:AWSServiceName": ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com"] } }
    },
    {
      "Sid": "DenyBoundaryRemoval",
      "Effect": "Deny",
      "Action": "iam:DeleteRolePermissionsBoundary",
      "Resource": "*"
    },
    {
      "Sid": "DenyAnyOtherManagedPolicy",
      "Effect": "Deny",
      "Action": "iam:AttachRolePolicy",
      "Resource": "*",
      "Condition": { "ArnNotEquals": { "iam:PolicyARN": "arn:${partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" } }
    },
    {
      "Sid": "DenyChangingItselfOrTheBoundary",
      "Effect": "Deny",
      "Action": "iam:*",
      "Resource": ["${own_role}", "${boundary}"]
    }
  ]
}
