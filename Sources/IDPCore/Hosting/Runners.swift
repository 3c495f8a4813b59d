/// Where one job of the platform's workflows runs: its `runs-on:`, as labels and, for
/// self-hosted runners, the organisation runner group that fences them.
public struct RunnerChoice: Sendable, Equatable {
    public var group: String?
    public var labels: [String]

    public init(group: String? = nil, labels: [String]) {
        self.group = group
        self.labels = labels
    }

    /// GitHub's hosted runner every job used before `runners:` existed, and still the default.
    public static let githubHosted = RunnerChoice(labels: ["ubuntu-24.04"])

    /// GitHub-hosted standard runners' labels (GitHub's hosted-runner reference): a choice of one of
    /// these alone needs no group. Any other label may be a self-hosted runner's, with or without the
    /// `self-hosted` label, which GitHub does not require in `runs-on`.
    public static let githubHostedLabels: Set<String> = [
        "ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm",
    ]

    /// Whether this choice is fenced: a runner group, or one GitHub-hosted label.
    public var isFenced: Bool { group != nil || (labels.count == 1 && Self.githubHostedLabels.contains(labels[0])) }

    /// `runs-on:`'s value on one line, as the rendered workflows hold it: `ubuntu-24.04`,
    /// `[self-hosted, linux, arm64]` or `{ group: idp-runners, labels: [linux] }`.
    public var yaml: String {
        let list = "[" + labels.joined(separator: ", ") + "]"
        guard let group else { return labels.count == 1 ? labels[0] : list }
        let name = group.contains(" ") ? "\"\(group)\"" : group
        return labels.isEmpty ? "{ group: \(name) }" : "{ group: \(name), labels: \(list) }"
    }

    /// GitHub documents no character set for labels; this one covers every hosted runner's label
    /// and keeps a label a plain YAML scalar in flow style (no quoting, no `#`, `,`, `[`, `{`).
    public static func isLabel(_ text: String) -> Bool {
        (1...100).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// Runner group names: letters, digits, spaces (not at either end), `.`, `_` and `-`.
    public static func isGroup(_ text: String) -> Bool {
        (1...100).contains(text.count) && text.first != " " && text.last != " "
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " ._-".contains($0)) }
    }
}

/// `runners:` in platform.yml: the runner of every job of the platform's lifecycle workflows, and
/// of the image build. The workflows hold the choice literally (`idp-validate --workflows … --write`
/// renders it, and `WorkflowRunnersTests` fails on a workflow that differs): a called workflow's first
/// job runs before it can read platform.yml, and the `vars` it could read are the caller's.
public struct RunnerSettings: Sendable, Equatable {
    /// Every job's runner.
    public var `default` = RunnerChoice.githubHosted
    /// provision.yml's `build` job (Docker); nil: `default`.
    public var build: RunnerChoice?

    public init() {}

    public static let keys = ["default", "build"]

    /// The workflows `runners:` is rendered into: those that run the lifecycle with the platform's
    /// role. `ci.yml` (pull requests' code) and `release.yml` choose their own runners, from the
    /// platform repository's variables, so that neither shares a machine with the platform's role.
    public static let renderedWorkflows: Set<String> = [
        "provision.yml", "destroy.yml", "command.yml", "ttl-cleanup.yml", "sleep.yml", "orphans.yml", "update-dashboard.yml",
    ]

    /// Which key of `runners:` decides job `job` of the workflow file named `workflow` (a base name
    /// such as `provision.yml`): `build` for provision.yml's image build when it is set, else `default`.
    public func key(workflow: String, job: String) -> String {
        workflow == "provision.yml" && job == "build" && build != nil ? "build" : "default"
    }

    /// The runner for that job.
    public func choice(workflow: String, job: String) -> RunnerChoice {
        key(workflow: workflow, job: job) == "build" ? build ?? `default` : `default`
    }
}
