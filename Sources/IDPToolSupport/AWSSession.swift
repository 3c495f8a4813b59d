import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime

/// The AWS side of a tool run: configuration from the environment, one client (and so one
/// reused connection) shared by every call, credentials masked before anything can print them.
public struct AWSSession {
    public let client: AWSClient

    public init(runtime: Runtime) throws(ToolFailure) {
        let configuration: AWSConfiguration
        do { configuration = try AWSConfiguration.fromEnvironment(runtime.context.environment) } catch {
            throw ToolFailure(.usage, [error.diagnostic()])
        }
        runtime.mask(configuration.credentials.secretAccessKey)
        if let token = configuration.credentials.sessionToken { runtime.mask(token) }
        client = AWSClient(configuration: configuration)
    }

    /// The state bucket from `--bucket` / `IDP_STATE_BUCKET`.
    public func store(_ args: Arguments) throws(ToolFailure) -> EnvironmentStore {
        EnvironmentStore(s3: S3Client(client: client, bucket: try args.required("bucket")), sleep: client.sleep)
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
        case .ownedElsewhere, .transition, .contention, .locked, .notDestroying: .conflict
        case .unreadableObject, .backupUnverified: .remote
        case .compression: .localIO
        }
    }

    public var failure: ToolFailure { ToolFailure(exitStatus, [diagnostic()]) }
}
