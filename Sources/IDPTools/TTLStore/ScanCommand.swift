import IDPAWS
import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let maxDestroys = OptionSpec.option("max", "n", variable: "IDP_MAX_DESTROYS", default: String(EnvironmentStatus.maxHandedOver),
                                               help: "Most environments handed to destroy per run (at most 4 matrices of 256).")
    static let budget = OptionSpec.option("budget", "duration", variable: "IDP_SCAN_BUDGET", default: "10m",
                                          help: "Time for GitHub look-ups and warnings, then the rest waits for the next run (e.g. 10m; default and 0: 10m).")

    static let scan = CommandSpec(
        "scan", abstract: "Find expired and stuck environments, mark them destroying, and emit a destroy matrix.",
        discussion: """
            Outputs: matrix ({"include":[{"environment":…,"template":…}]}) and count for all; matrix_1…matrix_4 and
            count_1…count_4 in chunks of at most 256 (GitHub's matrix limit), one per destroy job of ttl-cleanup.yml;
            deferred, reported, locks_removed, warned. At most --max environments (default and most 1024) are handed over; the rest
            wait for the next run. Records are read IDP_MAX_CONCURRENCY (default 32) at a time. Unreadable records are
            reported and never destroyed. With the platform's GitHub App (IDP_GITHUB_APP_ID and IDP_GITHUB_APP_PRIVATE_KEY:
            a read-only token is minted per consumer owner) or a token (IDP_GITHUB_TOKEN), an environment whose pull request
            was closed or merged, or whose branch was deleted, is destroyed too, with that reason; an owner without the App,
            or a repository the token cannot see, follows its TTL alone. An expired environment whose pull request carries
            pull_requests.keep_label is kept until guardrails.max_lifetime after its creation; one that expires before the
            next scan plus pull_requests.expiry_warning gets a warning in its pull-request comment, once per expiry. State locks of environments that are not simply active
            and provably orphaned (see `unlock`) are removed; younger ones are reported. Leaves the scan's heartbeat.
            GitHub look-ups and warnings stop when --budget is spent (a retry-after longer than what is left is not waited
            for): those environments follow their TTL alone this run, and the next run looks them up first (the longest
            unvisited first), so that what was decided is always handed over before the job's time runs out.
            """,
        options: [maxDestroys, budget, SharedOptions.dryRun, LifecycleOptions.stuckAfter, AWSSession.bucketOption, UnlockCommand.lockTable, ValidationOptions.platform,
                  SharedOptions.templates]
    ) { args, runtime throws(ToolFailure) in
        let most = EnvironmentStatus.maxHandedOver
        guard let limit = Int(args.defaulted(maxDestroys)), (1...most).contains(limit) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "usage", message: "--max \(quoted(args.defaulted(maxDestroys))) must be 1 to \(most)",
                                                         subject: args.source(maxDestroys))])
        }
        var policy = try Templates.policy(args)
        let settings = try platformSettings(args)
        policy.maxLifetime = settings.guardrails.maxLifetime.seconds
        let controls = settings.pullRequests
        let dryRun = args.flag(SharedOptions.dryRun)
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        // With the platform's App, environments whose pull request closed (or branch went) go too.
        let lookupReports = ScanWarnings()
        let clients = try GitHubSources.clients(runtime, reports: lookupReports)
        if clients == nil {
            runtime.report([Diagnostic(.notice, code: "scan.github", message: "no GitHub App (IDP_GITHUB_APP_ID, IDP_GITHUB_APP_PRIVATE_KEY) or token "
                + "(IDP_GITHUB_TOKEN): closed pull requests and deleted branches are not looked up, so their environments follow their TTL alone; "
                + "set github_app_id in platform.yml and the secret IDP_APP_PRIVATE_KEY of the environment idp-platform")])
        }
        let budget = RunBudget(start: runtime.wallClock, seconds: try waitSeconds(args, budget.name, most: 3_600).map(Int64.init) ?? RunBudget.scanSeconds)
        var visits = try run { () throws(StoreError) in try store.readVisits("scan") }
        var visited: [String] = [], skipped = 0
        let sources: (EnvironmentRecord) -> SourceState = { record in
            let left = budget.remaining(at: SystemIO.now())
            guard left > 0 else { skipped += 1; return .unknown }
            guard let client = clients?(record) else { return .unknown }
            client.maxWait = Int(min(900, left))  // a retry-after past the budget is not waited for
            visited.append(record.name.rawValue)
            return GitHubSources.sourceState(client, record, keepLabel: controls.keepLabel, lookupReports)
        }
        let statuses = try run { () throws(StoreError) in
            try store.scan(now: runtime.now, policy: policy, limit: limit, dryRun: dryRun, visited: visits.lastVisited, sources: sources)
        }
        if skipped > 0 {
            lookupReports.add("budget", Diagnostic(.notice, code: "scan.budget", message: "the scan's budget (\(budget.seconds) s) was spent: \(skipped) "
                + "environments were not looked up on GitHub and follow their TTL alone this run; the next run looks them up first"))
        }
        for s in statuses { runtime.print("\(s.nextAction(dryRun: dryRun)) \(s.name): \(s.decision.explanation)") }
        var reports = EnvironmentStatus.scanReports(statuses, dryRun: dryRun)
        var cleared = 0
        if !dryRun {
            try run { () throws(StoreError) in try store.writeHeartbeat(ScanHeartbeat(scannedAt: runtime.now, runURL: runtime.context.runURL)) }
            let locks = args.value(UnlockCommand.lockTable).map { DynamoDBClient(client: session.client, table: $0) }
            for found in try run({ () throws(StoreError) in try store.clearOrphanedLocks(statuses, locks: locks, now: runtime.now) }) {
                let (name, entry) = (found.name, found.lock)
                let text = entry.lock.describe(now: runtime.now, where: entry.place)
                if entry.removed {
                    cleared += 1
                    runtime.print("removed orphaned lock of \(name): \(text)")
                } else {
                    reports.append(Diagnostic(.notice, code: "state.locked", message: "environment \(quoted(name)): \(text)"))
                }
            }
        }
        var warned = 0
        if !dryRun, let clients {
            warned = GitHubSources.warnOfExpiry(statuses, controls: controls, clients: clients, store: store, runtime, reports: lookupReports, budget: budget)
            visits.record(visited, at: runtime.now, existing: Set(statuses.map(\.name)))
            try run { () throws(StoreError) in try store.writeVisits("scan", visits) }
        }
        runtime.report(reports + lookupReports.byRepository.keys.sorted().compactMap { lookupReports.byRepository[$0] })
        runtime.output("matrix", EnvironmentStatus.destroyMatrix(statuses).rendered(pretty: false))
        runtime.output("count", String(statuses.filter(\.marked).count))
        for (index, chunk) in EnvironmentStatus.destroyMatrices(statuses).enumerated() {
            runtime.output("matrix_\(index + 1)", chunk.matrix.rendered(pretty: false))
            runtime.output("count_\(index + 1)", String(chunk.count))
        }
        runtime.output("deferred", String(statuses.filter(\.deferred).count))
        runtime.output("reported", String(reports.count))
        runtime.output("locks_removed", String(cleared))
        runtime.output("warned", String(warned))
        runtime.summarize(Dashboard.markdown(statuses, now: runtime.now, title: "TTL scan\(dryRun ? " (dry run)" : "")"))
        return .success
    }
}
