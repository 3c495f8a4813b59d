import IDPAWS
import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let zoneinfo = OptionSpec.option("zoneinfo", "dir", variable: "TZDIR", default: "/usr/share/zoneinfo",
                                            help: "The IANA time zone database's compiled files (Debian and Ubuntu: tzdata).")

    static let sleep = CommandSpec(
        "sleep", abstract: "Put environments to sleep outside platform.yml's awake hours, and wake them inside.",
        discussion: """
            For every environment (or --environment), decides from its record, sleep.awake of --platform and the clock
            (IDP_NOW for a pinned one): an active environment outside the awake hours is put to sleep (its ECS services scaled
            to 0, its RDS instance stopped, its worker's EventBridge rule disabled; what it had is recorded first), a sleeping
            one inside them (or once the schedule is gone, or its repository opted out) is woken to exactly what was recorded.
            A sleeping one outside them is checked again (AWS starts a stopped RDS instance after 7 days: it is stopped
            again); so a second run changes nothing. Environments whose repository set sleep: false in .idp/config.yml, and
            with the platform's GitHub App those whose pull request carries pull_requests.keep_label, stay awake. With the App
            the pull request's comment says until when it sleeps. Only the platform repository's own runs may run it (exit 3
            from another repository). Outputs: slept, woken, unchanged.
            """,
        examples: ["idp-ttl sleep --bucket my-state --platform platform.yml", "IDP_NOW=2026-11-28T09:00:00Z idp-ttl sleep --dry-run --platform platform.yml"],
        options: [.option("environment", "name", help: "Only this environment."), zoneinfo, SharedOptions.dryRun, AWSSession.bucketOption, ValidationOptions.platform]
    ) { args, runtime throws(ToolFailure) in
        // Every environment is in reach: only the platform's own runs (or a person) may do this.
        let caller = runtime.context.caller
        guard caller.actsForPlatform else {
            throw ToolFailure(.conflict, [Diagnostic(code: "tenancy.not-platform", message: "idp-ttl sleep acts on every environment; a run started "
                + "from \(caller.repository ?? "another repository") may not (only the platform repository's own sleep.yml, IDP_PLATFORM_REPOSITORY)")])
        }
        let settings = try platformSettings(args)
        let zones = try loadZones(settings.sleep, args)
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let resources = SleepResources(client: session.client)
        let dryRun = args.flag(SharedOptions.dryRun), now = runtime.now
        let reports = ScanWarnings()
        let clients = try GitHubSources.clients(runtime, reports: reports)
        let only = args.value("environment")
        let records = try run { () throws(StoreError) in try store.list(now: now, policy: LifecyclePolicy()) }
            .compactMap(\.record).filter { only == nil || $0.name.rawValue == only }
        var counts = (slept: 0, woken: 0, unchanged: 0)
        var failures: [StoreError] = []
        for record in records {
            // The keep label keeps an environment awake, and wakes one that sleeps.
            let kept = (record.status == .active || record.status == .sleeping) && settings.sleep.map { !$0.isAwake(at: now, zones: zones) } == true
                && GitHubSources.sourceState(clients?(record), record, keepLabel: settings.pullRequests.keepLabel, reports) == .kept(label: settings.pullRequests.keepLabel)
            let decision = SleepDecision.decide(record, schedule: settings.sleep, zones: zones, now: now, kept: kept)
            var done: [String] = []
            var note: String??  // the comment's sleep section: .some(text) to write, .some(nil) to remove
            switch decision {
            case .sleep(let until):
                runtime.print("sleep \(record.name): outside the awake hours" + (until.map { ", until \(settings.sleep!.describe($0, zones: zones))" } ?? ""))
                if dryRun { counts.slept += 1; continue }
                guard let d = attempt(record, &failures, runtime, { () throws(StoreError) in
                    try store.sleepEnvironment(record.name.rawValue, resources: resources, now: now)
                }) else { continue }
                done = d
                counts.slept += 1
                // Unless a push woke it while it was being put to sleep.
                if !d.contains(where: { $0.hasPrefix("woken again") }) {
                    note = .some(SleepDecision.sleepingText(until: until, schedule: settings.sleep!, zones: zones))
                }
            case .wake:
                runtime.print("wake \(record.name)")
                if dryRun { counts.woken += 1; continue }
                guard let d = attempt(record, &failures, runtime, { () throws(StoreError) in
                    try store.wakeEnvironment(record.name.rawValue, as: runtime.context.caller, resources: resources, now: now) ?? []
                }) else { continue }
                done = d
                counts.woken += 1
                note = .some(nil)
            case .stay(let why):
                if !dryRun, record.status == .sleeping {
                    done = attempt(record, &failures, runtime, { () throws(StoreError) in try store.ensureAsleep(record, resources: resources, now: now) }) ?? []
                }
                runtime.print("stay \(record.name): \(why)")
                counts.unchanged += done.isEmpty ? 1 : 0
            }
            done.forEach { runtime.print("  \($0)") }
            if let note, let number = record.pullRequest, let client = clients?(record) {
                let sticky = StickyComment(client: client, repository: record.repository, pullRequest: number, authors: ["github-actions[bot]"])
                do throws(GitHubError) { _ = try sticky.setSection(.sleep, of: record.name, to: note) } catch {
                    reports.add(record.repository, Diagnostic(.warning, code: "sleep.comment", message: "cannot update \(record.repository)#\(number) (\(error.message))"))
                }
            }
        }
        runtime.report(reports.byRepository.keys.sorted().compactMap { reports.byRepository[$0] })
        runtime.output("slept", String(counts.slept))
        runtime.output("woken", String(counts.woken))
        runtime.output("unchanged", String(counts.unchanged))
        // Every environment was tried; the first failure (other than a lost race) decides the exit code.
        if let first = failures.first { throw ToolFailure(first.exitStatus, []) }
        return .success
    }

    /// One environment's sleep or wake: a record that changed under it (a destroy, a push) is a
    /// notice and the run goes on with the next; any other failure is reported and remembered.
    static func attempt(_ record: EnvironmentRecord, _ failures: inout [StoreError], _ runtime: Runtime,
                        _ body: () throws(StoreError) -> [String]) -> [String]? {
        do { return try body() } catch {
            if case .transition = error {
                runtime.report([Diagnostic(.notice, code: "sleep.race", message: "\(record.name) changed meanwhile (\(error.message)); left as it is")])
            } else {
                runtime.report([error.diagnostic()])
                failures.append(error)
            }
            return nil
        }
    }

    static let wake = CommandSpec(
        "wake", abstract: "Wake a sleeping environment now (a push, or /preview wake).",
        discussion: """
            Starts what sleep stopped (the RDS instance, the services to their recorded counts, the worker's rule) and
            records the environment active. An environment that is not sleeping is left as it is (exit 0, woke=false); no
            record is exit 4, or with --if-exists exit 0. Inside Actions only the environment's own repository (or the
            platform's) may wake it. Outputs: woke.
            """,
        options: [environment, .flag("if-exists", variable: "IDP_IF_EXISTS", help: "No record is not an error."),
                  .option("wait", "duration", variable: "IDP_WAKE_WAIT", help: "Wait up to this long (e.g. 15m; default 0) for a started database to be available."),
                  AWSSession.bucketOption]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let wait = try waitSeconds(args)
        do throws(StoreError) {
            let resources = SleepResources(client: session.client)
            let woke = try store.wakeEnvironment(name.rawValue, as: runtime.context.caller, resources: resources, now: runtime.now)
            let done = woke ?? []
            done.forEach { runtime.print("  \($0)") }
            // An apply right after StartDBInstance would meet a database that is still starting.
            if let seconds = wait, let db = done.first(where: { $0.hasPrefix("started database ") })?.dropFirst("started database ".count) {
                try waitUntilAvailable(String(db), resources: resources, client: session.client, seconds: seconds, runtime)
            }
            runtime.print(woke == nil ? "\(name) is not asleep: nothing to wake" : "woke \(name)")
            runtime.output("woke", String(woke != nil))
            return .success
        } catch {
            if case .notFound = error, args.flag("if-exists") {
                runtime.output("woke", "false")
                return .success
            }
            throw error.failure
        }
    }

    static func waitSeconds(_ args: Arguments) throws(ToolFailure) -> Int? {
        guard let text = args.value("wait"), text != "0" else { return nil }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600]
        guard let unit = text.last.flatMap({ units[$0] }), let n = Int(text.dropLast()), n > 0, n * unit <= 3_600 else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "usage", message: "--wait \(quoted(text)) is not a duration such as 90s, 15m or 1h (at most 1h)",
                                                         subject: args.source("wait"))])
        }
        return n * unit
    }

    static func waitUntilAvailable(_ db: String, resources: SleepResources, client: AWSClient, seconds: Int, _ runtime: Runtime) throws(StoreError) {
        var waited = 0
        while true {
            let status: String?
            do { status = try resources.rds.status(of: db) } catch { throw .aws(error) }
            if status == "available" { runtime.print("  database \(db) is available"); return }
            guard waited < seconds else {
                runtime.report([Diagnostic(.warning, code: "sleep.wait", message: "database \(db) is still \(status ?? "absent") after \(seconds) s; going on")])
                return
            }
            client.sleep(15)
            waited += 15
        }
    }

    /// Every zone the schedule names, read from the zoneinfo directory; an unknown zone stops the run.
    static func loadZones(_ schedule: AwakeSchedule?, _ args: Arguments) throws(ToolFailure) -> [String: TimeZoneRules] {
        var zones: [String: TimeZoneRules] = [:]
        for name in schedule?.zoneNames ?? [] {
            let path = args.defaulted(zoneinfo) + "/" + name
            let bytes: [UInt8]
            do { bytes = try SystemIO.read(path, limit: 1 << 20) } catch {
                throw ToolFailure(.invalidInput, [TimeZoneError.unknown(name).diagnostic(subject: "sleep.awake")])
            }
            do throws(TimeZoneError) { zones[name] = try TimeZoneRules.parse(tzif: bytes, name: name) } catch {
                throw ToolFailure(.invalidInput, [error.diagnostic(at: SourceLocation(file: path))])
            }
        }
        return zones
    }

    /// The share of the coming week the platform's schedule keeps environments awake (nil without
    /// `sleep:`), for estimates; `settings` are `--platform`'s, read once by the caller.
    static func awakeFraction(_ settings: PlatformSettings, _ args: Arguments, now: Timestamp) throws(ToolFailure) -> Double? {
        guard let schedule = settings.sleep else { return nil }
        return schedule.awakeFraction(from: now, zones: try loadZones(schedule, args))
    }
}
