/// A role's trust policy as IAM evaluates it for a web-identity token: `idp doctor` asks it whether
/// the platform's own runs and each consumer's calls may assume the role, and whether subjects no
/// one should hold (another repository, a consumer's own workflow) may.
///
/// Only what the bootstrap writes is modelled: `Allow`/`Deny` statements for
/// `sts:AssumeRoleWithWebIdentity` with `StringEquals`, `StringLike`, `StringNotEquals` and
/// `StringNotLike` conditions. IAM's rules: every condition of a statement must hold; a condition
/// with several values holds when one matches (`…Not…`: when none does); `*` matches any run of
/// characters, `?` exactly one, case-sensitively; an explicit `Deny` wins.
public struct TrustPolicy: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        public var operation: String
        public var key: String
        public var values: [String]
    }

    public struct Statement: Sendable, Equatable {
        public var allows: Bool
        public var federated: [String]
        public var actions: [String]
        public var conditions: [Condition]
    }

    public var statements: [Statement]

    /// Reads the policy document (IAM returns it URL-encoded; the caller decodes it). Nil when it
    /// is not a policy document at all.
    public init?(_ document: JSONValue) {
        guard let list = Self.list(document["Statement"]) else { return nil }
        statements = list.compactMap { item in
            guard let effect = item["Effect"]?.stringValue else { return nil }
            var conditions: [Condition] = []
            if case .object(let operations)? = item["Condition"] {
                for (operation, tests) in operations.sorted(by: { $0.key < $1.key }) {
                    guard case .object(let keys) = tests else { continue }
                    for (key, values) in keys.sorted(by: { $0.key < $1.key }) {
                        conditions.append(Condition(operation: operation, key: key, values: Self.strings(values)))
                    }
                }
            }
            return Statement(allows: effect == "Allow", federated: Self.strings(item["Principal"]?["Federated"]),
                             actions: Self.strings(item["Action"]), conditions: conditions)
        }
    }

    /// The OIDC providers the policy trusts (their ARNs).
    public var federatedProviders: [String] {
        Array(Set(statements.filter(\.allows).flatMap(\.federated))).sorted()
    }

    /// Whether a token from `provider` carrying `claims` (keyed as IAM names them, e.g.
    /// `token.actions.githubusercontent.com:sub`) may assume the role.
    public func allows(provider: String, claims: [String: String]) -> Bool {
        let applying = statements.filter { $0.federated.contains(provider) && $0.actions.contains { Self.like($0, "sts:AssumeRoleWithWebIdentity") } }
        let matching = applying.filter { statement in statement.conditions.allSatisfy { Self.holds($0, claims) } }
        return matching.contains(where: \.allows) && !matching.contains { !$0.allows }
    }

    static func holds(_ condition: Condition, _ claims: [String: String]) -> Bool {
        let value = claims[condition.key]
        switch condition.operation {
        case "StringEquals": return value.map { v in condition.values.contains(v) } ?? false
        case "StringLike": return value.map { v in condition.values.contains { like($0, v) } } ?? false
        case "StringNotEquals": return value.map { v in !condition.values.contains(v) } ?? true
        case "StringNotLike": return value.map { v in !condition.values.contains { like($0, v) } } ?? true
        default: return false  // an operator not modelled here is never taken to allow
        }
    }

    /// IAM's wildcard match: `*` any run of characters (none too), `?` exactly one.
    public static func like(_ pattern: String, _ value: String) -> Bool {
        let p = Array(pattern.unicodeScalars), v = Array(value.unicodeScalars)
        var pi = 0, vi = 0, star = -1, mark = 0
        while vi < v.count {
            if pi < p.count, p[pi] == "?" || p[pi] == v[vi] {
                pi += 1; vi += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = vi; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; vi = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    static func list(_ value: JSONValue?) -> [JSONValue]? {
        switch value {
        case .array(let items)?: items
        case .object?: [value!]
        default: nil
        }
    }

    static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let s)?: [s]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }
}
