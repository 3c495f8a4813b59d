/// What `idp doctor` read of a repository on GitHub (IDPGitHub's `SetupInspection` fills it); nil
/// fields are what the token could not read, reported as such by the rules.
public struct GitHubSetupFacts: Sendable, Equatable {
    public struct Ruleset: Sendable, Equatable {
        public var name: String
        /// `branch` or `tag`.
        public var target: String
        /// `active`, `evaluate` or `disabled`.
        public var enforcement: String
        /// `conditions.ref_name.include`: `refs/tags/v*`, `~DEFAULT_BRANCH`, `~ALL`.
        public var include: [String]
        /// The types of its rules: `creation`, `update`, `deletion`, `pull_request`, …
        public var rules: [String]
        /// Who may bypass it, as `<actor_type>:<actor_id>` (`Integration:123`, `RepositoryRole:5`).
        public var bypass: [String]

        public init(name: String, target: String, enforcement: String, include: [String], rules: [String], bypass: [String]) {
            self.name = name
            self.target = target
            self.enforcement = enforcement
            self.include = include
            self.rules = rules
            self.bypass = bypass
        }
    }

    public struct Environment: Sendable, Equatable {
        public var name: String
        /// True when only protected branches may deploy; false with custom branch policies; nil when any branch may.
        public var protectedBranchesOnly: Bool?
        /// Names of its secrets (never values); nil when the token may not list them.
        public var secrets: [String]?

        public init(name: String, protectedBranchesOnly: Bool?, secrets: [String]?) {
            self.name = name
            self.protectedBranchesOnly = protectedBranchesOnly
            self.secrets = secrets
        }
    }

    /// The repository's OIDC subject customisation.
    public struct SubjectCustomisation: Sendable, Equatable {
        public var useDefault: Bool
        public var claimKeys: [String]

        public init(useDefault: Bool, claimKeys: [String]) {
            self.useDefault = useDefault
            self.claimKeys = claimKeys
        }
    }

    public var repository: String
    public var defaultBranch: String
    /// `public`, `private` or `internal`.
    public var visibility: String
    /// Workflow file name → state (`active`, `disabled_inactivity`, `disabled_manually`).
    public var workflows: [String: String]?
    public var rulesets: [Ruleset]?
    public var environments: [Environment]?
    public var immutableReleases: Bool?
    public var subject: SubjectCustomisation?
    /// The newest release's tag.
    public var latestRelease: String?
    /// App id → its installation's permissions (`pull_requests` → `write`), for the owner's installations.
    public var installations: [String: [String: String]]?
    /// The repository's own Actions secrets and the organisation's secrets visible to it (names only).
    public var secrets: [String]?
    /// The platform's workflows this repository calls: file → the ref it pins (`v1.4.0`, `main`, a sha).
    public var platformCalls: [String: String]?

    public init(repository: String, defaultBranch: String, visibility: String) {
        self.repository = repository
        self.defaultBranch = defaultBranch
        self.visibility = visibility
    }
}
