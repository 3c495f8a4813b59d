import ArgumentParser
import IDPRuntime

/// Prints the environment name for a branch and writes it to `$GITHUB_OUTPUT` as `name`.
@main
struct SanitizeBranch: IDPCommand {
    static let configuration = CommandConfiguration(
        commandName: "idp-sanitize-branch",
        abstract: "Map a git branch to its preview environment name.",
        discussion: SharedHelp.discussion("""
            The branch comes from BRANCH, else IDP_BRANCH, GITHUB_HEAD_REF, GITHUB_REF_NAME.
            Outputs: name.

            EXAMPLES:
            \(BranchMapping.examples.map { "  idp-sanitize-branch \($0.branch)   # \($0.name)" }.joined(separator: "\n"))
            """),
        version: IDPVersion.current)

    static func main() { ToolMain.main(Self.self) }

    @Argument(help: "The branch, with or without refs/heads/.")
    var branch: String?

    mutating func execute(_ runtime: Runtime) throws(ToolFailure) -> ExitStatus {
        let env = runtime.context
        do {
            let source = try BranchMapping.branch(
                explicit: env.resolve(branch, "IDP_BRANCH"), headRef: env["GITHUB_HEAD_REF"], refName: env["GITHUB_REF_NAME"])
            let name = try BranchMapping.environmentName(forBranch: source)
            runtime.print(name.rawValue)
            runtime.output("name", name.rawValue)
            return .success
        } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: "BRANCH")])
        }
    }
}
