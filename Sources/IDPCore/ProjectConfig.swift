/// A repository's `.idp/config.yml`, with every default filled in.
///
/// The keys are those of the platform's "Per-Repo Configuration" plus `schedule` (for a
/// scheduled template), `image` and `health_check_path`, and those a template declares itself.
public struct ProjectConfig: Sendable, Equatable {
    /// Nil: the catalog's default template.
    public var template: TemplateName?
    /// Image used when the repository builds none (no Dockerfile).
    public var image = "nginx:alpine"
    public var containerPort = 80
    public var healthCheckPath = "/"
    public var ttl = try! TTL.parse("7d")
    /// Fargate CPU units.
    public var cpu = 256
    /// Fargate memory in MiB.
    public var memory = 512
    /// Days; nil means "matched to the TTL".
    public var logRetentionDays: Int?
    public var dockerfile = "Dockerfile"
    public var buildContext = "."
    /// Plain container environment variables.
    public var environment: [String: String] = [:]
    /// Container variables read from Secrets Manager: name → secret ARN (ECS `valueFrom`).
    public var secrets: [String: String] = [:]
    /// EventBridge schedule; required by a template of workload `scheduled` and used by nothing else.
    public var schedule: String?
    /// False: the environment stays awake outside the platform's awake hours (`sleep: false`).
    public var sleep = true
    /// Who may open the URL, narrowing the platform's `access:` (nil: the platform's).
    public var access: AccessMode?
    /// Values of the keys a template declares (its `settings:`), checked against its declaration.
    public var settings: [String: JSONValue] = [:]

    public init() {}

    /// Every key the file may hold, in documentation order.
    public static let keys = [
        "template", "image", "container_port", "health_check_path", "ttl", "cpu", "memory",
        "log_retention_days", "dockerfile", "build_context", "environment", "secrets", "schedule", "sleep", "access",
    ]

    /// The largest config (or platform settings) file read: far beyond any real one.
    public static let maxFileBytes = 1 << 20

    /// Where repositories keep the file, relative to the repository root.
    public static let defaultPath = ".idp/config.yml"

    /// Log retention in days: the configured value, else the smallest allowed one covering the TTL.
    public var effectiveLogRetentionDays: Int {
        logRetentionDays ?? LogRetention.covering(ttl)
    }
}
