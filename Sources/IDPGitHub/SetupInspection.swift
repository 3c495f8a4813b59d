import IDPCore
import IDPHTTP

/// Reads, never writes, what `idp doctor` checks of a repository on GitHub. A part the token may
/// not read (403, or 404 where GitHub hides it) is left nil for the rules to report as unchecked.
public struct SetupInspection {
    public let github: GitHubClient

    public init(github: GitHubClient) { self.github = github }

    /// The platform repository: workflows, rulesets, environments and their secrets' names,
    /// immutable releases, OIDC subject, newest release, and the owner's App installations.
    public func platform(_ repository: String) throws(GitHubError) -> GitHubSetupFacts {
        var facts = try basics(repository)
        if let answer = try get("/repos/\(repository)/actions/workflows?per_page=100", "GET workflows"), case .array(let list)? = answer["workflows"] {
            var states: [String: String] = [:]
            for item in list {
                guard let path = item["path"]?.stringValue else { continue }
                states[String(path.split(separator: "/").last ?? "")] = item["state"]?.stringValue ?? ""
            }
            facts.workflows = states
        }
        facts.rulesets = try rulesets(repository)
        if let answer = try get("/repos/\(repository)/environments?per_page=100", "GET environments"), case .array(let list)? = answer["environments"] {
            var environments: [GitHubSetupFacts.Environment] = []
            for item in list {
                guard let name = item["name"]?.stringValue else { continue }
                var onlyProtected: Bool?
                if case .object? = item["deployment_branch_policy"] { onlyProtected = item["deployment_branch_policy"]?["protected_branches"] == .bool(true) }
                let secrets = try names("/repos/\(repository)/environments/\(percentEncode(name))/secrets?per_page=100", "GET environment secrets")
                environments.append(.init(name: name, protectedBranchesOnly: onlyProtected, secrets: secrets))
            }
            facts.environments = environments
        }
        // 200 {"enabled": …} where immutability is on, 404 where it is off (GitHub's documented answers).
        do {
            let response = try github.send("GET", "/repos/\(repository)/immutable-releases", operation: "GET immutable-releases")
            facts.immutableReleases = (try? JSONValue.parse(response.body))?["enabled"] == .bool(true)
        } catch where error.httpStatus == 404 {
            facts.immutableReleases = false
        } catch where error.httpStatus == 403 {}
        facts.latestRelease = try get("/repos/\(repository)/releases/latest", "GET latest release")?["tag_name"]?.stringValue
        let owner = String(repository.split(separator: "/").first ?? "")
        if let answer = try get("/orgs/\(owner)/installations?per_page=100", "GET installations"), case .array(let list)? = answer["installations"] {
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
        if let listing = try get("/repos/\(repository)/contents/.github/workflows?ref=\(facts.defaultBranch)", "GET workflow files"), case .array(let files) = listing {
            var calls: [String: String] = [:]
            for file in files where file["type"]?.stringValue == "file" {
                guard let path = file["path"]?.stringValue, path.hasSuffix(".yml") || path.hasSuffix(".yaml"),
                      let encoded = try get("/repos/\(repository)/contents/\(percentEncode(path, keepSlash: true))?ref=\(facts.defaultBranch)", "GET workflow file")?["content"]?.stringValue,
                      let bytes = base64Decode(encoded) else { continue }
                calls.merge(SetupRules.platformCalls(in: String(decoding: bytes, as: UTF8.self), platform: platform)) { first, _ in first }
            }
            facts.platformCalls = calls
        } else {
            facts.platformCalls = [:]
        }
        let own = try names("/repos/\(repository)/actions/secrets?per_page=100", "GET secrets")
        let shared = try names("/repos/\(repository)/actions/organization-secrets?per_page=100", "GET organization secrets")
        if own != nil || shared != nil { facts.secrets = (own ?? []) + (shared ?? []) }
        return facts
    }

    func basics(_ repository: String) throws(GitHubError) -> GitHubSetupFacts {
        guard let answer = try get("/repos/\(repository)", "GET repository") else {
            throw .status(404, "\(repository) does not exist or this token cannot see it", operation: "GET repository")
        }
        let visibility = answer["visibility"]?.stringValue ?? (answer["private"] == .bool(true) ? "private" : "public")
        var facts = GitHubSetupFacts(repository: repository, defaultBranch: answer["default_branch"]?.stringValue ?? "main", visibility: visibility)
        if let subject = try get("/repos/\(repository)/actions/oidc/customization/sub", "GET OIDC subject") {
            var keys: [String] = []
            if case .array(let list)? = subject["include_claim_keys"] { keys = list.compactMap(\.stringValue) }
            facts.subject = .init(useDefault: subject["use_default"] != .bool(false), claimKeys: keys)
        }
        return facts
    }

    func rulesets(_ repository: String) throws(GitHubError) -> [GitHubSetupFacts.Ruleset]? {
        guard case .array(let list)? = try get("/repos/\(repository)/rulesets?per_page=100", "GET rulesets") else { return nil }
        var rulesets: [GitHubSetupFacts.Ruleset] = []
        for summary in list {
            guard let id = summary["id"]?.displayText, let ruleset = try get("/repos/\(repository)/rulesets/\(id)", "GET ruleset") else { continue }
            var include: [String] = [], rules: [String] = [], bypass: [String] = []
            if case .array(let items)? = ruleset["conditions"]?["ref_name"]?["include"] { include = items.compactMap(\.stringValue) }
            if case .array(let items)? = ruleset["rules"] { rules = items.compactMap { $0["type"]?.stringValue } }
            if case .array(let items)? = ruleset["bypass_actors"] {
                bypass = items.map { "\($0["actor_type"]?.stringValue ?? "?"):\($0["actor_id"]?.displayText ?? "null")" }
            }
            rulesets.append(.init(name: ruleset["name"]?.stringValue ?? id, target: ruleset["target"]?.stringValue ?? "branch",
                                  enforcement: ruleset["enforcement"]?.stringValue ?? "", include: include, rules: rules, bypass: bypass))
        }
        return rulesets
    }

    /// The `name` of each entry of a `{"secrets": […]}` answer; nil when the token may not list them.
    func names(_ path: String, _ operation: String) throws(GitHubError) -> [String]? {
        guard let answer = try get(path, operation) else { return nil }
        guard case .array(let list)? = answer["secrets"] else { return [] }
        return list.compactMap { $0["name"]?.stringValue }
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
