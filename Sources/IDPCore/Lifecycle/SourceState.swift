/// What GitHub says of the pull request or branch an environment was made for, as the TTL scan
/// reads it with the platform's GitHub App.
public enum SourceState: Sendable, Equatable {
    /// The pull request is open, or the branch exists.
    case open
    /// The pull request is open and carries the platform's keep label (`PullRequestControls`), set
    /// by someone with write access.
    case kept(label: String)
    /// The pull request is open and carries the keep label, set by someone without write access
    /// (`by`, their `permission`; nil when no event says who): it is open, and keeps nothing.
    case keepIgnored(label: String, by: String?, permission: String)
    case closed(pullRequest: Int, merged: Bool)
    case branchDeleted(String)
    /// No token, a repository the App cannot see, an error: never a reason to destroy.
    case unknown
}

extension LifecycleDecision {
    /// The decision once GitHub's state is known: an environment that would be kept, but whose
    /// pull request is closed or merged (a pull request closed with merge conflicts runs no
    /// workflow) or whose branch is gone, is destroyed. Nothing else changes: an unknown state,
    /// a destroy under way, a record a person must look at stay as they are. An expired environment
    /// whose pull request carries the keep label is kept, until its maximum lifetime since creation
    /// (`policy.maxLifetime`) has passed.
    public func reconciled(with source: SourceState, record: EnvironmentRecord? = nil, now: Timestamp? = nil,
                           policy: LifecyclePolicy = .init()) -> LifecycleDecision {
        if case .destroy(let over) = self, case .kept(let label) = source, let record, let now {
            let lifetimeLeft = record.createdAt.adding(seconds: policy.maxLifetime).seconds(since: now)
            guard lifetimeLeft > 0 else { return self }
            return .held("expired \(humanDuration(seconds: over)) ago, kept by the label \(quoted(label)) for at most \(humanDuration(seconds: lifetimeLeft)) more")
        }
        guard case .keep = self else { return self }
        switch source {
        case .closed(let number, let merged): return .outlived("pull request #\(number) was \(merged ? "merged" : "closed")")
        case .branchDeleted(let branch): return .outlived("branch \(quoted(branch)) no longer exists")
        case .open, .kept, .keepIgnored, .unknown: return self
        }
    }
}
