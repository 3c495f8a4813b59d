extension SetupRules {
    /// The platform repository on GitHub: schedules enabled, the `v*` tag and default-branch rulesets,
    /// the environments holding the App keys, immutable releases, the OIDC subject customisation,
    /// the newest release pinned, and the platform App installed with what it needs. What the token
    /// could not read is an error: doctor says ready only for what it saw.
    public static func platform(_ facts: GitHubSetupFacts, expecting expected: SetupExpectations, appID: String?, pinnedVersions: Set<String>) -> [SetupFinding] {
        let repo = facts.repository
        var findings = facts.unreadable.sorted { $0.key < $1.key }.map { unreadable(repo, $0.key, $0.value) }
        findings += subject(facts)
        if let workflows = facts.workflows {
            // sleep.yml may be disabled where platform.yml has no sleep: (docs/operations.md suggests it).
            for file in SetupExpectations.scheduledWorkflows where file != "sleep.yml" || expected.sleeps {
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
        }
        findings += rulesets(facts)
        findings += environments(facts, usesApp: expected.usesApp)
        if facts.immutableReleases == false {
            findings.append(SetupFinding(code: "github.releases.mutable", subject: repo, what: "immutable releases are off",
                                         why: "a release's assets could be replaced after consumers pinned its checksums; with immutability GitHub refuses it",
                                         fix: "gh api -X PUT repos/\(repo)/immutable-releases"))
        }
        if let latest = facts.latestRelease {
            if !pinnedVersions.contains(latest) {
                findings.append(SetupFinding(code: "github.release.unpinned", subject: repo, what: "the newest release \(latest) is not in the checksums doctor read (--checksums, action/checksums.txt of this checkout)",
                                             why: "consumers pinned to it cannot verify its binaries and build the tools from source in every job",
                                             fix: "run doctor on an up-to-date checkout of the default branch; else run release.yml again for \(latest) (its publish job commits the checksums), or scripts/release-pin"))
            }
        } else if facts.unreadable["its releases"] == nil {
            findings.append(SetupFinding(code: "github.release.none", subject: repo, what: "the repository has no release yet",
                                         why: "consumers have nothing to pin: the role trusts release tags only",
                                         fix: "gh workflow run release.yml -R \(repo) (docs/platform-setup.md step 10)"))
        }
        findings += app(facts, appID: appID)
        return findings
    }

    static func app(_ facts: GitHubSetupFacts, appID: String?) -> [SetupFinding] {
        guard let appID, !appID.isEmpty else { return [] }
        let owner = facts.repository.split(separator: "/").first.map(String.init) ?? facts.repository
        guard let installations = facts.installations else {
            return [SetupFinding(.warning, code: "github.app.unchecked", subject: "App \(appID)", what: "the owner's App installations could not be listed with this token",
                                 why: "whether the platform App is installed, with Pull requests: write, was not checked",
                                 fix: "run doctor with an organisation owner's token (admin:org read), or check https://github.com/organizations/\(owner)/settings/installations")]
        }
        guard let permissions = installations[appID] else {
            return [SetupFinding(code: "github.app.not-installed", subject: "App \(appID)", what: "the platform App (github_app_id \(appID)) is not installed on \(owner)",
                                 why: "scheduled destroys and sleep cannot comment on pull requests",
                                 fix: "install it on the consumers' organisation: https://github.com/organizations/\(owner)/settings/installations")]
        }
        guard permissions["pull_requests"] == "write" else {
            return [SetupFinding(code: "github.app.permissions", subject: "App \(appID)", what: "the platform App may \(permissions["pull_requests"] ?? "not access") pull requests, not write them",
                                 why: "scheduled destroys and sleep cannot update the pull request's comment",
                                 fix: "give the App Pull requests: write in its settings and accept the new permission at https://github.com/organizations/\(owner)/settings/installations")]
        }
        return []
    }

    /// A consumer repository: subject customisation, its workflow pinned to a release the platform
    /// published, and (for a private or internal platform) the reader App's secrets visible to it.
    public static func consumer(_ facts: GitHubSetupFacts, platform: GitHubSetupFacts, pinnedVersions: Set<String>) -> [SetupFinding] {
        let repo = facts.repository
        var findings = facts.unreadable.sorted { $0.key < $1.key }.map { unreadable(repo, $0.key, $0.value) }
        findings += subject(facts)
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
        guard let subject = facts.subject else { return [] }  // unreadable: reported with the rest
        guard subject.useDefault || subject.claimKeys != OIDCSubject.claimKeys else { return [] }
        let seen = subject.useDefault ? "GitHub's default" : "[\(subject.claimKeys.joined(separator: ", "))]"
        return [SetupFinding(code: "github.oidc-subject", subject: facts.repository, what: "the OIDC subject uses \(seen), not the claim keys [\(OIDCSubject.claimKeys.joined(separator: ", "))]",
                             why: "the role trusts only subjects that name the called workflow and the runner: every run fails at AWS with AccessDenied",
                             fix: OIDCSubject.fix(repository: facts.repository) + " (it changes the subject of every workflow in \(facts.repository): check the others that use id-token: write first)")]
    }

    static let tagRulesetFix = "gh api -X POST repos/{repo}/rulesets --input - <<< '{\"name\":\"releases\",\"target\":\"tag\",\"enforcement\":\"active\",\"conditions\":{\"ref_name\":{\"include\":[\"~ALL\"],\"exclude\":[]}},\"rules\":[{\"type\":\"creation\"},{\"type\":\"update\"},{\"type\":\"deletion\"}],\"bypass_actors\":[{\"actor_type\":\"Integration\",\"actor_id\":<release App id>,\"bypass_mode\":\"always\"}]}'"

    static func rulesets(_ facts: GitHubSetupFacts) -> [SetupFinding] {
        let repo = facts.repository
        guard let rulesets = facts.rulesets?.filter({ $0.enforcement == "active" }) else { return [] }
        var findings: [SetupFinding] = []
        let guarding = rulesets.filter { $0.target == "tag" && Set(["creation", "update", "deletion"]).isSubset(of: $0.rules) }
        // The trust's refs/tags/v* is IAM's *, which crosses "/": every tag it admits must be guarded,
        // and GitHub's * does not cross it, so refs/tags/v* alone leaves refs/tags/v1/x open.
        let probes = ["refs/tags/v1.0.0", "refs/tags/v1/x"]
        let uncovered = probes.filter { tag in !guarding.contains { $0.covers(tag, defaultBranch: facts.defaultBranch) } }
        if uncovered.contains("refs/tags/v1.0.0") {
            findings.append(SetupFinding(code: "github.ruleset.tags", subject: repo, what: "no active ruleset restricts creating, updating and deleting the v* tags",
                                         why: "anyone with write access could tag their own code as a release and run it with the platform's role",
                                         fix: tagRulesetFix.replacing("{repo}", with: repo)))
        } else if !uncovered.isEmpty {
            findings.append(SetupFinding(code: "github.ruleset.tags-nested", subject: repo, what: "the tag ruleset leaves \(uncovered.joined(separator: ", ")) unguarded (GitHub's * stops at /)",
                                         why: "the role's trust refs/tags/v* admits it (IAM's * crosses /): a writer could push such a tag and run its code with the platform's role",
                                         fix: "make the ruleset's target ~ALL tags (or add refs/tags/v**/*): " + tagRulesetFix.replacing("{repo}", with: repo)))
        }
        for ruleset in guarding where ruleset.covers("refs/tags/v1.0.0", defaultBranch: facts.defaultBranch) {
            guard let bypass = ruleset.bypass else {
                findings.append(unreadable(repo, "who may bypass the ruleset \(quoted(ruleset.name))", "administration: read (an admin's token)"))
                continue
            }
            let people = bypass.filter { !$0.hasPrefix("Integration:") }
            if !people.isEmpty {
                findings.append(SetupFinding(code: "github.ruleset.tag-bypass", subject: repo, what: "the ruleset \(quoted(ruleset.name)) lets \(people.joined(separator: ", ")) bypass it",
                                             why: "they could move or create a v* tag, which every consumer's trust follows; only the release App should",
                                             fix: "make the release App the ruleset's only bypass actor (Settings → Rules → Rulesets → \(ruleset.name))"))
            }
        }
        let branch = "refs/heads/\(facts.defaultBranch)"
        let onBranch = rulesets.filter { $0.target == "branch" && $0.covers(branch, defaultBranch: facts.defaultBranch) && $0.rules.contains("pull_request") }
        if onBranch.isEmpty {
            findings.append(SetupFinding(code: "github.ruleset.branch", subject: repo, what: "no active ruleset requires a pull request on \(facts.defaultBranch)",
                                         why: "platform.yml and the scheduled workflows there act on every tenant: a direct push would change them unreviewed",
                                         fix: "gh api -X POST repos/\(repo)/rulesets --input - <<< '{\"name\":\"default branch\",\"target\":\"branch\",\"enforcement\":\"active\",\"conditions\":{\"ref_name\":{\"include\":[\"~DEFAULT_BRANCH\"],\"exclude\":[]}},\"rules\":[{\"type\":\"deletion\"},{\"type\":\"non_fast_forward\"},{\"type\":\"pull_request\",\"parameters\":{\"required_approving_review_count\":1,\"dismiss_stale_reviews_on_push\":true,\"require_code_owner_review\":false,\"require_last_push_approval\":true,\"required_review_thread_resolution\":false}}]}'"))
        } else if !onBranch.contains(where: { ($0.requiredReviews ?? 0) >= 1 && ($0.bypass ?? []).allSatisfy { $0.hasPrefix("Integration:") } }) {
            let who = Set(onBranch.flatMap { ($0.bypass ?? []).filter { !$0.hasPrefix("Integration:") } }).sorted()
            findings.append(SetupFinding(.warning, code: "github.ruleset.branch-review", subject: repo,
                                         what: "the default branch's ruleset " + (who.isEmpty ? "requires no approving review" : "may be bypassed by \(who.joined(separator: ", "))"),
                                         why: "a change to platform.yml applies to every tenant's next run; one person alone could make it",
                                         fix: "require at least one approving review, without bypass for people (Settings → Rules → Rulesets)"))
        }
        return findings
    }

    static func environments(_ facts: GitHubSetupFacts, usesApp: Bool) -> [SetupFinding] {
        let repo = facts.repository
        guard let environments = facts.environments else { return [] }
        var findings: [SetupFinding] = []
        let wanted: [(name: String, secrets: [String])] = [
            ("idp-platform", usesApp ? ["IDP_APP_PRIVATE_KEY"] : []),
            ("release", ["IDP_RELEASE_APP_ID", "IDP_RELEASE_APP_KEY"]),
        ]
        let onlyDefault = "gh api -X PUT repos/\(repo)/environments/{name} --input - <<< '{\"deployment_branch_policy\":{\"protected_branches\":false,\"custom_branch_policies\":true}}' && gh api -X POST repos/\(repo)/environments/{name}/deployment-branch-policies -f name=\(facts.defaultBranch) -f type=branch"
        for want in wanted {
            let fix = onlyDefault.replacing("{name}", with: want.name)
            guard let environment = environments.first(where: { $0.name == want.name }) else {
                findings.append(SetupFinding(code: "github.environment.missing", subject: repo, what: "the environment \(quoted(want.name)) does not exist",
                                             why: want.name == "release" ? "release.yml's publish job waits for it and never gets the release App's key"
                                                : "the role trusts the scan and sleep only in it (environment:idp-platform): they fail with AccessDenied",
                                             fix: fix))
                continue
            }
            let why = "a workflow on another branch of the platform repository could read its keys and hold the role's platform subject"
            switch environment.branches {
            case .any:
                findings.append(SetupFinding(code: "github.environment.branches", subject: repo, what: "any branch may use the environment \(quoted(want.name))", why: why, fix: fix))
            case .protectedBranches:
                findings.append(SetupFinding(.warning, code: "github.environment.protected", subject: repo,
                                             what: "the environment \(quoted(want.name)) admits \"protected branches\", which GitHub counts by branch protection rules (with none, every branch)",
                                             why: why, fix: "name the default branch instead: " + fix))
            case .custom(let names?) where names != [facts.defaultBranch]:
                findings.append(SetupFinding(code: "github.environment.branches", subject: repo,
                                             what: "the environment \(quoted(want.name)) admits the branches \(names.map(quoted).joined(separator: ", ")), not only \(facts.defaultBranch)",
                                             why: why, fix: fix))
            case .custom:
                break
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

    /// A part of the setup the token could not read: not checked, so not ready.
    static func unreadable(_ repository: String, _ what: String, _ permission: String) -> SetupFinding {
        SetupFinding(code: "github.unreadable", subject: repository, what: "\(what) could not be read with this token",
                     why: "that part of the setup was not checked, so doctor cannot say the platform is ready",
                     fix: "run idp doctor with a token that has \(permission) on \(repository) (gh auth token of an admin, or a fine-grained token)")
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
