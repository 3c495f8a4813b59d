/// An Amazon Resource Name split into its fields, with the shapes the templates accept.
public struct ARN: Hashable, Sendable {
    public let partition, service, region, account, resource: String

    public static let partitions = ["aws", "aws-cn", "aws-us-gov"]

    public static let validSecretExamples = [
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/api-key-AbCdEf",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf:API_KEY::",
    ]
    public static let validCertificateExamples = [
        "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
    ]

    /// Parses the generic `arn:partition:service:region:account:resource` shape.
    public init(_ text: String) throws(ARNError) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn" else { throw .shape(text) }
        guard Self.partitions.contains(parts[1]) else { throw .partition(text, parts[1]) }
        (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], parts[4], parts[5])
        guard Self.isRegion(region) else { throw .region(text, region) }
        guard account.count == 12, account.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw .account(text, account)
        }
    }

    /// A Secrets Manager secret as ECS `valueFrom` takes it: the secret ARN, optionally followed by
    /// `:json-key:version-stage:version-id` (each may be empty).
    public static func secret(_ text: String) throws(ARNError) -> ARN {
        let arn = try ARN(text)
        guard arn.service == "secretsmanager" else { throw .service(text, arn.service, expected: "secretsmanager") }
        let fields = arn.resource.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.first == "secret", fields.count == 2 || fields.count == 5,
            let name = fields.dropFirst().first, !name.isEmpty,
            name.unicodeScalars.allSatisfy({ isSecretNameScalar($0) })
        else { throw .resource(text, expected: "secret:<name>[:<json-key>:<version-stage>:<version-id>]") }
        return arn
    }

    /// An ACM certificate: `arn:aws:acm:<region>:<account>:certificate/<uuid>`.
    public static func certificate(_ text: String) throws(ARNError) -> ARN {
        let arn = try ARN(text)
        guard arn.service == "acm" else { throw .service(text, arn.service, expected: "acm") }
        guard arn.resource.hasPrefix("certificate/"), isUUID(arn.resource.dropFirst("certificate/".count)) else {
            throw .resource(text, expected: "certificate/<uuid>")
        }
        return arn
    }

    /// An SNS topic: `arn:aws:sns:<region>:<account>:<name>`, the name 1–256 letters, digits, `-`
    /// and `_` (a FIFO topic's ends in `.fifo`; alarms cannot notify one, so it is refused).
    public static func topic(_ text: String) throws(ARNError) -> ARN {
        let arn = try ARN(text)
        guard arn.service == "sns" else { throw .service(text, arn.service, expected: "sns") }
        guard (1...256).contains(arn.resource.count),
              arn.resource.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else { throw .resource(text, expected: "a standard topic name: 1 to 256 letters, digits, \"-\" and \"_\"") }
        return arn
    }

    static func isRegion(_ text: String) -> Bool {
        // e.g. us-east-1, eu-central-2, us-gov-west-1, ap-southeast-5, cn-north-1
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (3...4).contains(parts.count), let last = parts.last, !last.isEmpty,
            last.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("a"..."z").contains($0) } }
    }

    static func isSecretNameScalar(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || "/_+=.@-".unicodeScalars.contains(s)
    }

    static func isUUID(_ text: Substring) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) } }
    }
}

/// Why an ARN was rejected.
public enum ARNError: DiagnosticConvertible, Equatable {
    case shape(String)
    case partition(String, String)
    case region(String, String)
    case account(String, String)
    case service(String, String, expected: String)
    case resource(String, expected: String)

    public var code: String {
        switch self {
        case .shape: "arn.shape"
        case .partition: "arn.partition"
        case .region: "arn.region"
        case .account: "arn.account"
        case .service: "arn.service"
        case .resource: "arn.resource"
        }
    }

    public var message: String {
        switch self {
        case .shape(let t):
            "arn \(quoted(t)) is not of the form arn:<partition>:<service>:<region>:<account>:<resource>"
        case .partition(let t, let p):
            "arn \(quoted(t)): partition \(quoted(p)) is not one of \(ARN.partitions.joined(separator: ", "))"
        case .region(let t, let r):
            "arn \(quoted(t)): region \(quoted(r)) is not a region such as \"us-east-1\""
        case .account(let t, let a):
            "arn \(quoted(t)): account \(quoted(a)) is not a 12-digit account id"
        case .service(let t, let s, let expected):
            "arn \(quoted(t)): service \(quoted(s)); expected \(quoted(expected))"
        case .resource(let t, let expected):
            "arn \(quoted(t)): resource part must be \(expected)"
        }
    }
}
