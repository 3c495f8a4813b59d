/// What `idp doctor` read of a repository on GitHub (IDPGitHub's `SetupInspection` fills it); nil
/// fields are what the token could not read, reported as such by the rules.
public struct GitHubSetupFacts: Sendable, Equatable {
    public struct Ruleset: Sendable, Equatable {
        /// GitHub's id, for updating it in place (nil when not read).
        public var id: Int?
        public var name: String
        /// `branch` or `tag`.
        public var target: String
        /// `active`, `evaluate` or `disabled`.
        public var enforcement: String
        /// `conditions.ref_name.include` and `.exclude`: `refs/tags/v*`, `~DEFAULT_BRANCH`, `~ALL`.
        public var include: [String]
        public var exclude: [String] = []
        /// The types of its rules: `creation`, `update`, `deletion`, `pull_request`, …
        public var rules: [String]
        /// Who may bypass it, as `<actor_type>:<actor_id>` (`Integration:123`, `RepositoryRole:5`);
        /// nil when GitHub did not say (the field is shown only to those who may edit rulesets).
        public var bypass: [String]?
        /// The pull_request rule's `required_approving_review_count`.
        public var requiredReviews: Int?

        public init(name: String, target: String, enforcement: String, include: [String], exclude: [String] = [], rules: [String],
                    bypass: [String]?, requiredReviews: Int? = nil) {
            self.name = name
            self.target = target
            self.enforcement = enforcement
            self.include = include
            self.exclude = exclude
            self.rules = rules
            self.bypass = bypass
            self.requiredReviews = requiredReviews
        }

        /// Whether it applies to `ref` (GitHub's fnmatch with FNM_PATHNAME: `*` stops at `/`).
        public func covers(_ ref: String, defaultBranch: String) -> Bool {
            func hit(_ pattern: String) -> Bool {
                pattern == "~ALL" || (pattern == "~DEFAULT_BRANCH" && ref == "refs/heads/\(defaultBranch)") || RefPattern.matches(pattern, ref)
            }
            return include.contains(where: hit) && !exclude.contains(where: hit)
        }
    }

    public struct Environment: Sendable, Equatable {
        /// Which branches may deploy to it (GitHub's `deployment_branch_policy`).
        public enum Branches: Sendable, Equatable {
            /// `null`: every branch.
            case any
            /// `protected_branches: true`: branches with branch protection rules (all of them when there are none).
            case protectedBranches
            /// `custom_branch_policies: true`, with the policies' names (`main`, `release/*`); nil when unreadable.
            case custom([String]?)
        }

        public var name: String
        public var branches: Branches
        /// Names of its secrets (never values); nil when the token may not list them.
        public var secrets: [String]?

        public init(name: String, branches: Branches, secrets: [String]?) {
            self.name = name
            self.branches = branches
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
    /// Who may call its workflows (`none`, `organization`, `enterprise`, `user`): private and internal repositories only.
    public var actionsAccess: String?
    /// Whether the token may administer the repository (`permissions.admin`).
    public var tokenIsAdmin: Bool?
    /// Workflow file name → state (`active`, `disabled_inactivity`, `disabled_manually`).
    public var workflows: [String: String]?
    public var rulesets: [Ruleset]?
    public var environments: [Environment]?
    public var immutableReleases: Bool?
    public var subject: SubjectCustomisation?
    /// The newest release's tag; nil when there is none (or it could not be read: `parts` says).
    public var latestRelease: String?
    /// The parts the token could not read, by what they are (`its rulesets`) → the permission needed.
    public var unreadable: [String: String] = [:]
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
