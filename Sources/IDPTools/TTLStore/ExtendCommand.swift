import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let extend = CommandSpec(
        "extend", abstract: "Push an environment's expiry to TTL from now (never shortens it; the requested TTL is kept).",
        discussion: """
            Without --ttl the TTL requested at creation is used again. Never past platform.yml's guardrails.max_lifetime
            after creation (default 30d): at that limit the expiry stays where it is, with a warning, and lifetime_reached is
            true. With --commit (this run's commit) and a GitHub token, stale is true when GitHub says the commit is older
            than the one the environment runs (an older push that ran late): the workflow then does not apply it. Warns when
            the platform's TTL cleanup has not run for 12 hours. Outputs: status, created_at, expires_at, template, ttl,
            timeout_minutes, cost_per_hour, stale, lifetime_reached, lifetime_ends_at.
            """,
        options: [
            environment,
            .option("ttl", "ttl", variable: "IDP_TTL", help: "Extension; default the TTL requested at creation."),
            commit,
            AWSSession.bucketOption, ToolInputs.maxTTLOption, ValidationOptions.platform, zoneinfo, SharedOptions.templates,
        ]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let maximum = try ToolInputs.maximumTTL(args)
        let asked = try args.parsed("ttl") { (t) throws(TTLError) in try TTL.parse(t, maximum: maximum) }
        let settings = try platformSettings(args)
        let limits = settings.guardrails
        let store = try AWSSession(runtime: runtime).store(args)
        let now = runtime.now
        warnIfCleanupStopped(store, runtime)
        let result = try run { () throws(StoreError) in
            try store.extendEnvironment(name.rawValue, as: runtime.context.caller, ttl: asked, guardrails: limits, now: now)
        }
        let record = result.record
        if let held = result.heldTo, let asked {
            runtime.report([Diagnostic(.warning, code: "guardrail.ttl",
                message: "ttl \(asked) is longer than max_ttl for \(record.template.rawValue) (\(held)); extended by \(held)",
                subject: args.source("ttl"))])
        }
        let left = humanDuration(seconds: record.expiresAt.seconds(since: now))
        if result.lifetimeReached {
            runtime.report([Diagnostic(.warning, code: "lifetime.reached",
                message: "\(name) reached the platform's maximum lifetime (\(limits.maxLifetime) after its creation at \(record.createdAt)): it is "
                    + "not extended and expires at \(record.expiresAt) (\(left) left); a new branch gets a new environment")])
        } else {
            runtime.print("extended \(name): expires \(record.expiresAt) (\(left) left)")
        }
        describe(record, runtime, awakeFraction: try awakeFraction(settings, args, now: now), templates: try Templates.catalogIfPresent(args))
        runtime.output("stale", String(try isStale(record, commit: args.value(commit), runtime)))
        runtime.output("lifetime_reached", String(result.lifetimeReached))
        runtime.output("lifetime_ends_at", record.lifetimeEndsAt(limits.maxLifetime).iso8601)
        return .success
    }

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
}
