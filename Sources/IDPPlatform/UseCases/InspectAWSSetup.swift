import IDPAWS
import IDPCore

/// Reads, never writes, the bootstrap's resources that platform.yml names, for `idp doctor`.
public struct AWSSetupInspection {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func inspect(settings: PlatformSettings) throws(AWSError) -> AWSSetupFacts {
        let bucketName = settings.stateBucket ?? ""
        let s3 = S3Client(client: client, bucket: bucketName)
        var bucket = AWSSetupFacts.Bucket(name: bucketName, exists: bucketName.isEmpty ? false : try s3.bucketExists())
        if bucket.exists {
            bucket.versioning = try s3.versioning()
            bucket.encryption = try s3.encryptionAlgorithm()
            bucket.publicAccessBlock = try s3.publicAccessBlock()
        }
        var table: AWSSetupFacts.LockTable?
        if let name = settings.lockTable, !name.isEmpty {
            let key = try DynamoDBClient(client: client, table: name).hashKey()
            table = .init(name: name, exists: key != nil, hashKey: key?.name, hashKeyType: key?.type)
        }
        let ecr = ECRClient(client: client)
        let repositoryName = settings.ecrRepository ?? ""
        let mutability = repositoryName.isEmpty ? nil : try ecr.tagMutability(repository: repositoryName)
        let repository = AWSSetupFacts.Repository(name: repositoryName, exists: mutability != nil, tagMutability: mutability,
                                                  hasLifecyclePolicy: mutability == nil ? false : try ecr.hasLifecyclePolicy(repository: repositoryName))
        let roleARN = settings.roleARN ?? ""
        let iam = IAMClient(client: client)
        // arn:<partition>:iam::<account>:role/<path>/<name>: IAM's ARNs have no region.
        let parts = roleARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        let (partition, account) = parts.count == 6 ? (parts[1], parts[4]) : ("aws", "")
        let roleName = parts.count == 6 && parts[5].hasPrefix("role/") ? String(parts[5].split(separator: "/").last ?? "") : ""
        let document = roleName.isEmpty ? nil : try iam.trustPolicy(roleName: roleName)
        var role = AWSSetupFacts.Role(arn: roleARN, exists: document != nil)
        if let document, let json = try? JSONValue.parse(document) { role.trust = TrustPolicy(json) }
        var facts = AWSSetupFacts(bucket: bucket, lockTable: table, repository: repository, role: role)
        for provider in role.trust?.federatedProviders ?? [] where provider.contains(":oidc-provider/") {
            let audiences = try iam.openIDConnectClientIDs(arn: provider)
            facts.providers.append(.init(arn: provider, exists: audiences != nil, clientIDs: audiences ?? []))
        }
        if !account.isEmpty {
            let boundary = "arn:\(partition):iam::\(account):policy/idp/idp-preview-boundary"
            facts.boundaryARN = boundary
            facts.boundaryExists = try iam.policyExists(arn: boundary)
        }
        return facts
    }
}
