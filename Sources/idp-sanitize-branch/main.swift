import IDPCore
import IDPRuntime

/// Prints the environment name for a branch and writes it to `$GITHUB_OUTPUT` as `name`.
let command = CommandSpec(
    "idp-sanitize-branch",
    abstract: "Map a git branch to its preview environment name. Outputs: name.",
    discussion: "Without <branch>: IDP_BRANCH, then GITHUB_HEAD_REF (pull requests), then GITHUB_REF_NAME (pushes).",
    examples: BranchMapping.examples.map { "idp-sanitize-branch \($0.branch)    # \($0.name)" },
    arguments: [ArgumentSpec("branch", variable: "IDP_BRANCH", help: "The branch, with or without refs/heads/.")]
) { args, runtime throws(ToolFailure) in
    do throws(BranchError) {
        let env = runtime.context
        let branch = try BranchMapping.branch(explicit: args.value("branch"), headRef: env["GITHUB_HEAD_REF"], refName: env["GITHUB_REF_NAME"])
        let name = try BranchMapping.environmentName(forBranch: branch)
        runtime.print(name.rawValue)
        runtime.output("name", name.rawValue)
        return .success
    } catch {
        throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("branch"))])
    }
}
ToolMain.main(command)
