/// The mark `idp-ttl scan` leaves in the state bucket each time it runs, so that a TTL cleanup that
/// stopped running is noticed rather than silently costing money.
///
/// GitHub disables the scheduled workflows of a public repository after 60 days without activity,
/// and a disabled schedule cannot re-enable itself; every environment then lives on. The pushes of
/// consumers' pull requests and the dashboard read this mark and say so when it is overdue.
public struct ScanHeartbeat: Sendable, Equatable {
    /// When the scan last ran (not a dry run).
    public var scannedAt: Timestamp
    /// The run that scanned, when known (`$GITHUB_SERVER_URL/<repo>/actions/runs/<id>`).
    public var runURL: String?

    public init(scannedAt: Timestamp, runURL: String? = nil) {
        self.scannedAt = scannedAt
        self.runURL = runURL
    }

    /// Where the mark lives in the state bucket: outside `environments/`, so it is never listed as one.
    public static let key = "platform/last-scan.json"
    /// ttl-cleanup.yml runs every 4 hours.
    public static let interval: Int64 = 4 * 3_600
    /// Overdue after three missed runs: one late or failed run is not yet news.
    public static let overdueAfter: Int64 = 3 * interval

    /// Whether the scan is overdue at `now`; a platform that never scanned is overdue too.
    public static func isOverdue(_ heartbeat: ScanHeartbeat?, now: Timestamp) -> Bool {
        guard let heartbeat else { return true }
        return now.seconds(since: heartbeat.scannedAt) > overdueAfter
    }

    /// One line for the dashboard: when the scan last ran, and the warning when that is too long ago.
    public static func status(_ heartbeat: ScanHeartbeat?, now: Timestamp) -> String {
        if let warning = warning(heartbeat, now: now) { return "⚠️ " + warning }
        guard let heartbeat else { return "" }
        return "TTL cleanup last ran \(humanDuration(seconds: now.seconds(since: heartbeat.scannedAt))) ago (\(heartbeat.scannedAt))"
    }

    /// What to tell people when the scan is overdue (nil when it is not).
    public static func warning(_ heartbeat: ScanHeartbeat?, now: Timestamp) -> String? {
        guard isOverdue(heartbeat, now: now) else { return nil }
        let since = heartbeat.map { "has not run since \($0.scannedAt) (\(humanDuration(seconds: now.seconds(since: $0.scannedAt))) ago)" }
            ?? "has never run"
        return "the platform's TTL cleanup (ttl-cleanup.yml) \(since), so expired environments are not destroyed; GitHub disables "
            + "a public repository's schedules after 60 days without activity: the platform team re-enables it with "
            + "`gh workflow enable ttl-cleanup.yml` in the platform repository"
    }

    /// The mark as stored: `{"scanned_at": "…", "run_url": "…"}`.
    public var json: String {
        var fields: [String: JSONValue] = ["scanned_at": .string(scannedAt.iso8601)]
        if let runURL { fields["run_url"] = .string(runURL) }
        return JSONValue.object(fields).rendered()
    }

    /// The stored mark, or nil when it cannot be read (then the scan counts as overdue).
    public init?(json bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes),
              let at = value["scanned_at"]?.stringValue.flatMap(Timestamp.init(iso8601:)) else { return nil }
        self.init(scannedAt: at, runURL: value["run_url"]?.stringValue)
    }
}
