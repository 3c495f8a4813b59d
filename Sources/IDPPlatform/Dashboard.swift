import IDPCore

/// Renders environment lists for terminals, JSON consumers and Markdown summaries.
public enum Dashboard {
    static func left(_ s: EnvironmentStatus, _ now: Timestamp) -> String {
        guard let r = s.record else { return "-" }
        let seconds = r.expiresAt.seconds(since: now)
        return seconds >= 0 ? humanDuration(seconds: seconds) : "expired \(humanDuration(seconds: -seconds)) ago"
    }

    /// The recorded estimate per day, or "-" for a record written before estimates (or gone).
    static func perDay(_ s: EnvironmentStatus) -> String {
        guard let r = s.record, r.status != .destroyed, let hourly = r.costPerHour else { return "-" }
        return Money.text(CostEstimate(perHour: hourly).perDay)
    }

    /// What the environments still alive cost a day together, by their recorded estimates.
    static func totalPerDay(_ statuses: [EnvironmentStatus]) -> Double {
        statuses.compactMap { $0.record }.filter { $0.status != .destroyed }.reduce(0) { $0 + ($1.costPerHour ?? 0) } * 24
    }

    public static func table(_ statuses: [EnvironmentStatus], now: Timestamp) -> String {
        let header = ["NAME", "STATUS", "TEMPLATE", "OWNER", "EXPIRES", "LEFT", "EST. COST/DAY", "NEXT"]
        let rows = statuses.map { s in
            [s.name, s.record?.status.rawValue ?? "unreadable", s.record?.template.rawValue ?? "-", s.record?.owner ?? "-",
             s.record?.expiresAt.iso8601 ?? "-", left(s, now), perDay(s), s.decision.action]
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max()! }
        return ([header] + rows).map { row in
            row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }.joined(separator: "  ")
                .trimmingWhitespace
        }.joined(separator: "\n")
    }

    public static func json(_ statuses: [EnvironmentStatus], now: Timestamp) -> JSONValue {
        .array(statuses.map { s in
            var entry = s.record?.jsonValue ?? .object(["name": .string(s.name)])
            if case .object(var fields) = entry {
                fields["seconds_left"] = s.record.map { .number(Double($0.expiresAt.seconds(since: now))) } ?? .null
                if let r = s.record, let hourly = r.costPerHour {
                    let estimate = CostEstimate(perHour: hourly)
                    fields["estimated_cost_per_day"] = .number(estimate.perDay)
                    fields["estimated_cost_until_expiry"] = .number(estimate.until(r.expiresAt, now: now))
                }
                fields["next_action"] = .string(s.decision.action)
                fields["reason"] = .string(s.decision.explanation)
                entry = .object(fields)
            }
            return entry
        })
    }

    /// `cleanup`: the TTL scan's status line (`ScanHeartbeat.status`), shown under the title when not empty.
    public static func markdown(_ statuses: [EnvironmentStatus], now: Timestamp, title: String, cleanup: String = "") -> String {
        var text = "### \(title)\n\n_\(statuses.count) environment\(statuses.count == 1 ? "" : "s") at \(now.iso8601)_\n\n"
        if !cleanup.isEmpty { text += cleanup + "\n\n" }
        guard !statuses.isEmpty else { return text }
        text += "| environment | status | template | owner | branch | expires (UTC) | left | est. cost/day | next |\n|---|---|---|---|---|---|---|---|---|\n"
        for s in statuses {
            let r = s.record
            let cells = [s.name, r?.status.rawValue ?? "unreadable", r?.template.rawValue ?? "", r?.owner ?? "",
                         r.map { "\($0.repository)@\($0.branch)" } ?? "", r?.expiresAt.iso8601 ?? "", left(s, now),
                         perDay(s), s.nextAction()]
            text += "| " + cells.map(markdownCell).joined(separator: " | ") + " |\n"
        }
        text += "\nEstimated cost of the live environments: about \(Money.text(totalPerDay(statuses))) a day "
            + "(list prices recorded at creation; traffic, data and logs not included).\n"
        return text
    }
}
