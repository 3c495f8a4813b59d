/// Resources tagged `idp:managed=true` whose environment (`idp:environment`) has no live record:
/// none at all, or one already destroyed. OpenTofu's state no longer knows them (an apply that
/// died between creating and recording, a destroy that lost track, a hand-made copy), so no
/// destroy will ever remove them. The platform's own parts carry no `idp:environment` and are
/// never reported.
public struct OrphanReport: Sendable, Equatable {
    public struct Resource: Sendable, Equatable {
        public var arn: String
        /// `service:type` from the ARN, e.g. `ecs:cluster`, `elasticloadbalancing:loadbalancer`.
        public var type: String
        public var environment: String
        /// From the `idp:created-at` tag; nil when it has none.
        public var createdAt: Timestamp?
        /// Why it is an orphan: no record, or a destroyed one.
        public var reason: String
        /// Too young to touch: a provision may be recording it right now.
        public var young: Bool
    }

    public var orphans: [Resource]

    /// Resources `(arn, tags)` against the environments that have a record (name → status).
    /// Younger than `minimumAge` seconds (or of unknown age with no record… still reported) is
    /// marked young: reported, never cleaned.
    public init(resources: [(arn: String, tags: [String: String])], records: [String: EnvironmentRecord.Status], now: Timestamp, minimumAge: Int64) {
        orphans = resources.compactMap { resource in
            guard resource.tags["idp:managed"] == "true", let environment = resource.tags["idp:environment"], !environment.isEmpty,
                  // The platform's own parts (bootstrap, shared network) are never an environment's.
                  !["bootstrap", "platform"].contains(resource.tags["idp:component"] ?? "") else { return nil }
            let reason: String
            switch records[environment] {
            case nil: reason = "no record of \(environment)"
            case .destroyed?: reason = "\(environment) was destroyed"
            default: return nil
            }
            let created = resource.tags["idp:created-at"].flatMap(Timestamp.init(iso8601:))
            let young = created.map { now.seconds(since: $0) < minimumAge } ?? false
            return Resource(arn: resource.arn, type: Self.type(of: resource.arn), environment: environment, createdAt: created, reason: reason, young: young)
        }.sorted { ($0.environment, $0.arn) < ($1.environment, $1.arn) }
    }

    /// `service:type` of an ARN (`arn:aws:ecs:us-east-1:123:cluster/x` → `ecs:cluster`).
    public static func type(of arn: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return "unknown" }
        let resource = parts[5].split(whereSeparator: { $0 == "/" || $0 == ":" }).first.map(String.init) ?? ""
        return "\(parts[2]):\(resource)"
    }

    public static func age(_ resource: Resource, now: Timestamp) -> String {
        resource.createdAt.map { humanDuration(seconds: max(0, now.seconds(since: $0))) } ?? "unknown"
    }

    public func table(now: Timestamp) -> String {
        let header = ["ENVIRONMENT", "TYPE", "AGE", "WHY", "ARN"]
        let rows = orphans.map { [$0.environment, $0.type, Self.age($0, now: now) + ($0.young ? " (young)" : ""), $0.reason, $0.arn] }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max()! }
        return ([header] + rows).map { row in
            row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }.joined(separator: "  ").trimmingWhitespace
        }.joined(separator: "\n")
    }

    public func markdown(now: Timestamp) -> String {
        var text = "### Orphaned resources\n\n"
        guard !orphans.isEmpty else { return text + "None: every resource tagged idp:managed=true belongs to a live environment or to the platform.\n" }
        text += "\(orphans.count) resource\(orphans.count == 1 ? "" : "s") tagged idp:managed=true whose environment has no live record "
            + "(no destroy will remove them):\n\n| environment | type | age | why | ARN |\n|---|---|---|---|---|\n"
        for o in orphans {
            let cells = [o.environment, o.type, Self.age(o, now: now) + (o.young ? " (young: left alone)" : ""), o.reason, o.arn]
            text += "| " + cells.map(inertMarkdownCell).joined(separator: " | ") + " |\n"
        }
        return text
    }

    public var jsonValue: JSONValue {
        .array(orphans.map { o in
            .object(["arn": .string(o.arn), "type": .string(o.type), "environment": .string(o.environment),
                     "created_at": o.createdAt.map { .string($0.iso8601) } ?? .null, "reason": .string(o.reason), "young": .bool(o.young)])
        })
    }
}
