/// Who started a run, as GitHub says it, and which environments that run may change.
///
/// Many repositories share one platform (one role, one state bucket), so a reusable workflow
/// started from a consumer's repository must act only on that repository's environments; only the
/// platform's own repository (its scheduled cleanup, a manual dispatch there) may act on any.
/// Both names come from GitHub: `GITHUB_REPOSITORY` is the repository whose event started the run
/// (for a called workflow, the caller's), and the platform's repository is the called workflow's
/// own (`job.workflow_repository`, or the job's OIDC token claim `job_workflow_ref`). A caller of a
/// reusable workflow can set neither.
///
/// The platform repository's name alone is not enough to act for the platform: any writer of that
/// repository can push a branch whose workflow calls `destroy.yml@v1.4.0`. So the run's own
/// top-level workflow (`GITHUB_WORKFLOW_REF`, GitHub's, which a called workflow cannot change) must be
/// one of the platform's files on its default branch, where a ruleset decides who may push.
public struct Caller: Sendable, Equatable {
    /// `owner/name` of the repository whose event started the run; nil outside GitHub Actions.
    public var repository: String?
    /// `owner/name` of the platform repository whose workflow runs; nil when not known.
    public var platformRepository: String?
    /// True inside GitHub Actions, where a missing repository is a fault rather than a person at a terminal.
    public var inActions: Bool
    /// `GITHUB_WORKFLOW_REF`: the run's top-level workflow, `owner/name/.github/workflows/file.yml@ref`
    /// (for a called workflow, its caller's); nil when not known.
    public var workflowRef: String?
    /// The ref of the repository's default branch (`refs/heads/main`), as GitHub says it: the event's
    /// `repository.default_branch`, or for a schedule (which GitHub runs only from the default
    /// branch) `GITHUB_REF`; nil when not known.
    public var defaultBranchRef: String?

    public init(repository: String?, platformRepository: String?, inActions: Bool, workflowRef: String? = nil, defaultBranchRef: String? = nil) {
        self.repository = repository
        self.platformRepository = platformRepository
        self.inActions = inActions
        self.workflowRef = workflowRef
        self.defaultBranchRef = defaultBranchRef
    }

    /// A person at a terminal with the platform's credentials: every environment is theirs to manage.
    public static let operator_ = Caller(repository: nil, platformRepository: nil, inActions: false)

    /// The platform repository's own runs (and people outside Actions) may act on any environment:
    /// runs of the platform repository whose top-level workflow is one of its files on its default branch.
    public var actsForPlatform: Bool {
        guard inActions else { return true }
        guard let repository, let platformRepository, Self.same(repository, platformRepository),
              let workflowRef, let defaultBranchRef, let at = workflowRef.lastIndex(of: "@") else { return false }
        let file = workflowRef[..<at], ref = workflowRef[workflowRef.index(after: at)...]
        return file.lowercased().hasPrefix(platformRepository.lowercased() + "/.github/workflows/") && ref == defaultBranchRef
    }

    /// Whether this caller may change an environment recorded for `owner` (the record's `repository`).
    /// Throws the refusal: the owner and the caller, named.
    public func mayChange(environment: String, ownedBy owner: String) throws(TenancyError) {
        if actsForPlatform { return }
        guard let repository else { throw .unknownCaller(environment: environment) }
        guard Self.same(repository, owner) else {
            throw .notOwner(environment: environment, owner: owner, caller: repository)
        }
    }

    /// Whether this caller may see an environment recorded for `owner`: the rule of `mayChange`, with
    /// a refusal that names neither the owner nor anything else of the record, since the refusal is all
    /// a second tenant gets to read in its own log.
    public func maySee(environment: String, ownedBy owner: String) throws(TenancyError) {
        do throws(TenancyError) { try mayChange(environment: environment, ownedBy: owner) } catch {
            guard case .notOwner(let environment, _, let caller) = error else { throw error }
            throw .notShown(environment: environment, caller: caller)
        }
    }

    /// Whether this caller may write to `target`'s pull requests (the sticky comment).
    public func mayComment(on target: String, environment: String) throws(TenancyError) {
        try mayChange(environment: environment, ownedBy: target)
    }

    /// GitHub's owner and repository names are case-insensitive.
    static func same(_ a: String, _ b: String) -> Bool {
        a.lowercased() == b.lowercased()
    }
}

/// Why a run may not change an environment.
public enum TenancyError: DiagnosticConvertible, Equatable {
    /// The environment belongs to another repository.
    case notOwner(environment: String, owner: String, caller: String)
    /// Inside Actions without `GITHUB_REPOSITORY`: nothing can be proven, so nothing is changed.
    case unknownCaller(environment: String)
    /// Another repository's environment, not shown (`maySee`).
    case notShown(environment: String, caller: String)

    public var code: String {
        switch self {
        case .notOwner: "tenancy.not-owner"
        case .unknownCaller: "tenancy.unknown-caller"
        case .notShown: "tenancy.not-shown"
        }
    }

    public var message: String {
        switch self {
        case .notOwner(let environment, let owner, let caller):
            "environment \(quoted(environment)) belongs to \(owner), not to \(caller); a run started from \(caller) may change only "
                + "its own environments, and nothing was changed"
        case .notShown(let environment, let caller):
            "environment \(quoted(environment)) is not one of \(caller)'s environments: a run started from \(caller) sees and changes only "
                + "its own, and nothing of it is shown"
        case .unknownCaller(let environment):
            "environment \(quoted(environment)): GITHUB_REPOSITORY is not set, so the run's repository cannot be checked; nothing was changed"
        }
    }
}
