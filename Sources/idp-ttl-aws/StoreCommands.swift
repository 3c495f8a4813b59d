import IDPCore
import IDPAWS
import IDPGitHub
import IDPConfig
import IDPPlatform
import IDPRuntime
import IDPToolSupport

/// The lifecycle subcommands that read and write environment records in the state bucket.
enum StoreCommands {
    static let environment = SharedOptions.environment
    static let maxDestroys = OptionSpec.option("max", "n", variable: "IDP_MAX_DESTROYS", default: String(EnvironmentStatus.maxHandedOver),
                                               help: "Most environments handed to destroy per run (at most 4 matrices of 256).")
    static let staleAfter = OptionSpec.option("stale-after", "duration", variable: "IDP_STALE_AFTER", default: "2h", help: "Locks older than this are stale and removed.")
    static let format = OptionSpec.option("format", "format", variable: "IDP_FORMAT", default: "table", help: "table, json or markdown.")

    static func name(_ args: Arguments) throws(ToolFailure) -> EnvironmentName {
        let text = try args.required("environment")
        do throws(NameError) { return try EnvironmentName(text) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("environment"))])
        }
    }

    /// Runs a store operation, mapping its error to the exit-code table.
    static func run<T>(_ body: () throws(StoreError) -> T) throws(ToolFailure) -> T {
        do { return try body() } catch { throw error.failure }
    }

    /// `.idp/config.yml` (or `--config`), for the values flags leave open; invalid files are refused.
    static func projectConfig(_ args: Arguments, maximum: TTL) throws(ToolFailure) -> ProjectConfig {
        let path = args.value("config") ?? ProjectConfig.defaultPath
        guard args.value("config") != nil || SystemIO.fileExists(path) else { return ProjectConfig() }
        let (config, problems) = ProjectConfig.parse(yaml: try ToolInputs.readText(path, limit: ProjectConfig.maxFileBytes), path: path, maximumTTL: maximum)
        guard !problems.hasErrors else { throw ToolFailure(.invalidInput, problems) }
        return config
    }

    /// `--platform`'s settings (the guardrails, prices and region), or the defaults when no file is named.
    static func platformSettings(_ args: Arguments) throws(ToolFailure) -> PlatformSettings {
        guard let file = try ValidationOptions.platformFile(args) else { return PlatformSettings() }
        let (settings, problems) = PlatformSettings.parse(yaml: file.text, path: file.path)
        guard !problems.hasErrors else { throw ToolFailure(.invalidInput, problems) }
        return settings
    }

    static func describe(_ r: EnvironmentRecord, _ runtime: Runtime) {
        runtime.output("found", "true")
        runtime.output("status", r.status.rawValue)
        runtime.output("repository", r.repository)
        runtime.output("repository_owner", r.repositoryOwner)
        runtime.output("repository_name", r.repositoryName)
        runtime.output("branch", r.branch)
        runtime.output("pr_number", r.pullRequest.map(String.init) ?? "")
        runtime.output("created_at", r.createdAt.iso8601)
        runtime.output("expires_at", r.expiresAt.iso8601)
        runtime.output("template", r.template.rawValue)
        runtime.output("ttl", r.ttl)
        runtime.output("timeout_minutes", String(r.template.timeoutMinutes))
        runtime.output("cost_per_hour", r.costPerHour.map { String($0) } ?? "")
    }

    static let commit = OptionSpec.option("commit", "sha", variable: "IDP_COMMIT",
                                          help: "This run's commit: mark --status active records it as deployed; extend compares it with the deployed one.")

    /// Whether `commit` is provably older than the commit `record` runs (GitHub's compare); a
    /// comparison that cannot be made is not stale, with a warning.
    static func isStale(_ record: EnvironmentRecord, commit: String?, _ runtime: Runtime) throws(ToolFailure) -> Bool {
        guard let commit, let deployed = record.deployedCommit, deployed != commit, runtime.context.caller.inActions,
              let github = try GitHubSources.client(runtime) else { return false }
        do throws(GitHubError) {
            guard let order = try github.commitOrder(record.repository, base: deployed, head: commit) else { return false }
            if order.skipsApply {
                runtime.report([Diagnostic(.notice, code: "deploy.stale", message: "\(commit.prefix(12)) is older than \(deployed.prefix(12)), which "
                    + "\(record.name) already runs (an older push that ran late): not applied")])
            }
            return order.skipsApply
        } catch {
            runtime.report([Diagnostic(.warning, code: "deploy.order", message: "cannot compare \(commit.prefix(12)) with the deployed "
                + "\(deployed.prefix(12)) (\(error.message)); applying it")])
            return false
        }
    }

    /// A push to a pull request (whose provision runs `extend`) says so when the platform's TTL
    /// cleanup has stopped running (a stored mark that is overdue); an unreadable or absent mark
    /// says nothing here (`list` and the dashboard do).
    static func warnIfCleanupStopped(_ store: EnvironmentStore, _ runtime: Runtime) {
        guard let heartbeat = try? store.readHeartbeat(), let warning = ScanHeartbeat.warning(heartbeat, now: runtime.now) else { return }
        runtime.report([Diagnostic(.warning, code: "cleanup.overdue", message: warning)])
    }

    static let show = CommandSpec(
        "show", abstract: "Print one environment's row of `list`; changes nothing.",
        discussion: """
            Outputs: found, status, repository (also as repository_owner and repository_name), branch, pr_number, created_at, expires_at, template, ttl, timeout_minutes (the job
            budget for provisioning or destroying its template). With --if-exists a missing record is found=false and exit 0
            (a destroy that already finished), not exit 4, with the longest template's timeout_minutes.
            """,
        options: [
            environment, LifecycleOptions.stuckAfter, AWSSession.bucketOption,
            .flag("if-exists", variable: "IDP_IF_EXISTS", help: "No record is not an error: output found=false."),
        ]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let policy = try LifecycleOptions.policy(args)
        let store = try AWSSession(runtime: runtime).store(args)
        let status: EnvironmentStatus
        do throws(StoreError) { status = try store.status(of: name.rawValue, now: runtime.now, policy: policy) } catch {
            guard case .notFound = error, args.flag("if-exists") else { throw error.failure }
            runtime.print("no record of \(name): nothing to do")
            runtime.output("found", "false")
            // A destroy decides again inside the environment's group, where a provision may have recorded it meanwhile.
            runtime.output("timeout_minutes", String(Template.longestTimeoutMinutes))
            return .success
        }
        runtime.print(Dashboard.table([status], now: runtime.now))
        if let record = status.record { describe(record, runtime) }
        return .success
    }

    static let create = CommandSpec(
        "create", abstract: "Record a new environment (refused when another repository or branch holds the name).",
        discussion: """
            Outputs: created (true/false), status, created_at, expires_at, template, ttl, timeout_minutes, cost_per_hour (the
            estimate recorded, US dollars). Re-running for the same repository and branch changes nothing but the estimate,
            which follows the config (a push that changes CPU or memory changes it). A new environment
            is first checked against platform.yml's guardrails (--platform): a refusal is exit 3, records nothing and gives
            the output refused (the reasons). Inside Actions with --pr and a token, a pull request GitHub says is closed is
            recorded nowhere: output closed=true, exit 0.
            """,
        options: [
            environment,
            SharedOptions.template, SharedOptions.ttl, SharedOptions.config, SharedOptions.owner, SharedOptions.repository,
            .option("branch", "branch", variable: "IDP_BRANCH", help: "Branch; else GITHUB_HEAD_REF or GITHUB_REF_NAME."),
            .option("schedule", "expression", variable: "IDP_SCHEDULE", help: "scheduled-worker's schedule, for its estimate; else the config's."),
            SharedOptions.pullRequest, SharedOptions.image,
            AWSSession.bucketOption, ToolInputs.maxTTLOption, ValidationOptions.platform,
        ]
    ) { args, runtime throws(ToolFailure) in
        let env = runtime.context
        let name = try name(args)
        let maximum = try ToolInputs.maximumTTL(args)
        let config = try projectConfig(args, maximum: maximum)
        var template = config.template, ttl = config.ttl
        if let text = args.value("template") {
            do throws(TemplateError) { template = try Template.parse(text) } catch {
                throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("template"))])
            }
        }
        if let text = args.value("ttl") {
            do throws(TTLError) { ttl = try TTL.parse(text, maximum: maximum) } catch {
                throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("ttl"))])
            }
        }
        // Inside Actions the repository is the one GitHub names (GITHUB_REPOSITORY); a flag may not say otherwise.
        let caller = env.caller
        if caller.inActions, let given = args.value("repository"), given.lowercased() != caller.repository?.lowercased() {
            throw ToolFailure(.conflict, [Diagnostic(code: "tenancy.repository", message: "--repository \(quoted(given)) is not this run's repository "
                + "(\(caller.repository ?? "GITHUB_REPOSITORY unset")); inside GitHub Actions an environment is recorded for the repository GitHub names",
                subject: args.source("repository"))])
        }
        guard let owner = args.value("owner") ?? env["GITHUB_ACTOR"] ?? env["USER"],
              let repository = caller.inActions ? caller.repository : args.value("repository") ?? env["GITHUB_REPOSITORY"]
        else { throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "missing --owner or --repository (or GITHUB_ACTOR and GITHUB_REPOSITORY)")]) }
        // The same branch rule as idp-sanitize-branch: on a pull request GITHUB_REF_NAME is "N/merge", no branch.
        let branch: String
        do throws(BranchError) {
            branch = try BranchMapping.branch(explicit: args.value("branch"), headRef: env["GITHUB_HEAD_REF"], refName: env["GITHUB_REF_NAME"])
        } catch { throw ToolFailure(.usage, [error.diagnostic(subject: args.source("branch"))]) }
        let pr = try args.value("pr").map { (text) throws(ToolFailure) in try PullRequestNumber.parse(text, source: args.source("pr")) }
        // A provision that starts after its pull request closed (the destroy ran before it, in the
        // environment's group) records nothing, as GitHub says now, not as the event said then.
        if let pr, caller.inActions, let github = try GitHubSources.client(runtime) {
            do throws(GitHubError) {
                if case .closed = try github.pullRequestState(repository, pr) {
                    runtime.print("pull request #\(pr) of \(repository) is closed: \(name) is not recorded or provisioned")
                    runtime.output("closed", "true")
                    return .success
                }
            } catch {
                runtime.report([Diagnostic(.warning, code: "create.github", message: "cannot tell whether pull request #\(pr) is still open "
                    + "(\(error.message)); provisioning as the event asked")])
            }
        }
        runtime.output("closed", "false")
        var record = EnvironmentRecord(name: name, template: template, owner: owner, repository: repository, branch: branch,
                                       pullRequest: pr, image: args.value("image"), ttl: ttl, now: runtime.now)
        let settings = try platformSettings(args)
        var schedule: ScheduleExpression?
        if let text = args.value("schedule") ?? config.schedule {
            do throws(ScheduleError) { schedule = try ScheduleExpression.parse(text) } catch {
                throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("schedule"))])
            }
        }
        var priced = settings
        if priced.awsRegion == nil { priced.awsRegion = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] }
        func estimate(_ template: Template) -> CostEstimate {
            CostEstimate(template: template, cpu: config.cpu, memory: config.memory, schedule: schedule,
                         sharedLoadBalancer: settings.previewDomain != nil, prices: priced.prices.prices)
        }
        record.costPerHour = estimate(template).perHour
        let store = try AWSSession(runtime: runtime).store(args)
        // Guardrails bind new environments only: a push to one that exists is never refused.
        if settings.guardrails.limitsNewEnvironments, try run({ () throws(StoreError) in try store.readRecord(name.rawValue) }) == nil {
            let existing = try run { () throws(StoreError) in try store.list(now: runtime.now, policy: LifecyclePolicy()) }.compactMap(\.record)
            let refusals = settings.guardrails.problems(record, existing: existing)
            guard refusals.isEmpty else {
                // For the pull-request comment: why, in the same words.
                runtime.output("refused", refusals.map(\.message).joined(separator: "\n"))
                throw ToolFailure(.conflict, refusals.map { $0.diagnostic(subject: "platform.yml guardrails") })
            }
        }
        switch try run({ () throws(StoreError) in try store.create(record) }) {
        case .created(let r):
            runtime.print("created \(name): \(r.template.rawValue), expires \(r.expiresAt)")
            let cost = CostEstimate(perHour: r.costPerHour ?? 0)
            runtime.log("idp-ttl: \(name) is estimated at \(Money.text(cost.perDay)) a day, \(Money.text(cost.until(r.expiresAt, now: runtime.now))) "
                + "until it expires (\(priced.prices.basis))")
            runtime.output("created", "true")
            describe(r, runtime)
        case .exists(var r):
            runtime.print("exists \(name): \(r.status.rawValue), expires \(r.expiresAt)")
            // The estimate follows the latest push's config (a bigger task costs more from now on);
            // the template stays the one the environment was created with.
            let current = estimate(r.template).perHour
            if r.costPerHour != current {
                r = try run { () throws(StoreError) in try store.update(name.rawValue) { $0.costPerHour = current } }
            }
            runtime.output("created", "false")
            describe(r, runtime)
        }
        return .success
    }

    static let extend = CommandSpec(
        "extend", abstract: "Push an environment's expiry to TTL from now (never shortens it; the requested TTL is kept).",
        discussion: """
            Without --ttl the TTL requested at creation is used again. Never past platform.yml's guardrails.max_lifetime
            after creation (default 30d): at that limit the expiry stays where it is, with a warning, and lifetime_reached is
            true. With --commit (this run's commit) and a GitHub token, stale is true when GitHub says the commit is older
            than the one the environment runs (an older push that ran late): the workflow then does not apply it. Outputs:
            status, created_at, expires_at, template, ttl, timeout_minutes, cost_per_hour, stale, lifetime_reached,
            lifetime_ends_at.
            """,
        options: [
            environment,
            .option("ttl", "ttl", variable: "IDP_TTL", help: "Extension; default the TTL requested at creation."),
            commit,
            AWSSession.bucketOption, ToolInputs.maxTTLOption, ValidationOptions.platform,
        ]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let maximum = try ToolInputs.maximumTTL(args)
        let explicit = args.value("ttl")
        var override: TTL?
        if let explicit {
            do throws(TTLError) { override = try TTL.parse(explicit, maximum: maximum) } catch {
                throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("ttl"))])
            }
        }
        let limits = try platformSettings(args).guardrails
        let lifetime = limits.maxLifetime
        let store = try AWSSession(runtime: runtime).store(args)
        let now = runtime.now
        warnIfCleanupStopped(store, runtime)
        var reached = false, held: TTL?
        let record = try run { () throws(StoreError) in
            try store.update(name.rawValue, as: runtime.context.caller) { (r) throws(StoreError) in
                let (ttl, wasHeld) = limits.extensionTTL(override, template: r.template)
                held = wasHeld ? ttl : nil
                do throws(TransitionError) { reached = try r.extend(by: ttl, now: now, maxLifetime: lifetime) } catch { throw .transition(error) }
            }
        }
        if let held, let override {
            runtime.report([Diagnostic(.warning, code: "guardrail.ttl",
                message: "ttl \(override) is longer than max_ttl for \(record.template.rawValue) (\(held)); extended by \(held)",
                subject: args.source("ttl"))])
        }
        let left = humanDuration(seconds: record.expiresAt.seconds(since: now))
        if reached {
            runtime.report([Diagnostic(.warning, code: "lifetime.reached",
                message: "\(name) reached the platform's maximum lifetime (\(lifetime) after its creation at \(record.createdAt)): it is not "
                    + "extended and expires at \(record.expiresAt) (\(left) left); a new branch gets a new environment")])
        } else {
            runtime.print("extended \(name): expires \(record.expiresAt) (\(left) left)")
        }
        describe(record, runtime)
        runtime.output("stale", String(try isStale(record, commit: args.value(commit), runtime)))
        runtime.output("lifetime_reached", String(reached))
        runtime.output("lifetime_ends_at", record.lifetimeEndsAt(lifetime).iso8601)
        return .success
    }

    static let mark = CommandSpec(
        "mark", abstract: "Record a status change after provision or destroy.",
        discussion: "Statuses: \(EnvironmentRecord.Status.allCases.map(\.rawValue).joined(separator: ", ")). Outputs: found, status, expires_at, template, ttl, "
            + "timeout_minutes. With --if-exists a missing record is found=false and exit 0, not exit 4.",
        options: [
            environment,
            .option("status", "status", variable: "IDP_STATUS", help: "New status."),
            .flag("if-exists", variable: "IDP_IF_EXISTS", help: "No record is not an error: output found=false (a destroy that already finished)."),
            commit,
            AWSSession.bucketOption,
        ]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let text = try args.required("status")
        guard let status = EnvironmentRecord.Status(rawValue: text) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "status.unknown", message: "status \(quoted(text)) is not one of "
                + EnvironmentRecord.Status.allCases.map(\.rawValue).joined(separator: ", "), subject: args.source("status"))])
        }
        let store = try AWSSession(runtime: runtime).store(args)
        let now = runtime.now
        let record: EnvironmentRecord
        do throws(StoreError) {
            let deployed = status == .active ? args.value(commit) : nil
            record = try store.update(name.rawValue, as: runtime.context.caller) { (r) throws(StoreError) in
                do throws(TransitionError) { try r.transition(to: status, now: now) } catch { throw .transition(error) }
                if let deployed { r.deployedCommit = deployed }
            }
        } catch {
            // The second of two destroys (a pull request closed and its branch deleted at once) finds
            // the first one's work done: nothing to do, and nothing wrong.
            guard case .notFound = error, args.flag("if-exists") else { throw error.failure }
            runtime.print("no record of \(name): nothing to do")
            runtime.output("found", "false")
            return .success
        }
        runtime.output("found", "true")
        runtime.print("marked \(name): \(record.status.rawValue)")
        describe(record, runtime)
        return .success
    }

    static let scan = CommandSpec(
        "scan", abstract: "Find expired and stuck environments, mark them destroying, and emit a destroy matrix.",
        discussion: """
            Outputs: matrix ({"include":[{"environment":…,"template":…}]}) and count for all; matrix_1…matrix_4 and
            count_1…count_4 in chunks of at most 256 (GitHub's matrix limit), one per destroy job of ttl-cleanup.yml;
            deferred, reported. At most --max environments (default and most 1024) are handed over; the rest wait for the
            next run. Records are read IDP_MAX_CONCURRENCY (default 32) at a time.
            Unreadable records are reported and never destroyed. With a GitHub token (IDP_GITHUB_TOKEN: the platform's App
            token), an environment whose pull request was closed or merged, or whose branch was deleted, is destroyed too,
            with that reason; a repository the token cannot see follows its TTL alone. State locks of environments that are not simply active
            and provably orphaned (see `unlock`) are removed (output locks_removed); younger ones are reported.
            """,
        options: [
            maxDestroys, SharedOptions.dryRun,
            LifecycleOptions.stuckAfter, AWSSession.bucketOption, UnlockCommand.lockTable,
        ]
    ) { args, runtime throws(ToolFailure) in
        let most = EnvironmentStatus.maxHandedOver
        guard let limit = Int(args.defaulted(maxDestroys)), (1...most).contains(limit) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "usage", message: "--max \(quoted(args.defaulted(maxDestroys))) must be 1 to \(most)",
                                                         subject: args.source(maxDestroys))])
        }
        let policy = try LifecycleOptions.policy(args)
        let dryRun = args.flag(SharedOptions.dryRun)
        let store = try AWSSession(runtime: runtime).store(args)
        // With the platform's App token, environments whose pull request closed (or branch went) go too.
        let github = try GitHubSources.client(runtime)
        let lookupReports = LockedReports()
        if github == nil {
            runtime.report([Diagnostic(.notice, code: "scan.github", message: "no GitHub token (IDP_GITHUB_TOKEN): closed pull requests and deleted "
                + "branches are not looked up, so their environments follow their TTL alone; set github_app_id and IDP_APP_PRIVATE_KEY")])
        }
        let sources = github.map { GitHubSources.lookup($0, reports: lookupReports) } ?? { _ in .unknown }
        let statuses = try run { () throws(StoreError) in
            try store.scan(now: runtime.now, policy: policy, limit: limit, dryRun: dryRun, sources: sources)
        }
        if !dryRun {
            let env = runtime.context
            let url = env["GITHUB_RUN_ID"].flatMap { id in env["GITHUB_REPOSITORY"].map { "\(env["GITHUB_SERVER_URL"] ?? "https://github.com")/\($0)/actions/runs/\(id)" } }
            try run { () throws(StoreError) in try store.writeHeartbeat(ScanHeartbeat(scannedAt: runtime.now, runURL: url)) }
        }
        var reports: [Diagnostic] = []
        for s in statuses {
            runtime.print("\(s.nextAction(dryRun: dryRun)) \(s.name): \(s.decision.explanation)")
            if case .abandoned = s.decision, !dryRun, s.record?.status == .failed {
                reports.append(Diagnostic(.warning, code: "lifecycle.abandoned", message: "environment \(quoted(s.name)): \(s.decision.explanation); marked failed",
                                          location: SourceLocation(file: StateLayout.metadata(s.name))))
            }
            if case .report(let why) = s.decision {
                reports.append(Diagnostic(.warning, code: "lifecycle.report", message: "environment \(quoted(s.name)): \(why)",
                                          location: SourceLocation(file: StateLayout.metadata(s.name))))
            }
        }
        // Locks a dead run left on environments that are not simply active (a killed apply, a failed
        // destroy, one handed to destroy now): cleared here, so the destroy and the next push run.
        // Active ones are cleared by their next push or destroy (both run `idp-ttl unlock`).
        let session = try AWSSession(runtime: runtime)
        let locks = args.value(UnlockCommand.lockTable).map { DynamoDBClient(client: session.client, table: $0) }
        var cleared = 0
        for s in statuses where s.record?.status != .active || s.marked {
            let found = try run { () throws(StoreError) in
                dryRun ? [] : try store.breakOrphanedLocks(s.name, locks: locks, now: runtime.now)
            }
            for entry in found {
                let text = entry.lock.describe(now: runtime.now, where: entry.place)
                if entry.removed {
                    cleared += 1
                    runtime.print("removed orphaned lock of \(s.name): \(text)")
                } else {
                    reports.append(Diagnostic(.notice, code: "state.locked", message: "environment \(quoted(s.name)): \(text)"))
                }
            }
        }
        runtime.output("locks_removed", String(cleared))
        runtime.report(reports + lookupReports.byRepository.keys.sorted().compactMap { lookupReports.byRepository[$0] })
        let deferred = statuses.filter(\.deferred).count
        runtime.output("matrix", EnvironmentStatus.destroyMatrix(statuses).rendered(pretty: false))
        runtime.output("count", String(statuses.filter(\.marked).count))
        for (index, chunk) in EnvironmentStatus.destroyMatrices(statuses).enumerated() {
            runtime.output("matrix_\(index + 1)", chunk.matrix.rendered(pretty: false))
            runtime.output("count_\(index + 1)", String(chunk.count))
        }
        runtime.output("deferred", String(deferred))
        runtime.output("reported", String(reports.count))
        runtime.summarize(Dashboard.markdown(statuses, now: runtime.now, title: "TTL scan\(dryRun ? " (dry run)" : "")"))
        return .success
    }

    static let finalize = CommandSpec(
        "finalize", abstract: "After a successful destroy: back up the state, delete the environment's objects and lock items.",
        discussion: """
            Only for a record that is destroying or destroyed (else exit 3); an unreadable record is exit 1. Refuses (exit 3)
            while a lock younger than --stale-after, or of unreadable age, exists. The state is deleted only after a backup
            of exactly its bytes was stored and read back (else exit 5, nothing deleted). A finalized environment is exit 0.
            Outputs: backup, deleted.
            """,
        options: [
            environment,
            .option("lock-table", "name", variable: "IDP_LOCK_TABLE", help: "DynamoDB lock table; omit with S3-native locking only."),
            staleAfter,
            AWSSession.bucketOption,
        ]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let staleText = args.defaulted(staleAfter)
        let stale: TTL
        do throws(TTLError) { stale = try TTL.parse(staleText, maximum: nil) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source(staleAfter))])
        }
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let locks = args.value("lock-table").map { DynamoDBClient(client: session.client, table: $0) }
        let report = try run { () throws(StoreError) in
            try store.finalize(name.rawValue, as: runtime.context.caller, locks: locks, now: runtime.now, staleAfter: stale.seconds)
        }
        if report.alreadyFinalized { runtime.print("\(name) is already finalized: nothing left to remove") }
        if let backup = report.backupKey { runtime.print("backed up state to s3://\(store.s3.bucket)/\(backup)") }
        for key in report.deletedKeys { runtime.print("deleted s3://\(store.s3.bucket)/\(key)") }
        for item in report.deletedLockItems { runtime.print("deleted lock item \(item)") }
        runtime.output("backup", report.backupKey ?? "")
        runtime.output("deleted", String(report.deletedKeys.count))
        guard report.failures.isEmpty else {
            runtime.report(report.failures.map { Diagnostic(code: "s3.\($0.code)", message: "could not delete \(quoted($0.key)): \($0.code) \($0.message)") })
            return .partial
        }
        return .success
    }

    static let list = CommandSpec(
        "list", abstract: "List every environment with its status and time left.",
        discussion: """
            Formats: table (default), json, markdown. The markdown table also goes to the step summary. --repository and
            --owner keep only that repository's or owner's environments (what a guardrail refusal points to).
            """,
        options: [
            format,
            .option("repository", "owner/name", variable: "IDP_LIST_REPOSITORY", help: "Only this repository's environments."),
            .option("owner", "who", variable: "IDP_LIST_OWNER", help: "Only this owner's environments."),
            LifecycleOptions.stuckAfter, AWSSession.bucketOption,
        ]
    ) { args, runtime throws(ToolFailure) in
        let format = args.defaulted(Self.format)
        guard ["table", "json", "markdown"].contains(format) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "usage", message: "--format \(quoted(format)) is not table, json or markdown")])
        }
        let policy = try LifecycleOptions.policy(args)
        let store = try AWSSession(runtime: runtime).store(args)
        let repository = args.value("repository"), owner = args.value("owner")
        let statuses = try run { () throws(StoreError) in try store.list(now: runtime.now, policy: policy) }.filter { s in
            (repository == nil || s.record?.repository == repository) && (owner == nil || s.record?.owner == owner)
        }
        let cleanup = ScanHeartbeat.status(try? store.readHeartbeat(), now: runtime.now)
        switch format {
        case "json": runtime.print(Dashboard.json(statuses, now: runtime.now).rendered())
        case "markdown": runtime.print(Dashboard.markdown(statuses, now: runtime.now, title: "Preview environments", cleanup: cleanup))
        default: runtime.print(Dashboard.table(statuses, now: runtime.now) + (cleanup.isEmpty ? "" : "\n\n" + cleanup))
        }
        runtime.summarize(Dashboard.markdown(statuses, now: runtime.now, title: "Preview environments", cleanup: cleanup))
        runtime.output("count", String(statuses.count))
        return .success
    }
}
