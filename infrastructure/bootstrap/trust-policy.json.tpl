{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PlatformWorkflowsOnly",
      "Effect": "Allow",
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Principal": { "Federated": "${provider_arn}" },
      "Condition": {
        "StringEquals": { "${issuer_host}:aud": "sts.amazonaws.com" },
        "StringLike": { "${issuer_host}:sub": ${subjects} }
      }
    }
  ]
}
