import IDPCore
import IDPHTTP

/// Credentials as the environment gives them (e.g. from configure-aws-credentials via OIDC).
public struct AWSCredentials: Sendable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// The AWS services the tools call, with their signing names and endpoint variables.
public enum AWSService: String, Sendable {
    case s3, ecr, dynamodb, ecs, rds, events
    case cloudwatch = "monitoring"
    /// Cost Explorer: one endpoint per partition, signed for its region whatever the client's.
    case ce
    /// The Resource Groups Tagging API.
    case tagging
    /// IAM: one global endpoint per partition, signed for its home region.
    case iam
    /// What the orphan sweep deletes besides: load balancers, security groups, log groups, topics, secrets.
    case elasticloadbalancing, ec2, logs, sns, secretsmanager

    /// The `AWS_ENDPOINT_URL_<ID>` suffix (service ID upper-cased: EventBridge's is "EventBridge").
    var environmentID: String {
        switch self {
        case .events: "EVENTBRIDGE"
        case .cloudwatch: "CLOUDWATCH"
        case .elasticloadbalancing: "ELASTIC_LOAD_BALANCING_V2"
        case .logs: "CLOUDWATCH_LOGS"
        case .secretsmanager: "SECRETS_MANAGER"
        default: rawValue.uppercased()
        }
    }
    var signingName: String { rawValue }

    /// The region requests are signed for: the client's, except for Cost Explorer.
    func signingRegion(_ region: String) -> String {
        if self == .iam { return region.hasPrefix("cn-") ? "cn-north-1" : region.hasPrefix("us-gov-") ? "us-gov-west-1" : "us-east-1" }
        guard self == .ce else { return region }
        return region.hasPrefix("cn-") ? "cn-northwest-1" : "us-east-1"
    }

    func defaultEndpoint(region: String) -> String {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        switch self {
        case .s3: return "https://s3.\(region).\(suffix)"
        case .ecr: return "https://api.ecr.\(region).\(suffix)"
        case .dynamodb: return "https://dynamodb.\(region).\(suffix)"
        case .ecs: return "https://ecs.\(region).\(suffix)"
        case .rds: return "https://rds.\(region).\(suffix)"
        case .events: return "https://events.\(region).\(suffix)"
        case .cloudwatch: return "https://monitoring.\(region).\(suffix)"
        case .tagging: return "https://tagging.\(region).\(suffix)"
        case .elasticloadbalancing, .ec2, .logs, .sns, .secretsmanager: return "https://\(rawValue).\(region).\(suffix)"
        case .ce: return region.hasPrefix("cn-") ? "https://ce.cn-northwest-1.amazonaws.com.cn" : "https://ce.us-east-1.amazonaws.com"
        case .iam:
            if region.hasPrefix("cn-") { return "https://iam.cn-north-1.amazonaws.com.cn" }
            return region.hasPrefix("us-gov-") ? "https://iam.us-gov.amazonaws.com" : "https://iam.amazonaws.com"
        }
    }
}

/// Region, endpoints, credentials and retry settings, resolved from the environment exactly as the
/// AWS SDKs and CLI do (CONVENTIONS.md #12, #13).
public struct AWSConfiguration: Sendable {
    public var region: String
    public var credentials: AWSCredentials
    public var maxAttempts: Int
    /// Custom endpoints by service; nil means the public AWS endpoint.
    public var customEndpoints: [String: Endpoint]

    public init(region: String, credentials: AWSCredentials, maxAttempts: Int = 3, customEndpoints: [String: Endpoint] = [:]) {
        self.region = region
        self.credentials = credentials
        self.maxAttempts = maxAttempts
        self.customEndpoints = customEndpoints
    }

    /// Reads `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL[_<SERVICE>]`,
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, the credential variables and `AWS_MAX_ATTEMPTS`.
    public static func fromEnvironment(_ env: [String: String]) throws(AWSConfigError) -> AWSConfiguration {
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") else { throw .noRegion }
        guard let key = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") else { throw .noCredentials }
        var attempts = 3
        if let text = value("AWS_MAX_ATTEMPTS") {
            guard let n = Int(text), n >= 1 else { throw .maxAttempts(text) }
            attempts = n
        }
        if let mode = value("AWS_RETRY_MODE"), !["standard", "legacy", "adaptive"].contains(mode) { throw .retryMode(mode) }
        var endpoints: [String: Endpoint] = [:]
        if value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() != "true" {
            for service in [AWSService.s3, .ecr, .dynamodb, .ecs, .rds, .events, .cloudwatch, .ce, .tagging, .iam,
                            .elasticloadbalancing, .ec2, .logs, .sns, .secretsmanager] {
                let variable = "AWS_ENDPOINT_URL_\(service.environmentID)"
                if let text = value(variable) ?? value("AWS_ENDPOINT_URL") {
                    guard let endpoint = Endpoint(text) else { throw .endpoint(variable, text) }
                    endpoints[service.rawValue] = endpoint
                }
            }
        }
        return AWSConfiguration(region: region, credentials: AWSCredentials(accessKeyID: key, secretAccessKey: secret,
            sessionToken: value("AWS_SESSION_TOKEN")), maxAttempts: attempts, customEndpoints: endpoints)
    }

    public func endpoint(for service: AWSService) -> Endpoint {
        customEndpoints[service.rawValue] ?? Endpoint(service.defaultEndpoint(region: region))!
    }

    /// Whether S3 must be addressed path-style: always with a custom endpoint, as botocore does.
    public var s3PathStyle: Bool { customEndpoints[AWSService.s3.rawValue] != nil }
}

public enum AWSConfigError: DiagnosticConvertible, Equatable {
    case noRegion
    case noCredentials
    case maxAttempts(String)
    case retryMode(String)
    case endpoint(String, String)

    public var code: String { "aws.config" }
    public var message: String {
        switch self {
        case .noRegion: "no AWS region; set AWS_REGION (or AWS_DEFAULT_REGION)"
        case .noCredentials: "no AWS credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for a role)"
        case .maxAttempts(let t): "AWS_MAX_ATTEMPTS \(quoted(t)) must be a whole number of at least 1"
        case .retryMode(let m): "AWS_RETRY_MODE \(quoted(m)) is not one of standard, legacy, adaptive"
        case .endpoint(let v, let t): "\(v) \(quoted(t)) is not an http(s) URL"
        }
    }
}
