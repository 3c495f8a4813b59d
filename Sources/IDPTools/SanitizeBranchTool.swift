import IDPCore
import IDPRuntime

/// `idp-sanitize-branch` (the executable of that name, and the multi-call `idp` under that name).
/// Prints the environment name for a branch and writes it to `$GITHUB_OUTPUT` as `name`.
public enum SanitizeBranchTool {
    static let naming = OptionSpec.option("naming", "scheme", variable: "IDP_NAMING", default: NamingScheme.branch.rawValue,
                                   help: "platform.yml's naming: branch, or repository (a mark of the repository in the name).")
    static let repositoryID = OptionSpec.option("repository-id", "number", variable: "IDP_REPOSITORY_ID",
                                   help: "GitHub's numeric id of the repository (--naming repository); else GITHUB_REPOSITORY_ID.")

    public static let command = CommandSpec(
        "idp-sanitize-branch",
        abstract: "Map a git branch to its preview environment name. Outputs: name.",
        discussion: """
            Without <branch>: IDP_BRANCH, then GITHUB_HEAD_REF (pull requests), then GITHUB_REF_NAME (pushes).
            With --naming repository the repository's numeric id (--repository-id, IDP_REPOSITORY_ID, then
            GITHUB_REPOSITORY_ID, which GitHub sets in every job) is marked in the name in base 36, so two
            repositories never share one, and a rename keeps it.
            """,
        examples: BranchMapping.examples.map { "idp-sanitize-branch \($0.branch)    # \($0.name)" }
            + NamingScheme.repositoryExamples.map { "idp-sanitize-branch --naming repository --repository-id \($0.repositoryID) \($0.branch)    # \($0.name)" },
        arguments: [ArgumentSpec("branch", variable: "IDP_BRANCH", help: "The branch, with or without refs/heads/.")],
        options: [naming, repositoryID]
    ) { args, runtime throws(ToolFailure) in
        let env = runtime.context
        guard let scheme = NamingScheme(rawValue: args.defaulted(naming)) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "naming.scheme", message: "naming \(quoted(args.defaulted(naming))) is not one of "
                + NamingScheme.allCases.map(\.rawValue).joined(separator: ", "), subject: args.source(naming))])
        }
        do throws(BranchError) {
            let branch = try BranchMapping.branch(explicit: args.value("branch"), headRef: env["GITHUB_HEAD_REF"], refName: env["GITHUB_REF_NAME"])
            let id = args.value(repositoryID) ?? env["GITHUB_REPOSITORY_ID"]
            let name = try BranchMapping.environmentName(forBranch: branch, repositoryID: id, scheme: scheme)
            runtime.print(name.rawValue)
            runtime.output("name", name.rawValue)
            return .success
        } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("branch"))])
        }
    }
}
