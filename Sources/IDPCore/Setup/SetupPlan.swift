/// What `idp setup platform` changes on GitHub to make doctor's findings go away: each action one
/// documented REST call, planned from what doctor read (`GitHubSetupFacts`), so that a second run
/// plans nothing and `--dry-run` prints exactly what a run would do.
public struct SetupAction: Sendable, Equatable {
    /// The doctor finding it makes go away.
    public var code: String
    public var method: String
    public var path: String
    public var body: JSONValue?
    public var description: String

    public init(code: String, method: String, path: String, body: JSONValue?, description: String) {
        self.code = code
        self.method = method
        self.path = path
        self.body = body
        self.description = description
    }
}

public enum SetupPlan {
    /// The platform repository's actions, and what the API cannot do (printed as the remaining steps).
    public static func platform(_ facts: GitHubSetupFacts, expected: SetupExpectations, releaseAppID: String?) -> (actions: [SetupAction], remaining: [String]) {
        let repo = facts.repository
        var actions: [SetupAction] = []
        var remaining: [String] = []
        let codes = Set(SetupRules.platform(facts, expecting: expected, appID: nil, pinnedVersions: []).map(\.code))
        if codes.contains("github.oidc-subject") {
            actions.append(SetupAction(code: "github.oidc-subject", method: "PUT", path: "/repos/\(repo)/actions/oidc/customization/sub",
                                       body: .object(["use_default": .bool(false), "include_claim_keys": .array(OIDCSubject.claimKeys.map(JSONValue.string))]),
                                       description: "OIDC subject of \(repo): claim keys \(OIDCSubject.claimKeys.joined(separator: ", ")) (every workflow of \(repo) gets this subject)"))
        }
        if facts.visibility != "public", facts.actionsAccess == "none" {
            actions.append(SetupAction(code: "github.actions-access", method: "PUT", path: "/repos/\(repo)/actions/permissions/access",
                                       body: .object(["access_level": .string("organization")]),
                                       description: "Actions access of \(repo): the organisation's repositories may call its workflows"))
        }
        // A ruleset of setup's own name (an earlier run's, changed since) is updated in place; the
        // team's other rulesets are left as they are and ours is added beside them.
        func ours(_ name: String, _ target: String) -> GitHubSetupFacts.Ruleset? { facts.rulesets?.first { $0.name == name && $0.target == target } }
        func ruleset(_ name: String, _ target: String) -> (method: String, path: String) {
            guard let id = ours(name, target)?.id else { return ("POST", "/repos/\(repo)/rulesets") }
            return ("PUT", "/repos/\(repo)/rulesets/\(id)")
        }
        let people = { (r: GitHubSetupFacts.Ruleset?) in (r?.bypass ?? []).contains { !$0.hasPrefix("Integration:") } }
        let tagDrift = codes.contains("github.ruleset.tag-bypass") && people(ours("releases", "tag"))
        let branchDrift = codes.contains("github.ruleset.branch-review") && ours("default branch", "branch").map { ($0.requiredReviews ?? 0) < 1 || people($0) } == true
        if (codes.contains("github.ruleset.tag-bypass") && !tagDrift) || (codes.contains("github.ruleset.branch-review") && !branchDrift) {
            remaining.append("a ruleset of your own lets people bypass it, or requires no review: setup changes only its own (\"releases\", \"default branch\"); fix it in Settings → Rules → Rulesets")
        }
        if codes.contains("github.ruleset.tags") || codes.contains("github.ruleset.tags-nested") || tagDrift {
            if let releaseAppID, let id = Int(releaseAppID) {
                let (method, path) = ruleset("releases", "tag")
                actions.append(SetupAction(code: "github.ruleset.tags", method: method, path: path, body: .object([
                    "name": .string("releases"), "target": .string("tag"), "enforcement": .string("active"),
                    "conditions": .object(["ref_name": .object(["include": .array([.string("~ALL")]), "exclude": .array([])])]),
                    "rules": .array(["creation", "update", "deletion"].map { .object(["type": .string($0)]) }),
                    "bypass_actors": .array([.object(["actor_type": .string("Integration"), "actor_id": .int(id), "bypass_mode": .string("always")])]),
                ]), description: "tag ruleset \"releases\": every tag, created, moved and deleted by the release App (\(id)) only"))
            } else {
                remaining.append("the tag ruleset needs the release App's id as its only bypass actor: run again with --release-app-id (after idp setup apps, or the App's settings page)")
            }
        }
        if codes.contains("github.ruleset.branch") || branchDrift {
            let (method, path) = ruleset("default branch", "branch")
            actions.append(SetupAction(code: "github.ruleset.branch", method: method, path: path, body: .object([
                "name": .string("default branch"), "target": .string("branch"), "enforcement": .string("active"),
                "conditions": .object(["ref_name": .object(["include": .array([.string("~DEFAULT_BRANCH")]), "exclude": .array([])])]),
                "rules": .array([.object(["type": .string("deletion")]), .object(["type": .string("non_fast_forward")]),
                                 .object(["type": .string("pull_request"), "parameters": .object([
                                     "required_approving_review_count": .int(1), "dismiss_stale_reviews_on_push": .bool(true),
                                     "require_code_owner_review": .bool(false), "require_last_push_approval": .bool(true),
                                     "required_review_thread_resolution": .bool(false)])])]),
            ]), description: "branch ruleset \"default branch\": pull requests with one approving review, no force pushes or deletion"))
        }
        if codes.contains("github.releases.mutable") {
            actions.append(SetupAction(code: "github.releases.mutable", method: "PUT", path: "/repos/\(repo)/immutable-releases", body: nil,
                                       description: "immutable releases on"))
        }
        for name in ["idp-platform", "release"] {
            let environment = facts.environments?.first { $0.name == name }
            let onlyDefault: Bool = { if case .custom(let names?)? = environment?.branches { return names == [facts.defaultBranch] }; return false }()
            guard !onlyDefault else { continue }
            actions.append(SetupAction(code: environment == nil ? "github.environment.missing" : "github.environment.branches", method: "PUT",
                                       path: "/repos/\(repo)/environments/\(name)",
                                       body: .object(["deployment_branch_policy": .object(["protected_branches": .bool(false), "custom_branch_policies": .bool(true)])]),
                                       description: "environment \(name): custom branch policies"))
            actions.append(SetupAction(code: "github.environment.branches", method: "POST", path: "/repos/\(repo)/environments/\(name)/deployment-branch-policies",
                                       body: .object(["name": .string(facts.defaultBranch), "type": .string("branch")]),
                                       description: "environment \(name): only \(facts.defaultBranch) may use it"))
        }
        if codes.contains("github.environment.secret") || facts.environments?.first(where: { $0.name == "release" }) == nil {
            remaining.append("the Apps' keys are secrets of the environments idp-platform (IDP_APP_PRIVATE_KEY) and release (IDP_RELEASE_APP_ID, IDP_RELEASE_APP_KEY): gh secret set NAME --env ENV -R \(repo) < key.pem")
        }
        remaining.append("required reviewers of the environment release (Settings → Environments → release): a person approves every release")
        return (actions, remaining)
    }
}
