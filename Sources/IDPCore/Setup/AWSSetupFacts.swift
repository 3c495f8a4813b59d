/// What `idp doctor` read of the AWS side (IDPPlatform's `SetupInspection` fills it); nil fields
/// are what could not be read, which the rules report as such rather than guess.
public struct AWSSetupFacts: Sendable, Equatable {
    public struct Bucket: Sendable, Equatable {
        public var name: String
        public var exists: Bool
        /// `Enabled`, `Suspended`, or nil when versioning was never turned on.
        public var versioning: String?
        /// The default encryption's algorithm (`aws:kms`, `AES256`), nil when none is configured.
        public var encryption: String?
        /// The four settings of the bucket's public access block; empty when it has none.
        public var publicAccessBlock: [String: Bool]

        public init(name: String, exists: Bool, versioning: String? = nil, encryption: String? = nil, publicAccessBlock: [String: Bool] = [:]) {
            self.name = name
            self.exists = exists
            self.versioning = versioning
            self.encryption = encryption
            self.publicAccessBlock = publicAccessBlock
        }
    }

    public struct LockTable: Sendable, Equatable {
        public var name: String
        public var exists: Bool
        /// The hash key's name and type, `LockID` of type `S` for OpenTofu.
        public var hashKey: String?
        public var hashKeyType: String?

        public init(name: String, exists: Bool, hashKey: String? = nil, hashKeyType: String? = nil) {
            self.name = name
            self.exists = exists
            self.hashKey = hashKey
            self.hashKeyType = hashKeyType
        }
    }

    public struct Repository: Sendable, Equatable {
        public var name: String
        public var exists: Bool
        public var tagMutability: String?
        public var hasLifecyclePolicy: Bool

        public init(name: String, exists: Bool, tagMutability: String? = nil, hasLifecyclePolicy: Bool = false) {
            self.name = name
            self.exists = exists
            self.tagMutability = tagMutability
            self.hasLifecyclePolicy = hasLifecyclePolicy
        }
    }

    public struct Role: Sendable, Equatable {
        public var arn: String
        public var exists: Bool
        public var trust: TrustPolicy?

        public init(arn: String, exists: Bool, trust: TrustPolicy? = nil) {
            self.arn = arn
            self.exists = exists
            self.trust = trust
        }
    }

    public struct Provider: Sendable, Equatable {
        public var arn: String
        public var exists: Bool
        public var clientIDs: [String]

        public init(arn: String, exists: Bool, clientIDs: [String] = []) {
            self.arn = arn
            self.exists = exists
            self.clientIDs = clientIDs
        }
    }

    public var bucket: Bucket
    public var lockTable: LockTable?
    public var repository: Repository
    public var role: Role
    /// The OIDC providers the role trusts.
    public var providers: [Provider]
    /// Whether the permissions boundary every created role must carry exists (nil: not checked).
    public var boundaryExists: Bool?
    public var boundaryARN: String?

    public init(bucket: Bucket, lockTable: LockTable?, repository: Repository, role: Role, providers: [Provider] = [],
                boundaryExists: Bool? = nil, boundaryARN: String? = nil) {
        self.bucket = bucket
        self.lockTable = lockTable
        self.repository = repository
        self.role = role
        self.providers = providers
        self.boundaryExists = boundaryExists
        self.boundaryARN = boundaryARN
    }
}
