import IDPCore
import IDPHTTP

/// Reads, never writes, what `idp doctor` checks of a repository on GitHub. A part the token may
/// not read (403, or 404 where GitHub hides it) is recorded in `unreadable` with the permission it
/// needs, for the rules to report: doctor says ready only for what it saw.
public struct SetupInspection {
    public let github: GitHubClient

    public init(github: GitHubClient) { self.github = github }

    /// The platform repository: workflows, rulesets, environments and their secrets' names,
    /// immutable releases, OIDC subject, newest release, and the owner's App installations.
    public func platform(_ repository: String) throws(GitHubError) -> GitHubSetupFacts {
        var facts = try basics(repository)
        if let list = try items("/repos/\(repository)/actions/workflows", key: "workflows", "GET workflows") {
            var states: [String: String] = [:]
            for item in list {
                guard let path = item["path"]?.stringValue else { continue }
                states[String(path.split(separator: "/").last ?? "")] = item["state"]?.stringValue ?? ""
            }
            facts.workflows = states
        } else {
            facts.unreadable["its workflows"] = "actions: read"
        }
        facts.rulesets = try rulesets(repository)
        if facts.rulesets == nil { facts.unreadable["its rulesets"] = "administration: read" }
        if let list = try items("/repos/\(repository)/environments", key: "environments", "GET environments") {
            var environments: [GitHubSetupFacts.Environment] = []
            for item in list {
                guard let name = item["name"]?.stringValue else { continue }
                let path = "/repos/\(repository)/environments/\(percentEncode(name))"
                let policy = item["deployment_branch_policy"]
                let branches: GitHubSetupFacts.Environment.Branches
                if policy == nil || policy == .null {
                    branches = .any
                } else if policy?["custom_branch_policies"] == .bool(true) {
                    let names = try items(path + "/deployment-branch-policies", key: "branch_policies", "GET deployment branch policies")
                    branches = .custom(names.map { $0.map { ($0["type"]?.stringValue == "tag" ? "tag:" : "") + ($0["name"]?.stringValue ?? "") } })
                } else {
                    branches = .protectedBranches
                }
                let secrets = try names(path + "/secrets", "GET environment secrets")
                if secrets == nil { facts.unreadable["the secrets of the environment \(name)"] = "secrets: read" }
                environments.append(.init(name: name, branches: branches, secrets: secrets))
            }
            facts.environments = environments
        } else {
            facts.unreadable["its environments"] = "actions: read"
        }
        // 200 {"enabled": …} where immutability is on, 404 where it is off (GitHub's documented answers).
        do {
            let response = try github.send("GET", "/repos/\(repository)/immutable-releases", operation: "GET immutable-releases")
            facts.immutableReleases = (try? JSONValue.parse(response.body))?["enabled"] == .bool(true)
        } catch where error.httpStatus == 404 {
            facts.immutableReleases = false
        } catch where error.httpStatus == 403 {
            facts.unreadable["its immutable releases setting"] = "administration: read"
        }
        do {
            let response = try github.send("GET", "/repos/\(repository)/releases/latest", operation: "GET latest release")
            facts.latestRelease = (try? JSONValue.parse(response.body))?["tag_name"]?.stringValue
        } catch where error.httpStatus == 404 {
            facts.latestRelease = nil  // no release yet
        } catch where error.httpStatus == 403 {
            facts.unreadable["its releases"] = "contents: read"
        }
        let owner = String(repository.split(separator: "/").first ?? "")
        if let list = try items("/orgs/\(owner)/installations", key: "installations", "GET installations") {
            var installations: [String: [String: String]] = [:]
            for item in list {
                guard let id = item["app_id"].map({ $0.displayText }) else { continue }
                var permissions: [String: String] = [:]
                if case .object(let members)? = item["permissions"] { for (key, value) in members { permissions[key] = value.stringValue } }
                installations[id] = permissions
            }
            facts.installations = installations
        }
        return facts
    }

    /// A consumer repository: OIDC subject, which platform workflows its workflows call at which
    /// ref, and the secrets visible to it (its own and the organisation's, names only).
    public func consumer(_ repository: String, platform: String) throws(GitHubError) -> GitHubSetupFacts {
        var facts = try basics(repository)
        let ref = percentEncode(facts.defaultBranch)
        if case .array(let files)? = try get("/repos/\(repository)/contents/.github/workflows?ref=\(ref)", "GET workflow files") {
            var calls: [String: String] = [:]
            for file in files where file["type"]?.stringValue == "file" {
                guard let path = file["path"]?.stringValue, path.hasSuffix(".yml") || path.hasSuffix(".yaml"),
                      let encoded = try get("/repos/\(repository)/contents/\(percentEncode(path, keepSlash: true))?ref=\(ref)", "GET workflow file")?["content"]?.stringValue,
                      let bytes = base64Decode(encoded) else { continue }
                calls.merge(SetupRules.platformCalls(in: String(decoding: bytes, as: UTF8.self), platform: platform)) { first, _ in first }
            }
            facts.platformCalls = calls
        } else {
            facts.platformCalls = [:]  // no .github/workflows: nothing calls the platform
        }
        let own = try names("/repos/\(repository)/actions/secrets", "GET secrets")
        let shared = try names("/repos/\(repository)/actions/organization-secrets", "GET organization secrets")
        if own == nil && shared == nil { facts.unreadable["the secrets visible to it"] = "secrets: read" }
        facts.secrets = (own ?? []) + (shared ?? [])
        return facts
    }

    func basics(_ repository: String) throws(GitHubError) -> GitHubSetupFacts {
        guard let answer = try get("/repos/\(repository)", "GET repository") else {
            throw .status(404, "\(repository) does not exist or this token cannot see it", operation: "GET repository")
        }
        let visibility = answer["visibility"]?.stringValue ?? (answer["private"] == .bool(true) ? "private" : "public")
        var facts = GitHubSetupFacts(repository: repository, defaultBranch: answer["default_branch"]?.stringValue ?? "main", visibility: visibility)
        if case .bool(let admin)? = answer["permissions"]?["admin"] { facts.tokenIsAdmin = admin }
        if visibility != "public" { facts.actionsAccess = try get("/repos/\(repository)/actions/permissions/access", "GET Actions access")?["access_level"]?.stringValue }
        if let subject = try get("/repos/\(repository)/actions/oidc/customization/sub", "GET OIDC subject") {
            var keys: [String] = []
            if case .array(let list)? = subject["include_claim_keys"] { keys = list.compactMap(\.stringValue) }
            let useDefault = subject["use_default"] != .bool(false)
            // Not the default and no keys of its own: the organisation's template applies.
            if !useDefault, keys.isEmpty, let owner = repository.split(separator: "/").first,
               case .array(let list)? = try get("/orgs/\(owner)/actions/oidc/customization/sub", "GET organisation OIDC subject")?["include_claim_keys"] {
                keys = list.compactMap(\.stringValue)
            }
            facts.subject = .init(useDefault: useDefault, claimKeys: keys)
        } else {
            facts.unreadable["its OIDC subject customisation"] = "actions: read"
        }
        return facts
    }

    func rulesets(_ repository: String) throws(GitHubError) -> [GitHubSetupFacts.Ruleset]? {
        var summaries: [JSONValue] = []
        do { try github.list("/repos/\(repository)/rulesets", operation: "GET rulesets") { summaries.append($0) } } catch where error.httpStatus == 403 || error.httpStatus == 404 {
            return nil
        }
        var rulesets: [GitHubSetupFacts.Ruleset] = []
        for summary in summaries {
            guard let id = summary["id"]?.displayText, let ruleset = try get("/repos/\(repository)/rulesets/\(id)", "GET ruleset") else { continue }
            var include: [String] = [], exclude: [String] = [], rules: [String] = [], bypass: [String]?, reviews: Int?
            if case .array(let items)? = ruleset["conditions"]?["ref_name"]?["include"] { include = items.compactMap(\.stringValue) }
            if case .array(let items)? = ruleset["conditions"]?["ref_name"]?["exclude"] { exclude = items.compactMap(\.stringValue) }
            if case .array(let items)? = ruleset["rules"] {
                rules = items.compactMap { $0["type"]?.stringValue }
                if case .number(let n)? = items.first(where: { $0["type"]?.stringValue == "pull_request" })?["parameters"]?["required_approving_review_count"] { reviews = Int(n) }
            }
            if case .array(let items)? = ruleset["bypass_actors"] {
                bypass = items.map { "\($0["actor_type"]?.stringValue ?? "?"):\($0["actor_id"]?.displayText ?? "null")" }
            }
            var read = GitHubSetupFacts.Ruleset(name: ruleset["name"]?.stringValue ?? id, target: ruleset["target"]?.stringValue ?? "branch",
                                                enforcement: ruleset["enforcement"]?.stringValue ?? "", include: include, exclude: exclude, rules: rules,
                                                bypass: bypass, requiredReviews: reviews)
            read.id = Int(id)
            rulesets.append(read)
        }
        return rulesets
    }

    /// Every entry of a paginated `{"total_count": n, "<key>": […]}` answer, following `Link: rel="next"`;
    /// nil when the token may not read it.
    func items(_ path: String, key: String, _ operation: String) throws(GitHubError) -> [JSONValue]? {
        var all: [JSONValue] = []
        var next: String? = path + (path.contains("?") ? "&" : "?") + "per_page=100"
        while let url = next {
            let response: HTTPResponse
            do { response = try github.send("GET", url, operation: operation) } catch where error.httpStatus == 403 || error.httpStatus == 404 {
                return nil
            }
            guard let page = try? JSONValue.parse(response.body) else { throw .malformed("not JSON", operation: operation) }
            if case .array(let list)? = page[key] { all += list }
            next = GitHubClient.nextLink(response.header("link"))
        }
        return all
    }

    /// The `name` of each entry of a `{"secrets": […]}` answer; nil when the token may not list them.
    func names(_ path: String, _ operation: String) throws(GitHubError) -> [String]? {
        try items(path, key: "secrets", operation)?.compactMap { $0["name"]?.stringValue }
    }

    /// The JSON answer, or nil for 403 and 404 (what this token may not see).
    func get(_ path: String, _ operation: String) throws(GitHubError) -> JSONValue? {
        let response: HTTPResponse
        do { response = try github.send("GET", path, operation: operation) } catch where error.httpStatus == 403 || error.httpStatus == 404 {
            return nil
        }
        do { return try JSONValue.parse(response.body) } catch { throw .malformed(error.message, operation: operation) }
    }
}

extension SetupInspection {
    /// Carries out `actions` one by one, in order; the first refusal stops the run, naming it.
    public func apply(_ actions: [SetupAction], log: (String) -> Void) throws(GitHubError) {
        for action in actions {
            _ = try github.send(action.method, action.path, body: action.body, operation: "\(action.method) \(action.path)")
            log("done: \(action.description)")
        }
    }
}

/// The writes of `idp onboard` in a consumer repository: its OIDC subject, a branch with the
/// proposed files, and the pull request, each a documented REST call.
extension SetupInspection {
    /// A file's text on `ref`, nil when there is none.
    public func fileText(_ repository: String, _ path: String, ref: String) throws(GitHubError) -> String? {
        guard let encoded = try get("/repos/\(repository)/contents/\(percentEncode(path, keepSlash: true))?ref=\(percentEncode(ref))", "GET file")?["content"]?.stringValue,
              let bytes = base64Decode(encoded) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The workflow files on `ref` that ask for an OIDC token (`id-token: write`).
    public func idTokenWorkflows(_ repository: String, ref: String) throws(GitHubError) -> [String] {
        guard case .array(let files)? = try get("/repos/\(repository)/contents/.github/workflows?ref=\(percentEncode(ref))", "GET workflow files") else { return [] }
        var found: [String] = []
        for file in files {
            guard let path = file["path"]?.stringValue, let text = try fileText(repository, path, ref: ref) else { continue }
            if text.contains("id-token: write") { found.append(path) }
        }
        return found
    }

    /// The number of the open pull request from `branch`, if any.
    public func openPullRequest(_ repository: String, from branch: String) throws(GitHubError) -> Int? {
        let owner = repository.split(separator: "/").first.map(String.init) ?? ""
        guard case .array(let pulls)? = try get("/repos/\(repository)/pulls?state=open&head=\(percentEncode("\(owner):\(branch)"))", "GET pulls") else { return nil }
        return pulls.first.flatMap { $0["number"] }.map { Int($0.displayText) ?? 0 }
    }

    /// A branch from `base` with `files`, and the pull request; returns its number.
    public func propose(_ repository: String, base: String, branch: String, files: [(path: String, text: String)], title: String, body: String) throws(GitHubError) -> Int {
        let head = try github.send("GET", "/repos/\(repository)/git/ref/heads/\(percentEncode(base, keepSlash: true))", operation: "GET ref")
        guard let sha = (try? JSONValue.parse(head.body))?["object"]?["sha"]?.stringValue else { throw .malformed("no sha of \(base)", operation: "GET ref") }
        // The branch of an earlier run (a closed pull request, a run stopped halfway) is reused.
        do { _ = try github.send("POST", "/repos/\(repository)/git/refs", body: .object(["ref": .string("refs/heads/\(branch)"), "sha": .string(sha)]), operation: "POST ref") }
        catch where error.httpStatus == 422 {}
        for file in files {
            var body: [String: JSONValue] = ["message": .string("Preview environments: \(file.path)"), "content": .string(base64Encode(Array(file.text.utf8))), "branch": .string(branch)]
            // Replacing a file on the branch names the version replaced.
            if let existing = try get("/repos/\(repository)/contents/\(percentEncode(file.path, keepSlash: true))?ref=\(percentEncode(branch))", "GET file")?["sha"]?.stringValue {
                body["sha"] = .string(existing)
            }
            _ = try github.send("PUT", "/repos/\(repository)/contents/\(percentEncode(file.path, keepSlash: true))", body: .object(body), operation: "PUT \(file.path)")
        }
        let pull = try github.send("POST", "/repos/\(repository)/pulls", body: .object([
            "title": .string(title), "head": .string(branch), "base": .string(base), "body": .string(body),
        ]), operation: "POST pulls")
        return (try? JSONValue.parse(pull.body))?["number"].flatMap { Int($0.displayText) } ?? 0
    }
}
