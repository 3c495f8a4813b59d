/// The environment's own record, `environments/<name>/metadata.json` in the state bucket.
public struct EnvironmentRecord: Sendable, Equatable {
    /// Bumped when a field changes meaning; readers refuse versions they do not know.
    public static let currentSchemaVersion = 1

    public enum Status: String, Sendable, CaseIterable {
        case provisioning, active, failed, destroying
        /// Scaled to nothing outside the platform's awake hours (`sleep` says what was changed).
        case sleeping
        case destroyFailed = "destroy_failed"
        case destroyed
    }

    public var schemaVersion: Int
    public var name: EnvironmentName
    public var template: TemplateName
    public var owner: String
    /// `owner/name` of the repository the environment belongs to.
    public var repository: String
    public var branch: String
    public var pullRequest: Int?
    public var image: String?
    /// The TTL requested at creation. Extending never rewrites it (seed #8):
    /// `created_at` and `expires_at` are the truth about lifetime.
    public var ttl: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var status: Status
    public var statusChangedAt: Timestamp
    /// How many destroys were started (each entry into `destroying`).
    public var destroyAttempts: Int
    /// How many destroys ran and failed (their `tofu destroy`, image prune or finalize failed): only
    /// these count toward the limit after which a person is asked. A destroy cancelled before its work
    /// (a tenant can cancel its own runs) or lost with its runner is an attempt, not a failure.
    public var destroyFailures: Int
    /// The estimated cost per hour in US dollars when it was recorded (`CostEstimate`); nil for
    /// records written before estimates existed.
    public var costPerHour: Double?
    /// The part of `costPerHour` sleep stops (`CostEstimate.sleepablePerHour`); nil for older records.
    public var sleepablePerHour: Double?
    /// The commit whose apply last succeeded (`mark --status active --commit`), so that an older,
    /// slower run never applies over a newer one; nil before the first success.
    public var deployedCommit: String?
    /// The expiry the scan last warned of on the pull request (`PullRequestControls`), so that each
    /// expiry is warned of once; an extension moves `expiresAt` past it and re-arms the warning.
    public var expiryWarnedFor: Timestamp?
    /// False when the repository's `.idp/config.yml` says `sleep: false`: never put to sleep.
    public var sleeps = true
    /// While `sleeping`: what sleep changed, so that waking restores exactly that.
    public var sleep: SleepState?
    /// Seconds spent asleep in `sleptMonth` (`YYYY-MM`), for what sleep saved this month.
    public var sleptSeconds: Int64 = 0
    public var sleptMonth: String?

    /// A new record for an environment being provisioned now.
    public init(
        name: EnvironmentName, template: TemplateName, owner: String, repository: String, branch: String,
        pullRequest: Int?, image: String?, ttl: TTL, now: Timestamp
    ) {
        schemaVersion = Self.currentSchemaVersion
        self.name = name
        self.template = template
        self.owner = owner
        self.repository = repository
        self.branch = branch
        self.pullRequest = pullRequest
        self.image = image
        self.ttl = ttl.description
        createdAt = now
        expiresAt = ttl.expiresAt(from: now)
        status = .provisioning
        statusChangedAt = now
        destroyAttempts = 0
        destroyFailures = 0
    }

    /// `owner` and `name` of `owner/name`, e.g. for an App token limited to that one repository.
    public var repositoryOwner: String { String(repository.prefix { $0 != "/" }) }
    public var repositoryName: String { String(repository.drop { $0 != "/" }.dropFirst()) }

    /// Whether the record belongs to the same repository and branch (so the name is not hijacked).
    public func isOwned(byRepository repository: String, branch: String) -> Bool {
        self.repository == repository && self.branch == branch
    }

    /// Pushes expiry to `ttl` from `now`, never shortening it and never touching `ttl` itself.
    public mutating func extend(by ttl: TTL, now: Timestamp) {
        expiresAt = max(expiresAt, ttl.expiresAt(from: now))
    }

    /// When the environment must be gone at the latest: `maxLifetime` after its creation.
    public func lifetimeEndsAt(_ maxLifetime: TTL) -> Timestamp { createdAt.adding(seconds: maxLifetime.seconds) }

    /// Extends as `extend(by:now:)` does, but never past `maxLifetime` since creation (nor
    /// shortening an expiry already beyond it). True when the limit held the expiry back: the
    /// environment is not extended any further, whatever is pushed.
    @discardableResult
    public mutating func extend(by override: TTL?, now: Timestamp, maxLifetime: TTL) throws(TransitionError) -> Bool {
        let before = expiresAt
        try extend(by: override, now: now)
        let limit = lifetimeEndsAt(maxLifetime)
        guard expiresAt > limit else { return expiresAt == limit }
        expiresAt = max(before, limit)
        return true
    }

    /// Statuses a push may extend: an environment on its way out is not brought back by a push.
    public static let extendable: Set<Status> = [.provisioning, .active, .failed, .sleeping]

    /// Extends by `ttl`, or by the TTL requested at creation (seed #8), refusing what is being
    /// destroyed or gone.
    public mutating func extend(by override: TTL?, now: Timestamp) throws(TransitionError) {
        guard Self.extendable.contains(status) else { throw .notExtendable(name: name.rawValue, status: status) }
        guard let ttl = override ?? (try? TTL.parse(self.ttl, maximum: nil)) else { throw .unreadableTTL(name: name.rawValue, ttl: self.ttl) }
        extend(by: ttl, now: now)
    }

    /// Moves to `status`, stamping the time; entering `destroying` counts an attempt, and entering
    /// `destroy_failed` after a destroy whose work ran (`destroyRan`) counts a failure.
    public mutating func transition(to status: Status, now: Timestamp, destroyRan: Bool = false) throws(TransitionError) {
        guard Self.allowed[self.status, default: []].contains(status) || self.status == status else {
            throw .notAllowed(name: name.rawValue, from: self.status, to: status)
        }
        if status == .destroying { destroyAttempts += 1 }
        if status == .destroyFailed && destroyRan { destroyFailures += 1 }
        self.status = status
        statusChangedAt = now
    }

    /// Which transitions make sense; anything else is a caller's bug or a race lost.
    static let allowed: [Status: Set<Status>] = [
        .provisioning: [.active, .failed, .destroying],
        .active: [.provisioning, .destroying, .failed, .sleeping],
        .failed: [.provisioning, .active, .destroying],
        .sleeping: [.active, .provisioning, .destroying, .failed],
        .destroying: [.destroyed, .destroyFailed, .destroying],
        .destroyFailed: [.destroying],
        .destroyed: [.provisioning],
    ]
}

public enum TransitionError: DiagnosticConvertible, Equatable {
    case notAllowed(name: String, from: EnvironmentRecord.Status, to: EnvironmentRecord.Status)
    case notExtendable(name: String, status: EnvironmentRecord.Status)
    case unreadableTTL(name: String, ttl: String)

    public var code: String { "metadata.transition" }
    public var message: String {
        switch self {
        case .notAllowed(let name, let from, let to):
            let next = EnvironmentRecord.allowed[from, default: []].map(\.rawValue).sorted().joined(separator: ", ")
            return "environment \(quoted(name)) cannot go from \(quoted(from.rawValue)) to \(quoted(to.rawValue)); from \(from.rawValue) it may go to \(next)"
        case .notExtendable(let name, let status):
            let allowed = EnvironmentRecord.extendable.map(\.rawValue).sorted().joined(separator: ", ")
            return "environment \(quoted(name)) is \(status.rawValue) and is not extended; only \(allowed) environments are"
        case .unreadableTTL(let name, let ttl):
            return "environment \(quoted(name)) has the unreadable ttl \(quoted(ttl)); pass --ttl"
        }
    }
}

/// Why a metadata document could not be used.
public enum RecordError: DiagnosticConvertible, Equatable {
    case unreadable(String)
    case schema(Int)

    public var code: String { "metadata.unreadable" }
    public var message: String {
        switch self {
        case .unreadable(let why): "metadata is unreadable: \(why)"
        case .schema(let v): "metadata schema_version \(v) is newer than this tool understands (\(EnvironmentRecord.currentSchemaVersion))"
        }
    }
}

/// What putting an environment to sleep changed, recorded before it is changed.
public struct SleepState: Sendable, Equatable {
    public var since: Timestamp
    /// `cluster/service` → the desired count it had.
    public var services: [String: Int]
    /// The RDS instance stopped, if any.
    public var database: String?
    /// The EventBridge rule disabled, if any.
    public var rule: String?
    /// The CloudWatch alarms whose actions were silenced.
    public var alarms: [String]

    public init(since: Timestamp, services: [String: Int] = [:], database: String? = nil, rule: String? = nil, alarms: [String] = []) {
        self.since = since
        self.services = services
        self.database = database
        self.rule = rule
        self.alarms = alarms
    }
}

extension EnvironmentRecord {
    /// The recorded estimate, for an environment awake `awakeFraction` of the week when the
    /// platform has a sleep schedule and the repository did not opt out; nil before estimates.
    public func estimate(awakeFraction: Double?) -> CostEstimate? {
        guard let costPerHour else { return nil }
        let full = CostEstimate(perHour: costPerHour, sleepablePerHour: sleepablePerHour ?? 0)
        return sleeps ? full.awake(awakeFraction) : full
    }

    /// What sleep saved in the month of `now` (US dollars): the time asleep this month, counting a
    /// sleep still going on, at the sleepable part of the estimate.
    public func sleepSaved(now: Timestamp) -> Double {
        var seconds = sleptMonth == Self.month(of: now) ? sleptSeconds : 0
        if status == .sleeping, let since = sleep?.since { seconds += Self.secondsThisMonth(since: since, now: now) }
        return Double(seconds) / 3_600 * (sleepablePerHour ?? 0)
    }

    /// Adds the time asleep since `since` up to `now` to this month's count (a new month starts at 0).
    public mutating func countSleep(since: Timestamp, now: Timestamp) {
        if sleptMonth != Self.month(of: now) {
            sleptMonth = Self.month(of: now)
            sleptSeconds = 0
        }
        sleptSeconds += Self.secondsThisMonth(since: since, now: now)
    }

    static func month(of time: Timestamp) -> String { String(time.iso8601.prefix(7)) }

    /// Seconds from `since` to `now` that fall in the month of `now`.
    static func secondsThisMonth(since: Timestamp, now: Timestamp) -> Int64 {
        let start = Timestamp(iso8601: month(of: now) + "-01T00:00:00Z") ?? since
        return max(0, now.seconds(since: max(since, start)))
    }
}
