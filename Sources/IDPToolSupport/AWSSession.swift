import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime

/// The AWS side of a tool run: configuration from the environment, one client (and so one
/// reused connection) shared by every call, credentials masked before anything can print them.
public struct AWSSession {
    public let client: AWSClient
    public let configuration: AWSConfiguration
    /// Reads in flight at once (`IDP_MAX_CONCURRENCY`, 1 to 256, default 32).
    public let maxConcurrency: Int

    public init(runtime: Runtime) throws(ToolFailure) {
        let configuration: AWSConfiguration
        do { configuration = try AWSConfiguration.fromEnvironment(runtime.context.environment) } catch {
            throw ToolFailure(.usage, [error.diagnostic()])
        }
        runtime.mask(configuration.credentials.secretAccessKey)
        if let token = configuration.credentials.sessionToken { runtime.mask(token) }
        client = AWSClient(configuration: configuration)
        self.configuration = configuration
        let text = runtime.context["IDP_MAX_CONCURRENCY"] ?? "32"
        guard let width = Int(text), (1...256).contains(width) else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "IDP_MAX_CONCURRENCY \(quoted(text)) must be a whole number from 1 to 256")])
        }
        maxConcurrency = width
    }

    /// The state bucket from `--bucket` / `IDP_STATE_BUCKET`.
    public func store(_ args: Arguments) throws(ToolFailure) -> EnvironmentStore {
        let bucket = try args.required("bucket")
        let store = EnvironmentStore(s3: S3Client(client: client, bucket: bucket), sleep: client.sleep)
        // Each reader gets its own client: its own connection and its own standard-mode retry quota.
        let configuration = configuration
        store.makeReader = { S3Client(client: AWSClient(configuration: configuration), bucket: bucket) }
        store.maxConcurrency = maxConcurrency
        return store
    }

    public static let bucketOption = OptionSpec.option("bucket", "name", variable: "IDP_STATE_BUCKET", help: "State bucket holding environments/.")
}

extension AWSError {
    public var exitStatus: ExitStatus {
        if case .service(let status, let code, _, _) = self,
           status == 404 || code.hasSuffix("NotFoundException") || code.hasPrefix("NoSuch") { return .notFound }
        return .remote
    }

    public var failure: ToolFailure { ToolFailure(exitStatus, [diagnostic()]) }
}

extension StoreError {
    public var exitStatus: ExitStatus {
        switch self {
        case .aws(let e): e.exitStatus
        case .notFound: .notFound
        case .unreadable: .invalidInput
        case .transition(.unreadableTTL): .invalidInput  // a record nobody can extend: as unreadable
        case .ownedElsewhere, .tenancy, .transition, .contention, .locked, .notDestroying: .conflict
        case .unreadableObject, .backupUnverified: .remote
        case .compression: .localIO
        }
    }

    public var failure: ToolFailure { ToolFailure(exitStatus, [diagnostic()]) }
}
