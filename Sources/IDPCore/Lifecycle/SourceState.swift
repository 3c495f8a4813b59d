/// What GitHub says of the pull request or branch an environment was made for, as the TTL scan
/// reads it with the platform's GitHub App.
public enum SourceState: Sendable, Equatable {
    /// The pull request is open, or the branch exists.
    case open
    case closed(pullRequest: Int, merged: Bool)
    case branchDeleted(String)
    /// No token, a repository the App cannot see, an error: never a reason to destroy.
    case unknown
}

extension LifecycleDecision {
    /// The decision once GitHub's state is known: an environment that would be kept, but whose
    /// pull request is closed or merged (a pull request closed with merge conflicts runs no
    /// workflow) or whose branch is gone, is destroyed. Nothing else changes: an unknown state,
    /// a destroy under way, a record a person must look at stay as they are.
    public func reconciled(with source: SourceState) -> LifecycleDecision {
        guard case .keep = self else { return self }
        switch source {
        case .closed(let number, let merged): return .outlived("pull request #\(number) was \(merged ? "merged" : "closed")")
        case .branchDeleted(let branch): return .outlived("branch \(quoted(branch)) no longer exists")
        case .open, .unknown: return self
        }
    }
}
