/// The platform team's settings (`platform.yml` in the platform repository).
///
/// A reusable workflow runs with the CALLER's `vars`, so nothing the platform owns may live in a
/// consumer's variables: the called workflow reads this file at its own commit instead. Each key
/// is one AWS or GitHub identifier, checked here against the rule AWS or GitHub documents.
public struct PlatformSettings: Sendable, Equatable {
    public var awsRegion: String?
    /// The role the workflows assume through GitHub's OIDC provider (an ARN is not a secret).
    public var roleARN: String?
    public var stateBucket: String?
    /// DynamoDB lock table; empty with S3-native locking.
    public var lockTable: String?
    public var ecrRepository: String?
    public var certificateARN: String?
    /// A DNS zone such as `preview.example.com`: when set, every environment is a host
    /// (`<name>.preview.example.com`) on the platform's one shared load balancer, under its
    /// wildcard certificate (infrastructure/platform), instead of having a load balancer of its own.
    public var previewDomain: String?
    /// The SNS topic every environment's alarms notify; without one an alarm notifies nobody.
    public var alarmTopicARN: String?
    /// A GitHub App that may comment on consumers' pull requests from scheduled destroys.
    public var githubAppID: String?
    public var dashboardIssue: String?
    public var maximumTTL: TTL = .defaultMaximum
    /// How environments are named (`naming:`): `branch` (the seed's, names global across
    /// repositories) or `repository` (a mark of the repository in every name). Changing it renames
    /// every environment created afterwards; existing ones keep their names until destroyed.
    public var naming: NamingScheme = .branch
    /// NAT gateways of the shared network (`infrastructure/platform`: 1, or 2 with `nat_per_az`),
    /// for the platform's overhead a day.
    public var natGateways = 1
    /// OpenTofu release the workflows install (pinned, so a plan means the same thing each run).
    public var tofuVersion: String?
    /// `pricing:` — figures replacing the built-in list prices (`Prices.overrideKeys`, and
    /// `rds_instance_hour.<class>`), for a region without a table or negotiated rates.
    public var pricing: [String: Double] = [:]
    /// `guardrails:` — limits on new environments, checked by `idp-ttl create`.
    public var guardrails = Guardrails()
    /// `pull_requests:` — labels, commands' limits and the warning before expiry.
    public var pullRequests = PullRequestControls()
    /// `sleep:` — the awake hours; nil: environments never sleep.
    public var sleep: AwakeSchedule?
    /// Who may open environments' URLs (`access:`), which a repository may narrow.
    public var access = AccessSetting()
    /// `runners:` — the runners of the workflows' jobs (rendered into them, see `RunnerSettings`).
    public var runners = RunnerSettings()
    /// `mirrors:` — where OpenTofu and its providers come from; unset: OpenTofu's own locations.
    public var mirrors = Mirrors()
    /// `cpu_architecture:` — the Fargate tasks' architecture, and so the images' platform.
    public var cpuArchitecture = CPUArchitecture.x86_64
    /// `templates:` — the templates repositories may use; nil: every template but those whose
    /// declaration says `opt_in: true` (a new kind of environment is the platform team's choice).
    public var templates: [TemplateName]?

    /// Whether a repository may use `template`.
    public func allows(_ template: Template) -> Bool {
        templates.map { $0.contains(template.name) } ?? !template.declaration.optIn
    }

    public init() {}

    /// The prices estimates use: the region's list prices with `pricing:` applied, for the tasks'
    /// architecture, and what they are.
    public var prices: (prices: Prices, basis: String) {
        var (prices, basis) = Prices.forRegion(awsRegion)
        prices.apply(pricing)
        if cpuArchitecture == .arm64 { basis += ", ARM64 tasks" }
        return (prices.forTasks(cpuArchitecture), pricing.isEmpty ? basis : basis + " with platform.yml pricing")
    }

    /// The sections holding more than one value; they are not step outputs.
    public static let sections = ["pricing", "guardrails", "pull_requests", "sleep", "runners", "mirrors", "access", "templates"]

    /// Where the platform repository keeps the file, relative to its root.
    public static let defaultPath = "platform.yml"

    /// Every key, in documentation order, with whether a workflow cannot run without it.
    public static let keys: [(name: String, required: Bool)] = [
        ("aws_region", true), ("role_arn", true), ("state_bucket", true), ("lock_table", false),
        ("ecr_repository", true), ("tofu_version", true), ("certificate_arn", false), ("preview_domain", false),
        ("alarm_topic_arn", false), ("github_app_id", false), ("dashboard_issue", false), ("max_ttl", false),
        ("naming", false), ("nat_gateways", false), ("cpu_architecture", false),
    ]

    /// The settings as `$GITHUB_OUTPUT` pairs, every key present (empty when unset) so that a
    /// workflow expression never reads a missing output.
    public var outputs: [(String, String)] {
        [
            ("aws_region", awsRegion ?? ""), ("role_arn", roleARN ?? ""), ("state_bucket", stateBucket ?? ""),
            ("lock_table", lockTable ?? ""), ("ecr_repository", ecrRepository ?? ""), ("tofu_version", tofuVersion ?? ""),
            ("certificate_arn", certificateARN ?? ""), ("preview_domain", previewDomain ?? ""),
            ("alarm_topic_arn", alarmTopicARN ?? ""), ("github_app_id", githubAppID ?? ""),
            ("dashboard_issue", dashboardIssue ?? ""), ("max_ttl", maximumTTL.description),
            ("naming", naming.rawValue), ("nat_gateways", String(natGateways)),
            ("cpu_architecture", cpuArchitecture.rawValue), ("image_platform", cpuArchitecture.imagePlatform),
            ("opentofu_mirror", mirrors.opentofu ?? ""), ("provider_mirror", mirrors.providers ?? ""),
            ("sleep", String(sleep != nil)),
        ]
    }

    /// What the platform's shared parts cost a day whether or not any environment exists: its NAT
    /// gateways with their addresses and, with `preview_domain`, the shared load balancer with its
    /// two addresses. Shown once, never spread into an environment's figure.
    public var overheadPerDay: (dollars: Double, parts: String) {
        let p = prices.prices
        var hourly = Double(natGateways) * (p.natGatewayHour + p.publicIPv4Hour)
        var parts = natGateways == 1 ? "the NAT gateway and its address" : "\(natGateways) NAT gateways and their addresses"
        if previewDomain != nil {
            hourly += p.loadBalancerHour + 2 * p.publicIPv4Hour
            parts += ", the shared load balancer and its two addresses"
        }
        return (hourly * 24, parts)
    }

    /// Checks one value against its key's rule; nil when it is acceptable.
    public static func check(_ key: String, _ value: String) -> SettingError? {
        let ok: Bool
        switch key {
        case "aws_region": ok = AWSNames.isRegion(value)
        case "role_arn": ok = AWSNames.isRoleARN(value)
        case "state_bucket": ok = AWSNames.isBucket(value)
        case "lock_table": ok = AWSNames.isTable(value)
        case "ecr_repository": ok = AWSNames.isRepository(value)
        case "tofu_version": ok = isVersion(value)
        case "naming": ok = NamingScheme(rawValue: value) != nil
        case "nat_gateways": ok = value == "1" || value == "2"
        case "cpu_architecture": ok = CPUArchitecture(rawValue: value) != nil
        case "preview_domain": ok = AWSNames.isDomain(value)
        case "github_app_id", "dashboard_issue": ok = !value.isEmpty && value.count <= 12 && value.allSatisfy(isDigit) && value.first != "0"
        default: ok = true
        }
        return ok ? nil : .invalid(key: key, value: value, expected: expectations[key] ?? "")
    }

    /// Whether an OpenTofu release has the S3 backend's `use_lockfile` (1.10.0 and later), which
    /// the workflows use when no DynamoDB lock table is set.
    public static func hasNativeS3Locking(_ version: String) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        return parts.count == 3 && (parts[0], parts[1]) >= (1, 10)
    }

    static func isVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(isDigit) }
    }

    static let expectations: [String: String] = [
        "aws_region": "a region such as \"us-east-1\"",
        "role_arn": "arn:<partition>:iam::<12 digits>:role/<path/name>",
        "state_bucket": "an S3 bucket name: 3 to 63 lower-case letters, digits, \".\" and \"-\", starting and ending with a letter or digit",
        "lock_table": "a DynamoDB table name: 3 to 255 letters, digits, \"_\", \"-\" and \".\"",
        "ecr_repository": "an ECR repository name: lower-case letters and digits separated by single \".\", \"_\", \"-\" or \"/\"",
        "tofu_version": "an exact OpenTofu release, MAJOR.MINOR.PATCH such as \"1.10.6\"",
        "preview_domain": "a DNS name such as \"preview.example.com\": at least two labels of lower-case letters, digits and inner \"-\", at most 200 characters",
        "github_app_id": "the App's numeric id",
        "dashboard_issue": "an issue number",
        "nat_gateways": "1, or 2 with infrastructure/platform's nat_per_az",
        "cpu_architecture": "\"X86_64\" or \"ARM64\" (Fargate's names)",
        "naming": "\"branch\" (preview-payment-api) or \"repository\" (preview-<6-hex mark of owner/name>-payment-api)",
    ]
}

/// AWS naming rules, as the service documentation states them.
public enum AWSNames {
    /// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`: the same rule ARNs use.
    public static func isRegion(_ s: String) -> Bool { ARN.isRegion(s) }

    public static func isRoleARN(_ s: String) -> Bool {
        // IAM is global: its ARNs have an empty region, which the generic `ARN` parser refuses.
        let parts = s.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", ARN.partitions.contains(String(parts[1])), parts[2] == "iam", parts[3].isEmpty,
              parts[4].count == 12, parts[4].allSatisfy(isDigit), parts[5].hasPrefix("role/") else { return false }
        let path = parts[5].dropFirst("role/".count)
        return !path.isEmpty && path.count <= 576 && !path.hasSuffix("/")
            && path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-/".contains($0)) }
    }

    /// A DNS zone name under which `<environment>.<zone>` is a valid host name: labels of 1–63
    /// lower-case letters, digits and inner hyphens, at least two of them, and room left (253 in
    /// all) for a 28-character environment label in front.
    public static func isDomain(_ s: String) -> Bool {
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && s.count <= 200 && labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLowercase || isDigit($0) || $0 == "-") }
        }
    }

    /// General-purpose bucket names (the rules that also keep virtual-host addressing valid).
    public static func isBucket(_ s: String) -> Bool {
        guard (3...63).contains(s.count), let first = s.first, let last = s.last,
              s.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }),
              first.isLetter || first.isNumber, last.isLetter || last.isNumber,
              !s.contains(".."), !s.hasPrefix("xn--"), !s.hasPrefix("sthree-"), !s.hasSuffix("-s3alias") else { return false }
        let octets = s.split(separator: ".")
        return !(octets.count == 4 && octets.allSatisfy { $0.allSatisfy(isDigit) })  // not an IP address
    }

    public static func isTable(_ s: String) -> Bool {
        (3...255).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
    }

    public static func isRepository(_ s: String) -> Bool {
        guard (2...256).contains(s.count) else { return false }
        return s.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            guard let f = part.first, let l = part.last, f.isASCII, l.isASCII, f.isLowercase || f.isNumber, l.isLowercase || l.isNumber else { return false }
            var previousSeparator = false
            for c in part {
                let separator = c == "." || c == "_" || c == "-"
                guard c.isASCII, separator || c.isLowercase || c.isNumber else { return false }
                // "__" is allowed by ECR; other doubled separators are not.
                if separator, previousSeparator, c != "_" { return false }
                previousSeparator = separator
            }
            return true
        }
    }
}

public enum SettingError: DiagnosticConvertible, Equatable {
    case invalid(key: String, value: String, expected: String)

    public var code: String { "settings.value" }
    public var message: String {
        switch self {
        case .invalid(let key, let value, let expected): "\(key) \(quoted(value)) is not valid; expected \(expected)"
        }
    }
}

/// `0`–`9` only: `Character.isNumber` also accepts other scripts' digits, which no AWS name allows.
private func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }

