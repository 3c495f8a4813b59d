/// What AWS says was spent this month, per environment (Cost Explorer grouped by the
/// `idp:environment` tag), kept in the state bucket (`platform/costs.json`) and read once a day:
/// each request costs $0.01 and the figures lag about a day anyway.
public struct ActualSpend: Sendable, Equatable {
    public static let key = "platform/costs.json"
    public static let tagKey = "idp:environment"
    /// Asked again once the kept answer is this old. Seconds.
    public static let maxAge: Int64 = 24 * 3_600

    /// `YYYY-MM` of the figures.
    public var month: String
    public var fetchedAt: Timestamp
    /// Dollars this month by environment name.
    public var byEnvironment: [String: Double]
    /// Dollars this month on resources without the tag (all the account's other spend too).
    public var untagged: Double

    public init(month: String, fetchedAt: Timestamp, byEnvironment: [String: Double], untagged: Double) {
        self.month = month
        self.fetchedAt = fetchedAt
        self.byEnvironment = byEnvironment
        self.untagged = untagged
    }

    /// From Cost Explorer's groups (tag value → dollars; "" is cost without the tag).
    public init(groups: [(value: String, dollars: Double)], now: Timestamp) {
        var by: [String: Double] = [:]
        var untagged = 0.0
        for g in groups { if g.value.isEmpty { untagged += g.dollars } else { by[g.value, default: 0] += g.dollars } }
        self.init(month: String(now.iso8601.prefix(7)), fetchedAt: now, byEnvironment: by, untagged: untagged)
    }

    /// The month so far: from its first day to tomorrow (Cost Explorer's end is exclusive).
    public static func period(now: Timestamp) -> (start: String, end: String) {
        let day = now.iso8601.prefix(10)
        let tomorrow = Timestamp(iso8601: day + "T00:00:00Z")!.adding(seconds: 86_400).iso8601.prefix(10)
        return (String(day.prefix(8)) + "01", String(tomorrow))
    }

    /// Whether the kept answer should be asked again: older than a day, or of another month.
    public func isStale(now: Timestamp) -> Bool {
        now.seconds(since: fetchedAt) >= Self.maxAge || month != String(now.iso8601.prefix(7))
    }

    /// Whether any cost carried the tag. Cost-allocation tags count only once activated in the
    /// payer account; until then every group is untagged, and zeros would be a lie.
    public var tagActivated: Bool { !byEnvironment.isEmpty }

    public static let notActivated = "Cost Explorer shows no cost tagged idp:environment this month. Cost-allocation tags count only once "
        + "activated in the payer (management) account: Billing and Cost Management → Cost allocation tags → select idp:environment → "
        + "Activate (or `aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=idp:environment,Status=Active`); "
        + "costs are tagged from then on, about a day later."

    public var tagged: Double { byEnvironment.values.reduce(0, +) }

    public var jsonValue: JSONValue {
        .object(["month": .string(month), "fetched_at": .string(fetchedAt.iso8601), "untagged": .number(untagged),
                 "by_environment": .object(byEnvironment.mapValues { .number($0) })])
    }

    public init(json: JSONValue) throws(RecordError) {
        guard case .object(let fields) = json, case .object(let by)? = fields["by_environment"] else { throw .unreadable("no by_environment") }
        let r = FieldReader(fields: fields)
        var amounts: [String: Double] = [:]
        for (name, value) in by {
            guard case .number(let n) = value, n.isFinite else { throw .unreadable("by_environment.\(name) is not a number") }
            amounts[name] = n
        }
        self.init(month: try r.string("month"), fetchedAt: try r.timestamp("fetched_at"), byEnvironment: amounts,
                  untagged: try r.optionalNumber("untagged") ?? 0)
    }
}
