import IDPCore
/// What the process learns from its environment about GitHub Actions; built once per run from
/// the environment passed in, so tests can hand in any environment they like.
public struct ActionsContext: Sendable {
    public let environment: [String: String]
    /// `GITHUB_ACTIONS=true`: emit workflow commands instead of plain text.
    public let isActions: Bool
    public let outputPath: String?
    public let summaryPath: String?
    /// A file that carries the annotation count across the steps of one composite action, which
    /// share GitHub's budget of 10 per type (set by `action/action.yml`).
    public let annotationBudgetPath: String?

    public init(environment: [String: String]) {
        self.environment = environment
        isActions = environment["GITHUB_ACTIONS"] == "true"
        outputPath = Self.nonEmpty(environment["GITHUB_OUTPUT"])
        summaryPath = Self.nonEmpty(environment["GITHUB_STEP_SUMMARY"])
        annotationBudgetPath = Self.nonEmpty(environment["IDP_ANNOTATION_BUDGET_FILE"])
    }

    /// Who started the run, as GitHub says: `GITHUB_REPOSITORY`, and the platform repository the
    /// reusable workflows resolved from `job.workflow_repository` or their OIDC token
    /// (`IDP_PLATFORM_REPOSITORY`, set by the platform's own jobs; a caller cannot set a called
    /// workflow's environment).
    public var caller: Caller {
        Caller(repository: self["GITHUB_REPOSITORY"], platformRepository: self["IDP_PLATFORM_REPOSITORY"], inActions: isActions,
               workflowRef: self["GITHUB_WORKFLOW_REF"], defaultBranchRef: defaultBranchRef)
    }

    /// The default branch's ref, as GitHub says it: GitHub runs a schedule only from the default
    /// branch, so `GITHUB_REF` there; otherwise the event's `repository.default_branch`. Read only
    /// when the run is the platform repository's, the one case that asks.
    var defaultBranchRef: String? {
        guard let repository = self["GITHUB_REPOSITORY"], let platform = self["IDP_PLATFORM_REPOSITORY"],
              repository.lowercased() == platform.lowercased() else { return nil }
        if self["GITHUB_EVENT_NAME"] == "schedule" { return self["GITHUB_REF"] }
        guard let path = self["GITHUB_EVENT_PATH"], let text = try? ToolInputs.readText(path, limit: 64 << 20),
              let branch = (try? JSONValue.parse(text))?["repository"]?["default_branch"]?.stringValue, !branch.isEmpty else { return nil }
        return "refs/heads/" + branch
    }

    /// This run's page on GitHub (`$GITHUB_SERVER_URL/<repository>/actions/runs/<id>`), when known.
    public var runURL: String? {
        guard let id = self["GITHUB_RUN_ID"], let repository = self["GITHUB_REPOSITORY"] else { return nil }
        return "\(self["GITHUB_SERVER_URL"] ?? "https://github.com")/\(repository)/actions/runs/\(id)"
    }

    /// The variable's value, treating empty as unset (as workflow `env:` with an empty input gives).
    public subscript(_ name: String) -> String? {
        Self.nonEmpty(environment[name])
    }

    /// The first of a flag's value or the named variables that is set and not empty.
    public func resolve(_ flag: String?, _ variables: String...) -> String? {
        if let flag, !flag.isEmpty { return flag }
        return variables.lazy.compactMap { self[$0] }.first
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
