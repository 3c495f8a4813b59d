/// What the tools need to know of one template, declared next to its OpenTofu code
/// (`infrastructure/templates/<name>/template.yml`, parsed by `TemplateDeclaration.parse`): every
/// rule that differs between templates reads it, so a platform team adds a template with a folder
/// and no change to the tools (docs/templates.md).
public struct TemplateDeclaration: Sendable, Equatable {
    /// What runs of the template's own code: it decides the task variables, the image build and
    /// the estimate's task hours.
    public enum Workload: String, Sendable, CaseIterable {
        /// ECS tasks running all the time (an API): image, cpu, memory.
        case service
        /// ECS tasks started on a schedule: image, cpu, memory and the config's `schedule`.
        case scheduled
        /// No tasks (a static site): no image is built, cpu and memory are not used.
        case none
    }

    /// A config key the template adds to `.idp/config.yml`, fed to one of its variables.
    public struct Setting: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case string(maxLength: Int)
            case integer(min: Int, max: Int)
            case boolean
            /// A folder of the repository the template reads (`RepositoryPath`): the provision job
            /// checks what is below it before the template reads it.
            case path
            /// One of these strings.
            case choice([String])
        }

        public var key: String
        /// The OpenTofu variable it feeds (by default the key itself).
        public var variable: String
        public var kind: Kind
        /// Nil with `required` false: the variable is left to the template's own default.
        public var defaultValue: JSONValue?
        public var required = false
        public var help = ""

        public init(key: String, variable: String? = nil, kind: Kind, defaultValue: JSONValue? = nil) {
            self.key = key
            self.variable = variable ?? key
            self.kind = kind
            self.defaultValue = defaultValue
        }

        /// What the kind accepts, for messages.
        public var accepted: String {
            switch kind {
            case .string(let most): "a string of at most \(most) characters"
            case .integer(let low, let high): "an integer from \(low) to \(high)"
            case .boolean: "true or false"
            case .path: "a folder of the repository (" + RepositoryPath.rule + ")"
            case .choice(let values): "one of " + values.map(quoted).joined(separator: ", ")
            }
        }
    }

    /// The fixed parts the estimator prices beyond the workload's tasks and the load balancer.
    public struct Cost: Sendable, Equatable {
        /// Alarm metrics the template's alarms read, as CloudWatch bills them (metric math over two is two).
        public var alarmMetrics = 0
        public var database: Database?
        /// Dollars a month for anything else with a fixed price (a hosted zone, a distribution's
        /// fixed charge); traffic-dependent charges are not estimated anywhere.
        public var fixedMonthly = 0.0
        public init() {}
    }

    /// An RDS instance the template creates.
    public struct Database: Sendable, Equatable {
        /// The instance class, priced by `Prices.rdsInstanceHour` (and `pricing:` overrides).
        public var instanceClass: String
        public var storageGB: Double
        /// Secrets Manager secrets it keeps (the master password).
        public var secrets: Int
        public init(instanceClass: String, storageGB: Double, secrets: Int) {
            self.instanceClass = instanceClass
            self.storageGB = storageGB
            self.secrets = secrets
        }
    }

    /// What sleep stops, by name pattern (`{name}` is the environment's name).
    public struct Sleep: Sendable, Equatable {
        /// ECS services as `cluster/service`.
        public var services: [String] = []
        public var database: String?
        public var rule: String?
        /// Alarms silenced while asleep (those reading missing data as breaching).
        public var alarms: [String] = []
        public init() {}
    }

    public var description = ""
    /// The template of a config that names none; exactly one template is.
    public var isDefault = false
    /// Offered only where platform.yml's `templates:` lists it: a kind of environment the platform
    /// team chooses to allow, such as public hosting of a repository's files.
    public var optIn = false
    /// The provision and destroy jobs' budget, in minutes.
    public var timeoutMinutes = 20
    public var workload = Workload.service
    /// Serves HTTP behind an ALB: takes container_port, health_check_path, the certificate, the
    /// preview domain and the platform's `access:`.
    public var loadBalancer = false
    public var settings: [Setting] = []
    public var cost = Cost()
    public var sleep = Sleep()
    /// Outputs its root module must have.
    public var outputs: [String] = []
    /// The `access:` modes it enforces on its URL (`public`, `cidrs`, `oidc`), when it serves one
    /// other than through the load balancer; nil: all three behind a load balancer, else no URL.
    public var accessModes: [String]?

    /// The access modes its URL can be held to; nil when it serves no URL.
    public var enforcedAccess: [String]? { accessModes ?? (loadBalancer ? AccessMode.names : nil) }

    public init() {}

    /// The longest job budget a template may declare: the state lock's hold (`StateLock.longestHold`)
    /// and a provision's abandonment are reckoned from it.
    public static let maxTimeoutMinutes = 60

    /// The keys a declaration may hold, in documentation order.
    public static let keys = ["description", "default", "opt_in", "timeout_minutes", "workload", "load_balancer", "access", "settings", "cost", "sleep", "outputs"]

    public func setting(_ key: String) -> Setting? { settings.first { $0.key == key } }

    /// Whether the template takes the config's `schedule`.
    public var takesSchedule: Bool { workload == .scheduled }
}

/// A folder of the repository a template may read (a setting of type `path`): segments of letters,
/// digits, `_`, `-` and `.`, none starting with `.` (so never `..`, `.git` or the platform's
/// `.mini-idp` checkouts beside the repository's files), and no glob characters, which OpenTofu's
/// `fileset` would read as a pattern.
public enum RepositoryPath {
    public static let rule = "segments of letters, digits, \"_\", \"-\" and \".\", none starting with \".\", joined by \"/\""

    public static func isValid(_ text: String) -> Bool {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        return text.utf8.count <= 1024 && !segments.isEmpty && segments.allSatisfy { segment in
            guard let first = segment.unicodeScalars.first, first != "." else { return false }
            return segment.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
        }
    }
}
