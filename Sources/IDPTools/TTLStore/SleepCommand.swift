import IDPAWS
import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let zoneinfo = OptionSpec.option("zoneinfo", "dir", variable: "TZDIR", default: "/usr/share/zoneinfo",
                                            help: "The IANA time zone database's compiled files (Debian and Ubuntu: tzdata).")

    static let sleepBudget = OptionSpec.option("budget", "duration", variable: "IDP_SLEEP_BUDGET", default: "10m",
                                               help: "Time for this run; the environments left wait for the next (e.g. 10m; default and 0: 10m).")

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
            from another repository). Environments are visited the longest unvisited first, within --budget (default 10m;
            GitHub's retry-after is never waited for past it): the rest waits for the next run, which starts with them.
            Outputs: slept, woken, unchanged, postponed.
            """,
        examples: ["idp-ttl sleep --bucket my-state --platform platform.yml", "IDP_NOW=2026-11-28T09:00:00Z idp-ttl sleep --dry-run --platform platform.yml"],
        options: [.option("environment", "name", help: "Only this environment."), zoneinfo, sleepBudget, SharedOptions.dryRun, AWSSession.bucketOption,
                  ValidationOptions.platform, SharedOptions.templates]
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
        let reports = ScanWarnings()
        let clients = try GitHubSources.clients(runtime, reports: reports)
        let only = args.value("environment")
        let records = try run { () throws(StoreError) in try store.list(now: runtime.now, policy: LifecyclePolicy()) }
            .compactMap(\.record).filter { only == nil || $0.name.rawValue == only }
        let budget = RunBudget(start: runtime.wallClock, seconds: try waitSeconds(args, sleepBudget.name, most: 3_600).map(Int64.init) ?? RunBudget.sleepSeconds)
        var visits = try run { () throws(StoreError) in try store.readVisits("sleep") }
        let sleep = SleepRun(
            store: store, resources: SleepResources(client: session.client), templates: try Templates.catalog(args), schedule: settings.sleep, zones: zones, now: runtime.now,
            dryRun: args.flag(SharedOptions.dryRun), caller: caller, budget: budget, clock: SystemIO.now,
            isKept: { record in
                let client = clients?(record)
                client?.maxWait = Int(min(900, budget.remaining(at: SystemIO.now())))  // never past the budget
                return GitHubSources.sourceState(client, record, keepLabel: settings.pullRequests.keepLabel, reports) == .kept(label: settings.pullRequests.keepLabel)
            },
            comment: { record, note in
                guard let number = record.pullRequest, let client = clients?(record) else { return }
                client.maxWait = Int(min(900, budget.remaining(at: SystemIO.now())))  // no retry-after past the budget
                let sticky = StickyComment(client: client, repository: record.repository, pullRequest: number, authors: ["github-actions[bot]"])
                do throws(GitHubError) { _ = try sticky.setSection(.sleep, of: record.name, to: note) } catch {
                    reports.add(record.repository, Diagnostic(.warning, code: "sleep.comment", message: "cannot update \(record.repository)#\(number) (\(error.message))"))
                }
            },
            log: { runtime.print($0) }, report: { runtime.report([$0]) })
        let outcome = sleep.run(records, visited: visits.lastVisited)
        if !args.flag(SharedOptions.dryRun) {
            visits.record(outcome.visited, at: runtime.now, existing: Set(records.map(\.name.rawValue)))
            try run { () throws(StoreError) in try store.writeVisits("sleep", visits) }
        }
        runtime.report(reports.byRepository.keys.sorted().compactMap { reports.byRepository[$0] })
        runtime.output("slept", String(outcome.slept))
        runtime.output("woken", String(outcome.woken))
        runtime.output("unchanged", String(outcome.unchanged))
        runtime.output("postponed", String(outcome.postponed.count))
        // Every environment was tried; the first failure (other than a lost race) decides the exit code.
        if let first = outcome.failures.first { throw ToolFailure(first.exitStatus, []) }
        return .success
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
