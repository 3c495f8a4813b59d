/// The rules `idp doctor` applies to the live setup; each returns findings, never throws, does no I/O.
public enum SetupRules {}

extension SetupRules {
    static let bootstrap = "tofu -chdir=infrastructure/bootstrap apply"

    /// The AWS side: the state bucket, the lock table, the image repository, the role, its trust
    /// and OIDC provider, and the permissions boundary.
    public static func aws(_ facts: AWSSetupFacts, expecting expected: SetupExpectations) -> [SetupFinding] {
        var findings = bucket(facts.bucket)
        if let table = facts.lockTable {
            let subject = "lock table \(table.name)"
            if !table.exists {
                findings.append(SetupFinding(code: "aws.lock-table.missing", subject: subject, what: "the DynamoDB table \(quoted(table.name)) does not exist",
                                             why: "OpenTofu cannot take its state lock, so every apply and destroy fails",
                                             fix: "\(bootstrap) (output lock_table), or set lock_table: \"\" in platform.yml to use S3-native locking (OpenTofu 1.10 and later)"))
            } else if table.hashKey != "LockID" || table.hashKeyType != "S" {
                findings.append(SetupFinding(code: "aws.lock-table.key", subject: subject,
                                             what: "the table's hash key is \(quoted(table.hashKey ?? "none")) of type \(table.hashKeyType ?? "none"), not \"LockID\" of type S",
                                             why: "OpenTofu's S3 backend writes its locks under LockID and fails on any other key",
                                             fix: "create a table with hash key LockID (S) (\(bootstrap) does) and set lock_table in platform.yml to it"))
            }
        }
        findings += repository(facts.repository)
        findings += role(facts, expected)
        return findings
    }

    static func bucket(_ bucket: AWSSetupFacts.Bucket) -> [SetupFinding] {
        let subject = "s3://\(bucket.name)"
        guard bucket.exists else {
            return [SetupFinding(code: "aws.bucket.missing", subject: subject, what: "the state bucket \(quoted(bucket.name)) does not exist or cannot be read",
                                 why: "every environment's record and OpenTofu state live there; no run can start",
                                 fix: "\(bootstrap) (output state_bucket), or set state_bucket in platform.yml to the bucket it created")]
        }
        var findings: [SetupFinding] = []
        if bucket.versioning != "Enabled" {
            findings.append(SetupFinding(code: "aws.bucket.versioning", subject: subject, what: "versioning is \(bucket.versioning ?? "off")",
                                         why: "an overwritten or deleted state file cannot be recovered, and the environment's resources are then orphaned",
                                         fix: "aws s3api put-bucket-versioning --bucket \(bucket.name) --versioning-configuration Status=Enabled"))
        }
        if bucket.encryption == nil {
            findings.append(SetupFinding(code: "aws.bucket.encryption", subject: subject, what: "the bucket has no default encryption",
                                         why: "state files hold resource attributes and outputs, sometimes secrets",
                                         fix: "aws s3api put-bucket-encryption --bucket \(bucket.name) --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\"}}]}'"))
        }
        let blocks = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
        let open = blocks.filter { bucket.publicAccessBlock[$0] != true }
        if !open.isEmpty {
            findings.append(SetupFinding(code: "aws.bucket.public-access", subject: subject, what: "the public access block does not set \(open.joined(separator: ", "))",
                                         why: "one policy or ACL mistake would make every environment's state public",
                                         fix: "aws s3api put-public-access-block --bucket \(bucket.name) --public-access-block-configuration " + blocks.map { "\($0)=true" }.joined(separator: ",")))
        }
        return findings
    }

    static func repository(_ repository: AWSSetupFacts.Repository) -> [SetupFinding] {
        let subject = "ecr \(repository.name)"
        guard repository.exists else {
            return [SetupFinding(code: "aws.ecr.missing", subject: subject, what: "the image repository \(quoted(repository.name)) does not exist",
                                 why: "provision.yml cannot push the pull request's image",
                                 fix: "\(bootstrap) (output ecr_repository), or set ecr_repository in platform.yml to the repository it created")]
        }
        var findings: [SetupFinding] = []
        if repository.tagMutability != "IMMUTABLE" {
            findings.append(SetupFinding(code: "aws.ecr.mutable-tags", subject: subject, what: "image tags are \(repository.tagMutability ?? "MUTABLE")",
                                         why: "a push under another environment's tag would replace the image that environment runs",
                                         fix: "aws ecr put-image-tag-mutability --repository-name \(repository.name) --image-tag-mutability IMMUTABLE"))
        }
        if !repository.hasLifecyclePolicy {
            findings.append(SetupFinding(.warning, code: "aws.ecr.lifecycle", subject: subject, what: "the repository has no lifecycle policy",
                                         why: "untagged layers left by failed pushes are kept and billed for ever",
                                         fix: "\(bootstrap) (infrastructure/modules/ecr-preview sets the rule that expires untagged images after a day)"))
        }
        return findings
    }
}
