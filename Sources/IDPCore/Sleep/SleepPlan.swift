/// What sleep stops of an environment, by its template's declaration (`sleep:`): names the
/// templates' modules give their resources (`scripts/check-infrastructure` checks that the
/// modules still name them so).
public struct SleepTargets: Sendable, Equatable {
    /// ECS services as `cluster/service`.
    public var services: [String]
    public var database: String?
    public var rule: String?
    /// CloudWatch alarms whose actions are silenced while asleep: "fewer tasks running than
    /// desired" (missing data counts as breaching) would otherwise page someone every night. The
    /// others read missing data as missing and stay quiet. No other environment's alarm can have
    /// this name (`<other>-running-tasks` is only `<other>`'s), unlike `<name>-db-cpu`, which
    /// environment `<name>-db`'s CPU alarm would share (modules/monitoring).
    public var alarms: [String]

    public var stopsNothing: Bool { services.isEmpty && database == nil && rule == nil }

    public init(services: [String] = [], database: String? = nil, rule: String? = nil, alarms: [String] = []) {
        self.services = services
        self.database = database
        self.rule = rule
        self.alarms = alarms
    }
}

extension TemplateDeclaration {
    /// The resources of environment `name` that cost money while running and can be stopped, and
    /// the alarms to silence meanwhile: the declaration's patterns with `{name}` filled in.
    public func sleepTargets(for name: EnvironmentName) -> SleepTargets {
        func named(_ pattern: String) -> String { pattern.replacing("{name}", with: name.rawValue) }
        return SleepTargets(services: sleep.services.map(named), database: sleep.database.map(named), rule: sleep.rule.map(named),
                            alarms: sleep.alarms.map(named))
    }
}

/// Whether an environment should sleep or wake now, from its record, the schedule and the clock.
public enum SleepDecision: Equatable, Sendable {
    case sleep(until: Timestamp?)
    case wake
    /// Nothing to change (the reason, for the log).
    case stay(String)

    /// A push, or a wake by hand, keeps an environment awake at least this long, even outside the
    /// awake hours (its `statusChangedAt`, which every deploy and wake stamps). Seconds.
    public static let wakeHold: Int64 = 2 * 3_600

    /// Pure: `schedule` nil means the platform puts nothing to sleep (and wakes what sleeps);
    /// `kept` is the pull request's keep label, which keeps an environment awake too.
    public static func decide(_ record: EnvironmentRecord, schedule: AwakeSchedule?, zones: [String: TimeZoneRules], now: Timestamp,
                              kept: Bool = false) -> SleepDecision {
        let awake = schedule.map { $0.isAwake(at: now, zones: zones) } ?? true
        let optedOut = !record.sleeps || kept
        switch record.status {
        case .sleeping:
            if awake || optedOut { return .wake }
            return .stay("asleep outside the awake hours")
        case .active:
            if awake { return .stay(schedule == nil ? "the platform has no sleep schedule" : "inside the awake hours") }
            if !record.sleeps { return .stay("its repository opted out (sleep: false)") }
            if kept { return .stay("its pull request carries the keep label") }
            let held = now.seconds(since: record.statusChangedAt)
            if held < wakeHold { return .stay("deployed or woken \(humanDuration(seconds: max(0, held))) ago: awake for \(humanDuration(seconds: wakeHold)) after that") }
            return .sleep(until: schedule?.nextChange(after: now, zones: zones))
        default:
            return .stay("\(record.status.rawValue): only active environments sleep")
        }
    }

    /// The line for the pull-request comment.
    public static func sleepingText(until: Timestamp?, schedule: AwakeSchedule, zones: [String: TimeZoneRules]) -> String {
        let when = until.map { " until \(schedule.describe($0, zones: zones))" } ?? ""
        return "😴 sleeping\(when) — push or comment `/preview wake` to wake it now."
    }
}
