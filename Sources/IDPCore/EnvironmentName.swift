/// A validated environment name: lower-case letters, digits and single hyphens, starting with a
/// letter, no trailing hyphen, short enough for every AWS name the templates derive from it.
public struct EnvironmentName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// ALB and target-group names are limited to 32 characters (elbv2 model).
    public static let awsNameLimit = 32
    /// The longest suffix a template appends to form an ALB or target-group name (`<name>-alb`).
    public static let longestDerivedSuffix = "-alb"
    /// The longest accepted name; `infrastructure/modules/common` validates the same number.
    public static let maxLength = awsNameLimit - longestDerivedSuffix.count
    /// ALB names must not start with `internal-`, so neither may an environment name.
    public static let reservedPrefix = "internal-"

    public static let validExamples = ["preview-payment-api", "demo", "team-a-42"]
    public static let invalidExamples = ["Preview", "1st-env", "my--env", "env-", "my_env", "internal-tools"]

    public var description: String { rawValue }

    /// Validates `text` and returns the first rule it breaks.
    public init(_ text: String) throws(NameError) {
        guard !text.isEmpty else { throw .empty }
        let bytes = Array(text.unicodeScalars)
        if let bad = bytes.firstIndex(where: { !Self.isAllowed($0) }) {
            throw .character(text, String(bytes[bad]), position: bad + 1)
        }
        guard let first = bytes.first, ("a"..."z").contains(first) else { throw .start(text) }
        if text.contains("--") { throw .doubleHyphen(text) }
        if text.hasSuffix("-") { throw .trailingHyphen(text) }
        if bytes.count > Self.maxLength { throw .tooLong(text, length: bytes.count) }
        if text.hasPrefix(Self.reservedPrefix) { throw .reserved(text) }
        rawValue = text
    }

    /// The names the templates derive from an environment's name, by AWS namespace (a name must be
    /// unique within its namespace only). Checked against infrastructure/modules by a test.
    public static let derivedNames: [String: [String]] = [
        "ECS task definition family": [""],
        "ECS service (in its own cluster)": [""],
        "ECS cluster": ["-cluster"],
        "CloudWatch alarm": ["-running-tasks", "-5xx-rate", "-cpu", "-db-cpu", "-db-free-storage"],
        "SNS topic": ["-alarms"],
        "load balancer": ["-alb"],
        "target group": ["-tg"],
        "security group (in the shared VPC)": ["-alb", "-tasks", "-db", "-task"],
        "RDS instance, subnet group, parameter group": ["-db"],
        "IAM role": ["-execution", "-task", "-schedule", "-flow-logs"],
        "EventBridge rule": ["-schedule"],
        "ECR repository (the platform's, not derived)": [""],
    ]

    /// Endings no new environment's name may have (`idp-ttl create` refuses one; a record of such a
    /// name made before is still read, extended and destroyed): where one derived name of a
    /// namespace ends with another (`-db-cpu` and `-cpu`), `<A>-db` would own `<A>-db-cpu`, `<A>`'s.
    public static let clashingEndings: [String] = {
        var endings: Set<String> = []
        for suffixes in derivedNames.values {
            for long in suffixes {
                for short in suffixes where long != short && long.hasSuffix(short) {
                    endings.insert(String(long.dropLast(short.count)))
                }
            }
        }
        return endings.sorted()
    }()


    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}

/// Why an environment name was rejected.
public enum NameError: DiagnosticConvertible, Equatable {
    case empty
    case character(String, String, position: Int)
    case start(String)
    case doubleHyphen(String)
    case trailingHyphen(String)
    case tooLong(String, length: Int)
    case reserved(String)

    public var code: String {
        switch self {
        case .empty: "name.empty"
        case .character: "name.character"
        case .start: "name.start"
        case .doubleHyphen: "name.hyphen"
        case .trailingHyphen: "name.hyphen"
        case .tooLong: "name.length"
        case .reserved: "name.reserved"
        }
    }

    public var message: String {
        let accepted = "expected lower-case letters, digits and single hyphens, starting with a letter"
        return switch self {
        case .empty:
            "environment name is empty; \(accepted)"
        case .character(let name, let char, let position):
            "environment name \(quoted(name)) has \(quoted(char)) at position \(position); \(accepted)"
        case .start(let name):
            "environment name \(quoted(name)) must start with a letter a-z"
        case .doubleHyphen(let name):
            "environment name \(quoted(name)) contains \"--\"; use single hyphens"
        case .trailingHyphen(let name):
            "environment name \(quoted(name)) ends with a hyphen"
        case .tooLong(let name, let length):
            "environment name \(quoted(name)) is \(length) characters; at most \(EnvironmentName.maxLength) fit "
                + "AWS's \(EnvironmentName.awsNameLimit)-character ALB and target-group names"
        case .reserved(let name):
            "environment name \(quoted(name)) starts with \"internal-\", which AWS reserves for load balancer names"
        }
    }
}

extension EnvironmentName {
    /// The CloudWatch log group the templates create for the environment's containers.
    public var logGroup: String { "/idp/\(rawValue)" }

    /// The CloudWatch console link to that log group.
    public func logsConsoleURL(region: String) -> String {
        // The console wants the group name encoded twice ("/" → "%2F" → "$252F").
        let group = logGroup.replacing("/", with: "$252F")
        return "https://\(region).console.aws.amazon.com/cloudwatch/home?region=\(region)#logsV2:log-groups/log-group/\(group)"
    }
}
