/// OpenTofu's state lock, as its S3 backend stores it: the DynamoDB item `<bucket>/<key>` or the
/// object `<key>.tflock`, both holding the same JSON (`ID`, `Operation`, `Who`, `Version`,
/// `Created`, `Path`), and the rule that says when a lock can only have been left by a dead run.
public struct StateLock: Sendable, Equatable {
    /// The lock's ID, what `tofu force-unlock` takes.
    public var id: String?
    public var operation: String?
    /// `user@host` of the process that took it.
    public var who: String?
    /// When it was taken; nil when the JSON has no readable `Created`.
    public var created: Timestamp?

    public init(id: String?, operation: String?, who: String?, created: Timestamp?) {
        self.id = id
        self.operation = operation
        self.who = who
        self.created = created
    }

    /// Reads the lock's JSON; fields it cannot read stay nil (and a lock of unreadable age is never broken).
    public init(info: String) {
        let value = try? JSONValue.parse(info)
        self.init(id: value?["ID"]?.stringValue, operation: value?["Operation"]?.stringValue, who: value?["Who"]?.stringValue,
                  created: value?["Created"]?.stringValue.flatMap(Self.timestamp))
    }

    /// OpenTofu writes `Created` with nanoseconds (`2026-11-22T09:30:00.123456789Z`); the second is enough.
    static func timestamp(_ text: String) -> Timestamp? {
        if let exact = Timestamp(iso8601: text) { return exact }
        guard let dot = text.firstIndex(of: "."), text.hasSuffix("Z") else { return nil }
        return Timestamp(iso8601: String(text[..<dot]) + "Z")
    }

    /// GitHub's cancellation of a job (SIGINT, then SIGTERM, then the process tree killed) and the
    /// runner's shutdown take seconds; five minutes cover them and a clock that is a little off.
    public static let cancellationGrace: Int64 = 5 * 60

    /// The longest a job can hold an environment's lock: the longest job timeout a template may
    /// declare (a provision's template follows the pushed config, so any template's job may hold
    /// it), plus the grace. No runner can still be inside an apply that took the lock longer ago.
    public static var longestHold: Int64 {
        Int64(TemplateDeclaration.maxTimeoutMinutes) * 60 + cancellationGrace
    }

    /// What may be done with a lock at `now`.
    public enum Verdict: Sendable, Equatable {
        /// Older than any job may run: its run is dead; it may be broken. Seconds since it was taken.
        case orphaned(age: Int64)
        /// A run may still hold it: never touched. Seconds since it was taken (negative: a clock ahead).
        case held(age: Int64)
        /// No readable `Created`: never touched.
        case unreadableAge
    }

    public func verdict(now: Timestamp) -> Verdict {
        guard let created else { return .unreadableAge }
        let age = now.seconds(since: created)
        return age > Self.longestHold ? .orphaned(age: age) : .held(age: age)
    }

    /// One line for logs: who holds it, since when, and what a person can run.
    public func describe(now: Timestamp, where place: String) -> String {
        let since = created.map { "since \($0) (\(humanDuration(seconds: max(0, now.seconds(since: $0)))) ago)" } ?? "since an unreadable time"
        return "\(place) is held by \(who ?? "an unknown process") (\(operation ?? "an unknown operation"), lock ID \(id ?? "unknown")) \(since)"
    }

    /// What a person can do about a lock this rule will not break.
    public func advice(workingDirectory: String) -> String {
        "if no run still uses it, run `tofu force-unlock \(id ?? "<lock ID>")` in \(workingDirectory) after `tofu init` with the same backend; "
            + "locks older than \(humanDuration(seconds: Self.longestHold)) are removed by the next run"
    }
}
