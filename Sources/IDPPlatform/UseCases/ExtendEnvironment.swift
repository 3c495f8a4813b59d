import IDPAWS
import IDPCore

/// What an extension did.
public struct Extension: Sendable, Equatable {
    public var record: EnvironmentRecord
    /// The platform's maximum lifetime stopped it: the expiry stayed where it was.
    public var lifetimeReached: Bool
    /// The template's `max_ttl` held an asked TTL that was longer; nil when nothing was held.
    public var heldTo: TTL?
}

extension EnvironmentStore {
    /// Pushes the expiry to `ttl` (default: the TTL asked at creation) from `now`, never past the
    /// template's `max_ttl` nor the platform's maximum lifetime, on the freshest record, and only for
    /// `caller`'s own environment.
    public func extendEnvironment(_ name: String, as caller: Caller, ttl asked: TTL?, guardrails: Guardrails,
                                  now: Timestamp) throws(StoreError) -> Extension {
        var reached = false, held: TTL?
        let record = try update(name, as: caller) { (r) throws(StoreError) in
            let (ttl, wasHeld) = guardrails.extensionTTL(asked, template: r.template)
            held = wasHeld ? ttl : nil
            do throws(TransitionError) { reached = try r.extend(by: ttl, now: now, maxLifetime: guardrails.maxLifetime) } catch {
                throw .transition(error)
            }
        }
        return Extension(record: record, lifetimeReached: reached, heldTo: held)
    }

    /// Records a status change on the freshest record, for `caller`'s own environment; an `active`
    /// one also records `deployedCommit` (what the next push compares with).
    public func markEnvironment(_ name: String, as caller: Caller, status: EnvironmentRecord.Status, deployedCommit: String?,
                                destroyRan: Bool = false, now: Timestamp) throws(StoreError) -> EnvironmentRecord {
        try update(name, as: caller) { (r) throws(StoreError) in
            do throws(TransitionError) { try r.transition(to: status, now: now, destroyRan: destroyRan) } catch { throw .transition(error) }
            if status == .active, let deployedCommit { r.deployedCommit = deployedCommit }
        }
    }

    /// Every environment, or one repository's (GitHub's names are case-insensitive) or one owner's.
    public func list(now: Timestamp, policy: LifecyclePolicy, repository: String?, owner: String?) throws(StoreError) -> [EnvironmentStatus] {
        try list(now: now, policy: policy).filter { s in
            (repository == nil || s.record?.repository.lowercased() == repository?.lowercased()) && (owner == nil || s.record?.owner == owner)
        }
    }

    /// Removes the provably orphaned state locks of the environments a scan found not simply active
    /// (a killed apply, a failed destroy, or handed to destroy now); active ones are cleared by their
    /// next push or destroy. Returns every lock found, by environment.
    public func clearOrphanedLocks(_ statuses: [EnvironmentStatus], locks: DynamoDBClient?, now: Timestamp) throws(StoreError) -> [(name: String, lock: FoundLock)] {
        var found: [(name: String, lock: FoundLock)] = []
        for s in statuses where s.record?.status != .active || s.marked {
            found += try breakOrphanedLocks(s.name, locks: locks, now: now).map { (s.name, $0) }
        }
        return found
    }
}

extension EnvironmentStore {
    /// The live environment (not destroyed) of pull request `number` of `repository`, found through
    /// the records, never through text a person wrote; the newest when a rename left two.
    public func environment(ofPullRequest number: Int, in repository: String, now: Timestamp) throws(StoreError) -> EnvironmentRecord? {
        try list(now: now, policy: LifecyclePolicy(), repository: repository, owner: nil)
            .compactMap(\.record)
            .filter { $0.pullRequest == number && $0.status != .destroyed }
            .max { $0.createdAt < $1.createdAt }
    }
}

extension EnvironmentStore {
    /// Records that the pull request was warned of `expiresAt`, unless the environment was extended
    /// (or changed status) meanwhile: a new expiry is warned of again. True when recorded.
    public func recordExpiryWarning(_ name: String, expiresAt: Timestamp) throws(StoreError) -> Bool {
        var recorded = false
        _ = try update(name) { (r) throws(StoreError) in
            guard r.expiresAt == expiresAt, r.status == .active || r.status == .sleeping else { return }
            r.expiryWarnedFor = expiresAt
            recorded = true
        }
        return recorded
    }
}
