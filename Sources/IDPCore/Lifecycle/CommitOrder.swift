/// How a run's commit relates to the one an environment runs, as GitHub's compare API says
/// (`GET /repos/{o}/{r}/compare/{deployed}...{this}`: `status`).
public enum CommitOrder: String, Sendable, Equatable {
    /// This run's commit comes after the deployed one: apply.
    case ahead
    /// This run's commit is an ancestor of the deployed one: an older push that ran late.
    case behind
    /// The same commit (a re-run): apply.
    case identical
    /// Neither contains the other (a force-push): the newest push wins, so apply.
    case diverged

    /// GitHub promises no order between runs of one concurrency group, and the build runs outside
    /// it: only a commit that is provably older than the deployed one is not applied.
    public var skipsApply: Bool { self == .behind }
}
