import IDPCore
import IDPHTTP

/// The read-only calls `idp doctor` makes of the bootstrap's resources; none changes anything.
extension S3Client {
    /// Whether the bucket exists and this caller may read it (HeadBucket: 404 or 403 is no).
    public func bucketExists() throws(AWSError) -> Bool {
        do {
            _ = try client.send(request("HEAD"), service: .s3, operation: "s3:HeadBucket")
            return true
        } catch where error.status == 404 || error.status == 403 || error.status == 301 {
            return false
        }
    }

    /// `Enabled`, `Suspended`, or nil when versioning was never configured.
    public func versioning() throws(AWSError) -> String? {
        try configuration("versioning", operation: "s3:GetBucketVersioning")?["Status"]
    }

    /// The default encryption's algorithm, nil when the bucket has none.
    public func encryptionAlgorithm() throws(AWSError) -> String? {
        let xml = try configuration("encryption", operation: "s3:GetBucketEncryption", missing: "ServerSideEncryptionConfigurationNotFoundError")
        return xml?.child("Rule")?.child("ApplyServerSideEncryptionByDefault")?["SSEAlgorithm"]
    }

    /// The bucket's public access block settings; empty when it has none.
    public func publicAccessBlock() throws(AWSError) -> [String: Bool] {
        guard let xml = try configuration("publicAccessBlock", operation: "s3:GetPublicAccessBlock", missing: "NoSuchPublicAccessBlockConfiguration") else { return [:] }
        var settings: [String: Bool] = [:]
        for child in xml.children { settings[child.name] = child.text == "true" }
        return settings
    }

    private func configuration(_ name: String, operation: String, missing: String? = nil) throws(AWSError) -> XMLElement? {
        let response: HTTPResponse
        do { response = try client.send(request("GET", query: [(name, "")]), service: .s3, operation: operation) } catch where missing != nil && error.serviceCode == missing {
            return nil
        }
        do { return try XMLElement.parse(response.body) } catch { throw AWSError.malformed(error.description, operation: operation) }
    }
}

extension DynamoDBClient {
    /// The table's hash key name and type, or nil when there is no such table.
    public func hashKey() throws(AWSError) -> (name: String, type: String)? {
        let output: JSONValue
        do { output = try call("DescribeTable", .object(["TableName": .string(table)])) } catch where error.serviceCode == "ResourceNotFoundException" {
            return nil
        }
        guard case .array(let schema)? = output["Table"]?["KeySchema"],
              let name = schema.first(where: { $0["KeyType"]?.stringValue == "HASH" })?["AttributeName"]?.stringValue else { return ("", "") }
        var type = ""
        if case .array(let attributes)? = output["Table"]?["AttributeDefinitions"] {
            type = attributes.first { $0["AttributeName"]?.stringValue == name }?["AttributeType"]?.stringValue ?? ""
        }
        return (name, type)
    }
}

extension ECRClient {
    /// The repository's tag mutability, or nil when there is no such repository.
    public func tagMutability(repository: String) throws(AWSError) -> String? {
        let output: JSONValue
        do { output = try call("DescribeRepositories", .object(["repositoryNames": .array([.string(repository)])])) } catch where error.serviceCode == "RepositoryNotFoundException" {
            return nil
        }
        guard case .array(let list)? = output["repositories"], let first = list.first else { return nil }
        return first["imageTagMutability"]?.stringValue ?? "MUTABLE"
    }

    /// Whether the repository has a lifecycle policy.
    public func hasLifecyclePolicy(repository: String) throws(AWSError) -> Bool {
        do { return try call("GetLifecyclePolicy", .object(["repositoryName": .string(repository)]))["lifecyclePolicyText"] != nil }
        catch where error.serviceCode == "LifecyclePolicyNotFoundException" { return false }
    }
}

/// IAM over its Query protocol (XML), read-only: the role, its trust, the OIDC provider, a policy.
public struct IAMClient {
    public let client: AWSClient
    static let version = "2010-05-08"

    public init(client: AWSClient) { self.client = client }

    /// The role's trust policy document (decoded from IAM's URL encoding), or nil when there is no such role.
    public func trustPolicy(roleName: String) throws(AWSError) -> String? {
        do {
            let result = try client.callQuery(.iam, version: Self.version, action: "GetRole", [("RoleName", roleName)])
            return percentDecode(result.child("Role")?["AssumeRolePolicyDocument"] ?? "")
        } catch where error.serviceCode == "NoSuchEntity" {
            return nil
        }
    }

    /// The provider's client ids (audiences), or nil when there is no such provider.
    public func openIDConnectClientIDs(arn: String) throws(AWSError) -> [String]? {
        do {
            let result = try client.callQuery(.iam, version: Self.version, action: "GetOpenIDConnectProvider", [("OpenIDConnectProviderArn", arn)])
            return result.child("ClientIDList")?.all("member").map(\.text) ?? []
        } catch where error.serviceCode == "NoSuchEntity" {
            return nil
        }
    }

    public func policyExists(arn: String) throws(AWSError) -> Bool {
        do {
            _ = try client.callQuery(.iam, version: Self.version, action: "GetPolicy", [("PolicyArn", arn)])
            return true
        } catch where error.serviceCode == "NoSuchEntity" {
            return false
        }
    }
}
