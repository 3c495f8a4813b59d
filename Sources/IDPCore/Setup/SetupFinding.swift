/// One thing `idp doctor` found wrong with the live setup: what, why it matters, and the exact
/// command or setting that fixes it. Rendered as the one diagnostic type, subject = where it is.
public struct SetupFinding: Sendable, Equatable {
    public var severity: Severity
    /// A stable code such as `aws.bucket.versioning`, documented in docs/tools.md.
    public var code: String
    /// Where: `s3://bucket`, `acme/mini-idp`, `role idp-github-actions`.
    public var subject: String
    public var what: String
    public var why: String
    public var fix: String

    public init(_ severity: Severity = .error, code: String, subject: String, what: String, why: String, fix: String) {
        self.severity = severity
        self.code = code
        self.subject = subject
        self.what = what
        self.why = why
        self.fix = fix
    }

    public var diagnostic: Diagnostic {
        Diagnostic(severity, code: code, message: "\(what): \(why); fix: \(fix)", subject: subject)
    }
}

/// What the platform expects of its setup, from platform.yml and the command line.
public struct SetupExpectations: Sendable, Equatable {
    /// owner/name of the platform repository.
    public var platform: String
    public var defaultBranch: String
    /// The release consumers should pin (the newest in action/checksums.txt), e.g. `v1.4.0`.
    public var releaseTag: String?
    /// owner/name of consumer repositories to check, and each one's default branch.
    public var consumers: [(repository: String, defaultBranch: String)]
    /// `github-hosted`, or `self-hosted` when platform.yml's runners: names a group.
    public var runner: String
    /// Whether platform.yml names the platform App (its key then lives in the environment idp-platform).
    public var usesApp: Bool
    /// Whether platform.yml has a sleep: section (else sleep.yml may be disabled).
    public var sleeps = true

    public init(platform: String, defaultBranch: String = "main", releaseTag: String? = nil,
                consumers: [(repository: String, defaultBranch: String)] = [], runner: String = "github-hosted", usesApp: Bool = false) {
        self.platform = platform
        self.defaultBranch = defaultBranch
        self.releaseTag = releaseTag
        self.consumers = consumers
        self.runner = runner
        self.usesApp = usesApp
    }

    public static func == (a: SetupExpectations, b: SetupExpectations) -> Bool {
        a.platform == b.platform && a.defaultBranch == b.defaultBranch && a.releaseTag == b.releaseTag
            && a.consumers.map(\.repository) == b.consumers.map(\.repository) && a.runner == b.runner && a.usesApp == b.usesApp && a.sleeps == b.sleeps
    }

    /// The platform's own scheduled and dispatched workflows, and the context each job runs in
    /// (the jobs holding the App's key run in the environment idp-platform).
    public static let platformWorkflows: [(file: String, environment: Bool)] = [
        ("ttl-cleanup.yml", true), ("sleep.yml", true), ("destroy.yml", false), ("update-dashboard.yml", false), ("orphans.yml", false),
    ]
    /// The scheduled ones, which GitHub disables after 60 days without activity in a public repository.
    public static let scheduledWorkflows = ["ttl-cleanup.yml", "update-dashboard.yml", "sleep.yml", "orphans.yml"]
}

extension SetupRules {
    /// The release tags action/checksums.txt pins (`VERSION  SHA256  ASSET` lines → `vVERSION`).
    public static func pinnedTags(checksums: String) -> Set<String> {
        Set(checksums.split(separator: "\n").compactMap { line -> String? in
            guard !line.hasPrefix("#"), let version = line.split(separator: " ").first, version.first?.isNumber == true else { return nil }
            return "v\(version)"
        })
    }

    /// The runner kind the role's trust names for platform.yml's runners: (self-hosted with a group).
    public static func runnerKind(_ settings: PlatformSettings) -> String {
        settings.runners.default.group == nil ? "github-hosted" : "self-hosted"
    }
}
