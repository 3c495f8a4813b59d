/// Tunables of the lifecycle decision, with the platform's defaults.
public struct LifecyclePolicy: Sendable, Equatable {
    /// A `destroying` record older than this is taken as stuck and retried (seed #7). Seconds.
    public var stuckAfter: Int = 2 * 3600
    /// After this many destroys that ran and failed a human is asked instead of trying again (until
    /// `maxLifetime`, after which the platform tries again regardless).
    public var maxDestroyAttempts: Int = 3
    /// Beyond a template's job timeout, how long a `provisioning` record may stay before it is
    /// taken as abandoned (queueing for the runner and the environment's concurrency group). Seconds.
    public var provisioningGrace: Int = 3600
    /// How far ahead of "now" a record's timestamps may be (runners' clocks differ). Seconds.
    public var clockSkew: Int = 300
    /// How long after creation an environment may live at most (`guardrails.max_lifetime`): the
    /// keep label holds an expired environment no longer than this. Seconds.
    public var maxLifetime: Int = TTL.defaultMaximum.seconds
    /// Each template's job budget in minutes (the catalog's); a template not listed (removed since,
    /// or no catalog at hand) gets the longest any template may declare.
    public var jobMinutes: [TemplateName: Int] = [:]

    public init(stuckAfter: Int = 2 * 3600, maxDestroyAttempts: Int = 3) {
        self.stuckAfter = stuckAfter
        self.maxDestroyAttempts = maxDestroyAttempts
    }

    public func jobMinutes(for template: TemplateName) -> Int { jobMinutes[template] ?? TemplateDeclaration.maxTimeoutMinutes }
}

/// What should happen to one environment now.
public enum LifecycleDecision: Equatable, Sendable {
    /// Nothing to do; `secondsLeft` until expiry.
    case keep(secondsLeft: Int64)
    /// Expired: destroy it.
    case destroy(expiredFor: Int64)
    /// Expired, but its pull request carries the keep label: kept (the reason, for the summary).
    case held(String)
    /// Stuck in `destroying` (or a failed destroy): try the destroy again.
    case retryDestroy(stuckFor: Int64)
    /// A destroy is under way and not yet overdue.
    case wait(destroyingFor: Int64)
    /// `provisioning` for longer than its template's job may run: the run that was provisioning it
    /// was cancelled or lost, so nothing will ever mark it. The scan records it as `failed`.
    case abandoned(provisioningFor: Int64)
    /// Its pull request was closed or merged, or its branch deleted, though it has not expired:
    /// destroy it (the reason, for the summary).
    case outlived(String)
    /// A person must look; never destroyed automatically.
    case report(String)
    /// Already gone.
    case none

    /// A short word for tables and `$GITHUB_OUTPUT`.
    public var action: String {
        switch self {
        case .keep, .held: "keep"
        case .destroy: "destroy"
        case .retryDestroy: "retry"
        case .wait: "wait"
        case .abandoned: "abandoned"
        case .outlived: "destroy"
        case .report: "report"
        case .none: "none"
        }
    }

    /// Whether the scan should hand this environment to the destroy workflow.
    public var destroys: Bool {
        switch self {
        case .destroy, .retryDestroy, .outlived: true
        default: false
        }
    }

    public var explanation: String {
        switch self {
        case .keep(let left): "expires in \(humanDuration(seconds: left))"
        case .destroy(let over): "expired \(humanDuration(seconds: over)) ago"
        case .retryDestroy(let stuck): "destroy stuck for \(humanDuration(seconds: stuck)); retrying"
        case .wait(let since): "destroy under way for \(humanDuration(seconds: since))"
        case .abandoned(let since): "provisioning since \(humanDuration(seconds: since)) ago, longer than its job may run: the run was cancelled or lost"
        case .outlived(let why), .held(let why): why
        case .report(let why): why
        case .none: "destroyed"
        }
    }

    /// The decision for a record (or the reason it could not be read) at `now`.
    /// Pure: the same inputs always give the same answer, so it is tested without S3.
    public static func decide(
        _ read: Result<EnvironmentRecord, RecordError>, now: Timestamp, policy: LifecyclePolicy = .init()
    ) -> LifecycleDecision {
        let record: EnvironmentRecord
        switch read {
        case .failure(let error): return .report(error.message + "; not destroyed automatically")
        case .success(let r): record = r
        }
        let sinceChange = now.seconds(since: record.statusChangedAt)
        let overdue = now.seconds(since: record.expiresAt)
        // A record written by a clock far ahead (or by hand) cannot be reasoned about: "under way
        // for -26337d" would keep a destroy waiting forever. A few minutes of skew are normal.
        for (field, time) in [("created_at", record.createdAt), ("status_changed_at", record.statusChangedAt)]
        where time.seconds(since: now) > Int64(policy.clockSkew) {
            return .report("\(field) \(time.iso8601) is in the future; not acted on automatically")
        }
        switch record.status {
        case .destroyed:
            return .none
        case .destroying where sinceChange <= Int64(policy.stuckAfter):
            return .wait(destroyingFor: sinceChange)
        case .destroying, .destroyFailed:
            // Only destroys that ran and failed count (a tenant may cancel its own), and past the
            // maximum lifetime the platform destroys whatever the count.
            if record.destroyFailures >= policy.maxDestroyAttempts, now.seconds(since: record.createdAt) <= Int64(policy.maxLifetime) {
                return .report("destroy failed \(record.destroyFailures) times; needs a person")
            }
            return record.status == .destroyFailed || sinceChange > Int64(policy.stuckAfter)
                ? .retryDestroy(stuckFor: sinceChange) : .wait(destroyingFor: sinceChange)
        case .provisioning where overdue < 0 && sinceChange > Int64(policy.jobMinutes(for: record.template) * 60 + policy.provisioningGrace):
            return .abandoned(provisioningFor: sinceChange)
        case .provisioning, .active, .failed, .sleeping:
            return overdue >= 0 ? .destroy(expiredFor: overdue) : .keep(secondsLeft: -overdue)
        }
    }
}
