{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "StateBucket",
      "Effect": "Allow",
      "Action": ["s3:ListBucket", "s3:GetBucketVersioning"],
      "Resource": "${state_bucket}"
    },
    {
      "Sid": "StateObjects",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      "Resource": ["${state_bucket}/environments/*", "${state_bucket}/backups/*"]
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
      "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"],
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
        "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:ListImages", "ecr:DescribeImages",
        "ecr:BatchDeleteImage"
      ],
      "Resource": "${ecr}"
    },
    {
      "Sid": "ReadOnlyDescribe",
      "Effect": "Allow",
      "Action": [
        "ec2:Describe*", "ecs:Describe*", "ecs:List*", "elasticloadbalancing:Describe*", "rds:Describe*",
        "logs:Describe*", "cloudwatch:Describe*", "events:Describe*", "events:List*", "sns:GetTopicAttributes",
        "sns:ListTagsForResource", "secretsmanager:DescribeSecret", "iam:GetRole", "iam:GetRolePolicy",
        "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "sts:GetCallerIdentity"
      ],
      "Resource": "*"
    },
    {
      "Sid": "CreateOnlyTagged",
      "Effect": "Allow",
      "Action": [
        "ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateInternetGateway", "ec2:CreateNatGateway", "ec2:AllocateAddress",
        "ec2:CreateRouteTable", "ec2:CreateSecurityGroup", "ec2:CreateFlowLogs",
        "ecs:CreateCluster", "ecs:CreateService", "ecs:RegisterTaskDefinition",
        "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:CreateListener",
        "rds:CreateDBInstance", "rds:CreateDBSubnetGroup", "events:PutRule", "sns:CreateTopic",
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
        "ec2:DeleteVpc", "ec2:ModifyVpcAttribute", "ec2:DeleteSubnet", "ec2:AttachInternetGateway", "ec2:DetachInternetGateway",
        "ec2:DeleteInternetGateway", "ec2:DeleteNatGateway", "ec2:ReleaseAddress", "ec2:DisassociateAddress",
        "ec2:CreateRoute", "ec2:DeleteRoute", "ec2:DeleteRouteTable", "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable",
        "ec2:DeleteSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:DeleteFlowLogs",
        "ecs:DeleteCluster", "ecs:UpdateService", "ecs:DeleteService", "ecs:DeregisterTaskDefinition", "ecs:RunTask",
        "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:ModifyListener",
        "rds:DeleteDBInstance", "rds:ModifyDBInstance", "rds:DeleteDBSubnetGroup",
        "events:DeleteRule", "events:PutTargets", "events:RemoveTargets", "sns:DeleteTopic", "sns:Subscribe", "sns:Unsubscribe",
        "cloudwatch:DeleteAlarms", "secretsmanager:DeleteSecret", "secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue",
        "logs:DeleteLogGroup", "logs:PutRetentionPolicy"
      ],
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:ResourceTag/idp:managed": "true" } }
    },
    {
      "Sid": "RolesUnderIdpPath",
      "Effect": "Allow",
      "Action": [
        "iam:CreateRole", "iam:DeleteRole", "iam:TagRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
        "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PassRole"
      ],
      "Resource": "arn:${partition}:iam::${account}:role/idp/*"
    },
    {
      "Sid": "LogGroupsUnderIdp",
      "Effect": "Allow",
      "Action": ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:TagResource", "logs:ListTagsForResource"],
      "Resource": "arn:${partition}:logs:${region}:${account}:log-group:/idp/*"
    }
  ]
}
