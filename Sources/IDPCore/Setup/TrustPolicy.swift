/// A role's trust policy as IAM evaluates it for a web-identity token: `idp doctor` asks it whether
/// the platform's own runs and each consumer's calls may assume the role, and whether subjects no
/// one should hold (another repository, a consumer's own workflow) may.
///
/// What the bootstrap writes is modelled exactly: `Allow`/`Deny` statements for
/// `sts:AssumeRoleWithWebIdentity` (`Action` or `NotAction`, case-insensitive, with wildcards) with
/// `StringEquals`, `StringLike`, `StringNotEquals` and `StringNotLike` conditions. IAM's rules: every
/// condition of a statement must hold; a condition with several values holds when one matches
/// (`…Not…`: when none does); `*` matches any run of characters, `?` exactly one, case-sensitively;
/// an explicit `Deny` wins. Anything else (another operator, `Principal: "*"`) is read
/// `.pessimistic`ally when the question is "could this admit someone it should not", and as never
/// holding when it is "is this one admitted": doctor then never calls a wide trust narrow.
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
        /// `NotAction`: the statement applies to every action but these.
        public var notActions: [String] = []
        /// `Principal: "*"` (or `{"Federated": "*"}`, `{"AWS": "*"}`): every caller.
        public var anyPrincipal = false
        public var conditions: [Condition]
    }

    /// How an operator this model does not know is read.
    public enum Reading: Sendable { case strict, pessimistic }

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
            let principal = item["Principal"]
            let any = principal?.stringValue == "*" || Self.strings(principal?["Federated"]).contains("*") || Self.strings(principal?["AWS"]).contains("*")
            return Statement(allows: effect == "Allow", federated: Self.strings(principal?["Federated"]), actions: Self.strings(item["Action"]),
                             notActions: Self.strings(item["NotAction"]), anyPrincipal: any, conditions: conditions)
        }
    }

    /// The OIDC providers the policy trusts (their ARNs).
    public var federatedProviders: [String] {
        Array(Set(statements.filter(\.allows).flatMap(\.federated))).sorted()
    }

    /// Whether a token from `provider` carrying `claims` (keyed as IAM names them, e.g.
    /// `token.actions.githubusercontent.com:sub`) may assume the role.
    public func allows(provider: String, claims: [String: String], reading: Reading = .strict) -> Bool {
        let action = "sts:AssumeRoleWithWebIdentity"
        let applying = statements.filter { statement in
            (statement.anyPrincipal || statement.federated.contains(provider))
                && (statement.notActions.isEmpty ? statement.actions.contains { Self.like($0.lowercased(), action.lowercased()) }
                                                 : !statement.notActions.contains { Self.like($0.lowercased(), action.lowercased()) })
        }
        let matching = applying.filter { statement in statement.conditions.allSatisfy { Self.holds($0, claims, reading) } }
        // A Deny wins only where it surely applies: read strictly, whatever the question.
        let denied = applying.contains { statement in !statement.allows && statement.conditions.allSatisfy { Self.holds($0, claims, .strict) } }
        return matching.contains(where: \.allows) && !denied
    }

    static func holds(_ condition: Condition, _ claims: [String: String], _ reading: Reading) -> Bool {
        let value = claims[condition.key]
        switch condition.operation {
        case "StringEquals": return value.map { v in condition.values.contains(v) } ?? false
        case "StringLike": return value.map { v in condition.values.contains { like($0, v) } } ?? false
        case "StringNotEquals": return value.map { v in !condition.values.contains(v) } ?? true
        case "StringNotLike": return value.map { v in !condition.values.contains { like($0, v) } } ?? true
        default: return reading == .pessimistic  // an operator not modelled here: it may hold
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
