import IDPCore

/// Renders environment lists for terminals, JSON consumers and Markdown summaries.
public enum Dashboard {
    static func left(_ s: EnvironmentStatus, _ now: Timestamp) -> String {
        guard let r = s.record else { return "-" }
        let seconds = r.expiresAt.seconds(since: now)
        return seconds >= 0 ? humanDuration(seconds: seconds) : "expired \(humanDuration(seconds: -seconds)) ago"
    }

    /// The recorded estimate per day (with the awake hours, when the platform sleeps), or "-" for a
    /// record written before estimates (or gone).
    static func perDay(_ s: EnvironmentStatus, _ awakeFraction: Double?) -> String {
        guard let r = s.record, r.status != .destroyed, let estimate = r.estimate(awakeFraction: awakeFraction) else { return "-" }
        return Money.text(estimate.perDay)
    }

    /// What the environments still alive cost a day together, by their recorded estimates.
    static func totalPerDay(_ statuses: [EnvironmentStatus], _ awakeFraction: Double?) -> Double {
        statuses.compactMap { $0.record }.filter { $0.status != .destroyed }.reduce(0) { $0 + ($1.estimate(awakeFraction: awakeFraction)?.perDay ?? 0) }
    }

    /// What sleep saved this month, over the environments still recorded.
    public static func sleepSaved(_ statuses: [EnvironmentStatus], now: Timestamp) -> Double {
        statuses.compactMap { $0.record }.reduce(0) { $0 + $1.sleepSaved(now: now) }
    }

    /// The lines under a table: the environments' total a day and, once, the platform's overhead.
    static func totals(_ statuses: [EnvironmentStatus], awakeFraction: Double?, overhead: (dollars: Double, parts: String)?) -> String {
        var text = "Estimated cost of the live environments: about \(Money.text(totalPerDay(statuses, awakeFraction))) a day "
            + "(list prices recorded at creation\(awakeFraction.map { "; awake \(Int(($0 * 168).rounded())) hours a week" } ?? ""); "
            + "traffic, data and logs not included).\n"
        if let overhead {
            text += "Platform overhead: about \(Money.text(overhead.dollars)) a day (\(overhead.parts)), paid whether or not an environment exists; "
                + "in no environment's figure.\n"
        }
        return text
    }

    /// What Cost Explorer said (kept by `idp-ttl costs`), or how to make it say anything.
    static func spendLines(_ actual: ActualSpend?) -> String {
        guard let actual else { return "" }
        return actual.tagActivated
            ? "Actual spend this month (Cost Explorer, as of \(actual.fetchedAt.iso8601), about a day behind): \(Money.text(actual.tagged)) on "
                + "environments (recorded or not), \(Money.text(actual.untagged)) on everything else in the account.\n"
            : "\n⚠️ " + ActualSpend.notActivated + "\n"
    }

    public static func table(_ statuses: [EnvironmentStatus], now: Timestamp, awakeFraction: Double? = nil,
                             overhead: (dollars: Double, parts: String)? = nil) -> String {
        let header = ["NAME", "STATUS", "TEMPLATE", "OWNER", "EXPIRES", "LEFT", "EST. COST/DAY", "NEXT"]
        let rows = statuses.map { s in
            [s.name, s.record?.status.rawValue ?? "unreadable", s.record?.template.rawValue ?? "-", s.record?.owner ?? "-",
             s.record?.expiresAt.iso8601 ?? "-", left(s, now), perDay(s, awakeFraction), s.decision.action]
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max()! }
        return ([header] + rows).map { row in
            row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }.joined(separator: "  ")
                .trimmingWhitespace
        }.joined(separator: "\n") + (overhead == nil ? "" : "\n\n" + totals(statuses, awakeFraction: awakeFraction, overhead: overhead).trimmingWhitespace)
    }

    public static func json(_ statuses: [EnvironmentStatus], now: Timestamp, awakeFraction: Double? = nil, actual: ActualSpend? = nil) -> JSONValue {
        .array(statuses.map { s in
            var entry = s.record?.jsonValue ?? .object(["name": .string(s.name)])
            if case .object(var fields) = entry {
                fields["seconds_left"] = s.record.map { .number(Double($0.expiresAt.seconds(since: now))) } ?? .null
                if let r = s.record, let estimate = r.estimate(awakeFraction: awakeFraction) {
                    fields["estimated_cost_per_day"] = .number(estimate.perDay)
                    fields["estimated_cost_until_expiry"] = .number(estimate.until(r.expiresAt, now: now))
                    fields["sleep_saved_this_month"] = .number(r.sleepSaved(now: now))
                }
                // What Cost Explorer says (kept, at most a day old), beside the estimate; null when not known.
                if let actual, actual.tagActivated {
                    fields["actual_cost_month_to_date"] = .number(actual.byEnvironment[s.name] ?? 0)
                    fields["actual_cost_as_of"] = .string(actual.fetchedAt.iso8601)
                }
                fields["next_action"] = .string(s.decision.action)
                fields["reason"] = .string(s.decision.explanation)
                entry = .object(fields)
            }
            return entry
        })
    }

    /// `cleanup`: the TTL scan's status line (`ScanHeartbeat.status`), shown under the title when not empty.
    public static func markdown(_ statuses: [EnvironmentStatus], now: Timestamp, title: String, cleanup: String = "",
                                awakeFraction: Double? = nil, overhead: (dollars: Double, parts: String)? = nil, actual: ActualSpend? = nil) -> String {
        var text = "### \(title)\n\n_\(statuses.count) environment\(statuses.count == 1 ? "" : "s") at \(now.iso8601)_\n\n"
        if !cleanup.isEmpty { text += cleanup + "\n\n" }
        guard !statuses.isEmpty else {
            return text + (overhead == nil ? "" : totals(statuses, awakeFraction: awakeFraction, overhead: overhead)) + spendLines(actual)
        }
        let known = actual?.tagActivated == true ? actual : nil
        text += "| environment | status | template | owner | branch | expires (UTC) | left | est. cost/day | \(known == nil ? "" : "actual this month | ")next |\n"
            + "|---|---|---|---|---|---|---|---|---|\(known == nil ? "" : "---|")\n"
        for s in statuses {
            let r = s.record
            var cells = [s.name, r?.status.rawValue ?? "unreadable", r?.template.rawValue ?? "", r?.owner ?? "",
                         r.map { "\($0.repository)@\($0.branch)" } ?? "", r?.expiresAt.iso8601 ?? "", left(s, now),
                         perDay(s, awakeFraction)]
            if let known { cells.append(Money.text(known.byEnvironment[s.name] ?? 0)) }
            cells.append(s.nextAction())
            text += "| " + cells.map(inertMarkdownCell).joined(separator: " | ") + " |\n"
        }
        text += "\n" + totals(statuses, awakeFraction: awakeFraction, overhead: overhead) + spendLines(actual)
        let saved = sleepSaved(statuses, now: now)
        if awakeFraction != nil || saved > 0 {
            text += "Sleep saved about \(Money.text(saved)) this month (the environments still recorded).\n"
        }
        return text
    }
}
