{
  "Version": "2012-10-17",
  "Statement": [
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
