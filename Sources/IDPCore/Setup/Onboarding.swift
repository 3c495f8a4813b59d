/// What `idp onboard` proposes to a consumer repository, as Renovate's onboarding does: the caller
/// workflow pinned to the platform's newest release, a `.idp/config.yml` inferred from the
/// repository's Dockerfile (each inferred value says where it came from), and a Dependabot entry
/// that keeps the pin current. Pure: the tool reads the files and opens the pull request.
public enum Onboarding {
    public static let branch = "idp/onboarding"

    /// What the Dockerfile says: `EXPOSE 3000` → the container's port, a `HEALTHCHECK` that fetches
    /// `http://localhost:3000/healthz` → the health check's path.
    public static func infer(dockerfile: String) -> (port: Int?, healthPath: String?) {
        var port: Int?, path: String?
        for raw in dockerfile.split(separator: "\n") {
            let line = String(raw).trimmingWhitespace
            // The exec form's quotes, brackets and commas are not part of the words.
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map { String($0.filter { !"\"[],".contains($0) }) }
            guard let instruction = words.first?.uppercased() else { continue }
            if instruction == "EXPOSE", port == nil, let first = words.dropFirst().first {
                port = Int(first.split(separator: "/").first.map(String.init) ?? "").flatMap { (1...65_535).contains($0) ? $0 : nil }
            }
            if instruction == "HEALTHCHECK", let url = words.first(where: { $0.hasPrefix("http://") || $0.hasPrefix("https://") }) {
                let afterScheme = url.drop { $0 != "/" }.dropFirst(2)
                if let slash = afterScheme.firstIndex(of: "/") {
                    let candidate = String(afterScheme[slash...]).split(separator: " ").first.map(String.init) ?? "/"
                    if candidate.allSatisfy({ !$0.isWhitespace && $0 != "\"" && $0 != "'" && $0 != "|" }) { path = candidate }
                }
            }
        }
        return (port, path)
    }

    /// `.idp/config.yml`, every value commented with where it came from; the template is the
    /// catalog's default, the others named beside it.
    public static func config(dockerfile: String?, templates: TemplateCatalog) -> String {
        let inferred: (port: Int?, healthPath: String?) = dockerfile.map(infer) ?? (nil, nil)
        let defaults = ProjectConfig()
        let port = inferred.port.map { "\($0)                  # from the Dockerfile's EXPOSE" } ?? "\(defaults.containerPort)                    # the default: no EXPOSE in a Dockerfile"
        let path = inferred.healthPath.map { "\($0)   # from the Dockerfile's HEALTHCHECK" } ?? "\(defaults.healthCheckPath)              # the default: no HEALTHCHECK URL in a Dockerfile"
        return """
            # .idp/config.yml — how this repository's preview environments look (proposed by idp onboard).
            # Every key is optional; `idp-validate` checks the file. See the platform's docs/consumer-guide.md.
            template: \(templates.defaultTemplate?.rawValue ?? "")          # \(templates.templates.map(\.rawValue).joined(separator: " | "))
            container_port: \(port)
            health_check_path: \(path)
            ttl: 3d                        # extended on every push

            """
    }

    /// The example caller workflow with the platform's repository and release in every `uses:`.
    public static func workflow(example: String, platform: String, release: String) -> String {
        example.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let range = line.firstRange(of: "acme/mini-idp/.github/workflows/"), let at = line[range.upperBound...].firstIndex(of: "@") else {
                return String(line)
            }
            let file = line[range.upperBound..<at]
            let rest = line[at...].drop { $0 != " " }
            return String(line[..<range.lowerBound]) + "\(platform)/.github/workflows/\(file)@\(release)" + rest
        }.joined(separator: "\n")
    }

    /// A Dependabot configuration that keeps the platform's pin current (github-actions updates).
    public static let dependabot = """
        # Keeps the platform's release pin of .github/workflows/preview-env.yml current (proposed by idp onboard).
        version: 2
        updates:
          - package-ecosystem: github-actions
            directory: /
            schedule:
              interval: weekly

        """

    /// The pull request's description: what each file does and how to try it.
    public static func description(platform: String, release: String, files: [String], subjectSet: Bool, idTokenWorkflows: [String]) -> String {
        var text = """
            This pull request gives every pull request of this repository its own preview environment on \(platform)'s platform.

            | file | what it does |
            |---|---|
            """
        let what: [String: String] = [
            ".github/workflows/preview-env.yml": "calls the platform's provision, destroy and command workflows at its release \(release) (the platform's role trusts release tags only)",
            ".idp/config.yml": "how the environment looks: template, port and health check (inferred from the Dockerfile where it says so), TTL",
            ".github/dependabot.yml": "keeps the release pin current",
        ]
        for file in files { text += "\n| `\(file)` | \(what[file] ?? "") |" }
        text += "\n\n**To try it**: merge, then open a pull request; its first comment names the environment's URL. Steer it with `/preview extend 3d`, `/preview destroy`, `/preview help`."
        if subjectSet {
            text += "\n\n**OIDC subject**: `idp onboard` set this repository's OIDC subject customisation (claim keys repo, context, job_workflow_ref, runner_environment), which changes the subject of every workflow here"
            text += idTokenWorkflows.isEmpty ? "; none of them uses `id-token: write` today." : ": check the trusts of " + idTokenWorkflows.map { "`\($0)`" }.joined(separator: ", ") + ", which use `id-token: write`."
        }
        return text + "\n"
    }
}
