extension SetupRules {
    /// The platform repository on GitHub: schedules enabled, the `v*` tag and default-branch rulesets,
    /// the environments holding the App keys, immutable releases, the OIDC subject customisation,
    /// the newest release pinned, and the platform App installed with what it needs.
    public static func platform(_ facts: GitHubSetupFacts, expecting expected: SetupExpectations, appID: String?, pinnedVersions: Set<String>) -> [SetupFinding] {
        let repo = facts.repository
        var findings = subject(facts)
        if let workflows = facts.workflows {
            for file in SetupExpectations.scheduledWorkflows {
                guard let state = workflows[file] else {
                    findings.append(SetupFinding(code: "github.workflow.missing", subject: repo, what: ".github/workflows/\(file) is not on the default branch",
                                                 why: "what it does on its schedule never happens", fix: "copy it from the release into .github/workflows/ and merge it"))
                    continue
                }
                if state != "active" {
                    findings.append(SetupFinding(code: "github.schedule.disabled", subject: repo, what: "\(file) is \(state)",
                                                 why: "GitHub runs no schedule of a disabled workflow (a public repository's after 60 days without activity): environments outlive their TTL",
                                                 fix: "gh workflow enable \(file) -R \(repo)"))
                }
            }
        } else {
            findings.append(unreadable(repo, "its workflows", "actions: read"))
        }
        findings += rulesets(facts)
        findings += environments(facts, usesApp: expected.usesApp)
        if facts.immutableReleases == false {
            findings.append(SetupFinding(code: "github.releases.mutable", subject: repo, what: "immutable releases are off",
                                         why: "a release's assets could be replaced after consumers pinned its checksums; with immutability GitHub refuses it",
                                         fix: "gh api -X PUT repos/\(repo)/immutable-releases"))
        }
        if let latest = facts.latestRelease, !pinnedVersions.contains(latest) {
            findings.append(SetupFinding(code: "github.release.unpinned", subject: repo, what: "the newest release \(latest) is not in action/checksums.txt on the default branch",
                                         why: "consumers pinned to it cannot verify its binaries and build the tools from source in every job",
                                         fix: "run release.yml again for \(latest) (its publish job commits the checksums), or scripts/release-pin"))
        }
        if let appID, !appID.isEmpty, let installations = facts.installations {
            let owner = repo.split(separator: "/").first.map(String.init) ?? repo
            if let permissions = installations[appID] {
                if permissions["pull_requests"] != "write" {
                    findings.append(SetupFinding(code: "github.app.permissions", subject: "App \(appID)", what: "the platform App may \(permissions["pull_requests"] ?? "not access") pull requests, not write them",
                                                 why: "scheduled destroys and sleep cannot update the pull request's comment",
                                                 fix: "give the App Pull requests: write in its settings and accept the new permission at https://github.com/organizations/\(owner)/settings/installations"))
                }
            } else {
                findings.append(SetupFinding(code: "github.app.not-installed", subject: "App \(appID)", what: "the platform App (github_app_id \(appID)) is not installed on \(owner)",
                                             why: "scheduled destroys and sleep cannot comment on pull requests",
                                             fix: "install it on the consumers' organisation: https://github.com/organizations/\(owner)/settings/installations"))
            }
        }
        return findings
    }

    /// A consumer repository: subject customisation, its workflow pinned to a release the platform
    /// published, and (for a private or internal platform) the reader App's secrets visible to it.
    public static func consumer(_ facts: GitHubSetupFacts, platform: GitHubSetupFacts, pinnedVersions: Set<String>) -> [SetupFinding] {
        let repo = facts.repository
        var findings = subject(facts)
        if let calls = facts.platformCalls {
            if calls["provision.yml"] == nil {
                findings.append(SetupFinding(code: "consumer.workflow.missing", subject: repo, what: "no workflow on the default branch calls \(platform.repository)/.github/workflows/provision.yml",
                                             why: "its pull requests get no preview",
                                             fix: "copy action/examples/preview-env.yml to .github/workflows/ and merge it"))
            }
            for (file, ref) in calls.sorted(by: { $0.key < $1.key }) where !pinnedVersions.contains(ref) {
                findings.append(SetupFinding(code: "consumer.pin", subject: repo, what: "\(file) is called at \(quoted(ref)), not at a release in the platform's action/checksums.txt",
                                             why: "the role trusts release tags only (refs/tags/v*): the call fails with AccessDenied, or runs tools no one verified",
                                             fix: "pin \(platform.repository)/.github/workflows/\(file)@\(pinnedVersions.sorted(by: versionOrder).last ?? "v<release>")"))
            }
        } else {
            findings.append(unreadable(repo, "its workflows", "contents: read"))
        }
        if platform.visibility != "public", let secrets = facts.secrets {
            let missing = ["IDP_PLATFORM_READER_APP_ID", "IDP_PLATFORM_READER_KEY"].filter { !secrets.contains($0) }
            if !missing.isEmpty {
                findings.append(SetupFinding(code: "consumer.reader-secrets", subject: repo, what: "\(missing.joined(separator: " and ")) \(missing.count == 1 ? "is" : "are") not visible to it",
                                             why: "the platform repository is \(platform.visibility): without the reader App's token the called workflows cannot check it out",
                                             fix: "gh secret set \(missing[0]) --org \(platform.repository.split(separator: "/").first ?? "") --repos \(repo.split(separator: "/").last ?? "") (and the other), or as repository secrets"))
            }
        }
        return findings
    }

    static func subject(_ facts: GitHubSetupFacts) -> [SetupFinding] {
        guard let subject = facts.subject else { return [unreadable(facts.repository, "its OIDC subject customisation", "actions: read")] }
        guard subject.useDefault || subject.claimKeys != OIDCSubject.claimKeys else { return [] }
        let seen = subject.useDefault ? "GitHub's default" : "[\(subject.claimKeys.joined(separator: ", "))]"
        return [SetupFinding(code: "github.oidc-subject", subject: facts.repository, what: "the OIDC subject uses \(seen), not the claim keys [\(OIDCSubject.claimKeys.joined(separator: ", "))]",
                             why: "the role trusts only subjects that name the called workflow and the runner: every run fails at AWS with AccessDenied",
                             fix: OIDCSubject.fix(repository: facts.repository) + " (it changes the subject of every workflow in \(facts.repository): check the others that use id-token: write first)")]
    }

    static func rulesets(_ facts: GitHubSetupFacts) -> [SetupFinding] {
        let repo = facts.repository
        guard let rulesets = facts.rulesets?.filter({ $0.enforcement == "active" }) else { return [unreadable(repo, "its rulesets", "administration: read")] }
        var findings: [SetupFinding] = []
        let tagRules = rulesets.filter { $0.target == "tag" && $0.include.contains { TrustPolicy.like($0, "refs/tags/v1.0.0") || $0 == "~ALL" } }
        if let guarding = tagRules.first(where: { Set(["creation", "update", "deletion"]).isSubset(of: $0.rules) }) {
            let people = guarding.bypass.filter { !$0.hasPrefix("Integration:") }
            if !people.isEmpty {
                findings.append(SetupFinding(code: "github.ruleset.tag-bypass", subject: repo, what: "the ruleset \(quoted(guarding.name)) lets \(people.joined(separator: ", ")) bypass it",
                                             why: "they could move or create a v* tag, which every consumer's trust follows; only the release App should",
                                             fix: "make the release App the ruleset's only bypass actor (Settings → Rules → Rulesets → \(guarding.name))"))
            }
        } else {
            findings.append(SetupFinding(code: "github.ruleset.tags", subject: repo, what: "no active ruleset restricts creating, updating and deleting refs/tags/v* tags",
                                         why: "anyone with write access could tag their own code as a release and run it with the platform's role",
                                         fix: "gh api -X POST repos/\(repo)/rulesets --input - <<< '{\"name\":\"releases\",\"target\":\"tag\",\"enforcement\":\"active\",\"conditions\":{\"ref_name\":{\"include\":[\"refs/tags/v*\"],\"exclude\":[]}},\"rules\":[{\"type\":\"creation\"},{\"type\":\"update\"},{\"type\":\"deletion\"}],\"bypass_actors\":[{\"actor_type\":\"Integration\",\"actor_id\":<release App id>,\"bypass_mode\":\"always\"}]}'"))
        }
        let branch = "refs/heads/\(facts.defaultBranch)"
        let branchRules = rulesets.filter { $0.target == "branch" && $0.include.contains { $0 == "~DEFAULT_BRANCH" || $0 == "~ALL" || TrustPolicy.like($0, branch) } }
        if !branchRules.contains(where: { $0.rules.contains("pull_request") }) {
            findings.append(SetupFinding(code: "github.ruleset.branch", subject: repo, what: "no active ruleset requires a pull request on \(facts.defaultBranch)",
                                         why: "platform.yml and the scheduled workflows there act on every tenant: a direct push would change them unreviewed",
                                         fix: "gh api -X POST repos/\(repo)/rulesets --input - <<< '{\"name\":\"default branch\",\"target\":\"branch\",\"enforcement\":\"active\",\"conditions\":{\"ref_name\":{\"include\":[\"~DEFAULT_BRANCH\"],\"exclude\":[]}},\"rules\":[{\"type\":\"deletion\"},{\"type\":\"non_fast_forward\"},{\"type\":\"pull_request\",\"parameters\":{\"required_approving_review_count\":1,\"dismiss_stale_reviews_on_push\":true,\"require_code_owner_review\":false,\"require_last_push_approval\":true,\"required_review_thread_resolution\":false}}]}'"))
        }
        return findings
    }

    static func environments(_ facts: GitHubSetupFacts, usesApp: Bool) -> [SetupFinding] {
        let repo = facts.repository
        guard let environments = facts.environments else { return [unreadable(repo, "its environments", "actions: read")] }
        var findings: [SetupFinding] = []
        let wanted: [(name: String, secrets: [String], needed: Bool)] = [
            ("idp-platform", usesApp ? ["IDP_APP_PRIVATE_KEY"] : [], true),
            ("release", ["IDP_RELEASE_APP_ID", "IDP_RELEASE_APP_KEY"], true),
        ]
        for want in wanted {
            guard let environment = environments.first(where: { $0.name == want.name }) else {
                findings.append(SetupFinding(code: "github.environment.missing", subject: repo, what: "the environment \(quoted(want.name)) does not exist",
                                             why: want.name == "release" ? "release.yml's publish job waits for it and never gets the release App's key"
                                                : "the role trusts the scan and sleep only in it (environment:idp-platform): they fail with AccessDenied",
                                             fix: "gh api -X PUT repos/\(repo)/environments/\(want.name) --input - <<< '{\"deployment_branch_policy\":{\"protected_branches\":true,\"custom_branch_policies\":false}}'"))
                continue
            }
            if environment.protectedBranchesOnly == nil {
                findings.append(SetupFinding(code: "github.environment.branches", subject: repo, what: "any branch may use the environment \(quoted(want.name))",
                                             why: "a workflow on any branch of the platform repository could read its keys and hold the role's platform subject",
                                             fix: "gh api -X PUT repos/\(repo)/environments/\(want.name) --input - <<< '{\"deployment_branch_policy\":{\"protected_branches\":true,\"custom_branch_policies\":false}}'"))
            }
            if let secrets = environment.secrets {
                for secret in want.secrets where !secrets.contains(secret) {
                    findings.append(SetupFinding(code: "github.environment.secret", subject: repo, what: "the environment \(quoted(want.name)) has no secret \(secret)",
                                                 why: want.name == "release" ? "release.yml cannot create the v* tag (only the release App may)" : "scheduled destroys and sleep cannot comment on pull requests",
                                                 fix: "gh secret set \(secret) --env \(want.name) -R \(repo) < \(secret.hasSuffix("KEY") ? "app-private-key.pem" : "app-id.txt")"))
                }
            }
        }
        return findings
    }

    static func unreadable(_ repository: String, _ what: String, _ permission: String) -> SetupFinding {
        SetupFinding(.warning, code: "github.unreadable", subject: repository, what: "\(what) could not be read with this token",
                     why: "that part of the setup was not checked", fix: "run idp doctor with a token that has \(permission) on \(repository) (gh auth token, or a fine-grained token)")
    }

    /// `v1.10.0` after `v1.9.0`: numeric parts compared as numbers.
    public static func versionOrder(_ a: String, _ b: String) -> Bool {
        let parts = { (s: String) in s.drop(while: { $0 == "v" }).split(whereSeparator: { !$0.isNumber }).map { Int($0) ?? 0 } }
        return parts(a).lexicographicallyPrecedes(parts(b))
    }
}

extension SetupRules {
    /// The platform's reusable workflows a workflow file calls, and the ref of each call:
    /// `uses: acme/mini-idp/.github/workflows/provision.yml@v1.4.0` → `provision.yml: v1.4.0`.
    public static func platformCalls(in workflow: String, platform: String) -> [String: String] {
        var calls: [String: String] = [:]
        let prefix = "\(platform)/.github/workflows/"
        for line in workflow.split(separator: "\n") {
            var text = String(line).trimmingWhitespace
            if text.hasPrefix("- ") { text = String(text.dropFirst(2)).trimmingWhitespace }
            guard text.hasPrefix("uses:") else { continue }
            var value = String(text.dropFirst(5)).trimmingWhitespace
            if let hash = value.firstIndex(of: "#") { value = String(value[..<hash]).trimmingWhitespace }
            let quote: (Character) -> Bool = { $0 == "\"" || $0 == "'" }
            while let first = value.first, quote(first) { value.removeFirst() }
            while let last = value.last, quote(last) { value.removeLast() }
            guard value.lowercased().hasPrefix(prefix.lowercased()), let at = value.lastIndex(of: "@") else { continue }
            let file = String(value[value.index(value.startIndex, offsetBy: prefix.count)..<at])
            if calls[file] == nil { calls[file] = String(value[value.index(after: at)...]) }
        }
        return calls
    }
}
