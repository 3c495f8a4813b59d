import IDPAWS
import IDPCore

/// One run of sleep over every environment: each put to sleep outside the awake hours, woken inside
/// them, or checked again, in a fair order (the longest unvisited first) and within a time budget:
/// past it, the rest waits for the next run, which starts with them. GitHub (the keep label, the
/// pull request's comment) is the caller's, through `isKept` and `comment`.
public struct SleepRun {
    public struct Outcome: Sendable {
        public var slept = 0, woken = 0, unchanged = 0
        public var failures: [StoreError] = []
        /// The environments visited, for the next run's order; the ones the budget left for it.
        public var visited: [String] = []
        public var postponed: [String] = []
    }

    public let store: EnvironmentStore
    public let resources: SleepResources
    /// What each template's environments have that sleep stops (its declaration's `sleep:`).
    public let templates: TemplateCatalog
    public let schedule: AwakeSchedule?
    public let zones: [String: TimeZoneRules]
    public let now: Timestamp
    public let dryRun: Bool
    public let caller: Caller
    public let budget: RunBudget
    public let clock: () -> Timestamp
    /// Whether the pull request carries the keep label (set by someone who may write).
    public let isKept: (EnvironmentRecord) -> Bool
    /// The comment's sleep section: `.some(text)` to write, `.some(nil)` to remove.
    public let comment: (EnvironmentRecord, String?) -> Void
    public let log: (String) -> Void
    public let report: (Diagnostic) -> Void

    public init(store: EnvironmentStore, resources: SleepResources, templates: TemplateCatalog, schedule: AwakeSchedule?, zones: [String: TimeZoneRules], now: Timestamp,
                dryRun: Bool, caller: Caller, budget: RunBudget, clock: @escaping () -> Timestamp, isKept: @escaping (EnvironmentRecord) -> Bool,
                comment: @escaping (EnvironmentRecord, String?) -> Void, log: @escaping (String) -> Void, report: @escaping (Diagnostic) -> Void) {
        self.store = store
        self.resources = resources
        self.templates = templates
        self.schedule = schedule
        self.zones = zones
        self.now = now
        self.dryRun = dryRun
        self.caller = caller
        self.budget = budget
        self.clock = clock
        self.isKept = isKept
        self.comment = comment
        self.log = log
        self.report = report
    }

    public func run(_ records: [EnvironmentRecord], visited: [String: Timestamp]) -> Outcome {
        var outcome = Outcome()
        let byName = Dictionary(records.map { ($0.name.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        for name in RunBudget.fairOrder(Array(byName.keys), lastVisited: visited) {
            guard let record = byName[name] else { continue }
            guard !budget.isSpent(at: clock()) else { outcome.postponed.append(name); continue }
            outcome.visited.append(name)
            visit(record, &outcome)
        }
        if !outcome.postponed.isEmpty {
            report(Diagnostic(.notice, code: "sleep.budget", message: "the run's budget (\(budget.seconds) s) was spent: \(outcome.postponed.count) "
                + "environments wait for the next run, which starts with them (\(outcome.postponed.sorted().joined(separator: ", ")))"))
        }
        return outcome
    }

    func visit(_ record: EnvironmentRecord, _ outcome: inout Outcome) {
        // A template whose declaration stops nothing (no tasks, no database) is left as it is.
        guard let targets = templates.template(record.template)?.declaration.sleepTargets(for: record.name), !targets.stopsNothing else {
            log("stay \(record.name): template \(record.template) has nothing sleep stops" + (templates.template(record.template) == nil ? " (no such template here)" : ""))
            outcome.unchanged += 1
            return
        }
        // The keep label keeps an environment awake, and wakes one that sleeps.
        let kept = (record.status == .active || record.status == .sleeping) && schedule.map { !$0.isAwake(at: now, zones: zones) } == true && isKept(record)
        var done: [String] = []
        var note: String??
        switch SleepDecision.decide(record, schedule: schedule, zones: zones, now: now, kept: kept) {
        case .sleep(let until):
            log("sleep \(record.name): outside the awake hours" + (until.map { ", until \(schedule!.describe($0, zones: zones))" } ?? ""))
            if dryRun { outcome.slept += 1; return }
            guard let d = attempt(record, &outcome, { () throws(StoreError) in try store.sleepEnvironment(record.name.rawValue, targets: targets, resources: resources, now: now) }) else { return }
            done = d
            outcome.slept += 1
            // Unless a push woke it while it was being put to sleep.
            if !d.contains(where: { $0.hasPrefix("woken again") }) { note = .some(SleepDecision.sleepingText(until: until, schedule: schedule!, zones: zones)) }
        case .wake:
            log("wake \(record.name)")
            if dryRun { outcome.woken += 1; return }
            guard let d = attempt(record, &outcome, { () throws(StoreError) in
                try store.wakeEnvironment(record.name.rawValue, as: caller, resources: resources, now: now) ?? []
            }) else { return }
            done = d
            outcome.woken += 1
            note = .some(nil)
        case .stay(let why):
            if !dryRun, record.status == .sleeping {
                done = attempt(record, &outcome, { () throws(StoreError) in try store.ensureAsleep(record, resources: resources, now: now) }) ?? []
            }
            log("stay \(record.name): \(why)")
            outcome.unchanged += done.isEmpty ? 1 : 0
        }
        done.forEach { log("  \($0)") }
        if let note { comment(record, note) }
    }

    /// One environment's sleep or wake: a record that changed under it (a destroy, a push) is a
    /// notice and the run goes on with the next; any other failure is reported and remembered.
    func attempt(_ record: EnvironmentRecord, _ outcome: inout Outcome, _ body: () throws(StoreError) -> [String]) -> [String]? {
        do { return try body() } catch {
            if case .transition = error {
                report(Diagnostic(.notice, code: "sleep.race", message: "\(record.name) changed meanwhile (\(error.message)); left as it is"))
            } else {
                report(error.diagnostic())
                outcome.failures.append(error)
            }
            return nil
        }
    }
}
