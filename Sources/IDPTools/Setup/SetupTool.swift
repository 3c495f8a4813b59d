import IDPConfig
import IDPCore
import IDPGitHub
import IDPRuntime

/// `idp setup platform`: makes the GitHub side of the platform repository what `idp doctor`
/// checks, through the API, idempotently (a second run changes nothing; `--dry-run` prints exactly
/// what a run would do), and writes platform.yml from the bootstrap's outputs.
public enum SetupTool {
    static let outputs = OptionSpec.option("from-outputs", "path", variable: "IDP_BOOTSTRAP_OUTPUTS",
                                           help: "The bootstrap's outputs (tofu -chdir=infrastructure/bootstrap output -json): platform.yml is written from them.")
    static let releaseApp = OptionSpec.option("release-app-id", "id", variable: "IDP_RELEASE_APP_ID",
                                              help: "The release App's id, the only bypass actor of the tag ruleset.")

    public static let command = CommandSpec("idp-setup", abstract: "Set up the platform by command (see idp doctor for what is checked).",
                                            subcommands: [platform, apps])

    static let platform = CommandSpec(
        "platform", abstract: "Apply the platform repository's GitHub settings and write platform.yml. Outputs: changed, remaining.",
        discussion: """
            Reads what idp doctor reads and changes only what it would report: the OIDC subject customisation, Actions access
            of a private or internal repository, the tag ruleset (every tag, the release App its only bypass actor), the
            default branch's ruleset, immutable releases, and the environments idp-platform and release (the default branch
            only). Needs a token of an administrator of the repository (GITHUB_TOKEN): without admin, nothing is changed (exit 3).
            What the API cannot do (the Apps, their keys as secrets) is printed as the remaining steps.
            """,
        examples: ["idp setup platform --repository acme/mini-idp --from-outputs outputs.json --release-app-id 123456 --dry-run"],
        options: [SharedOptions.repository, outputs, releaseApp, ValidationOptions.platform, SharedOptions.dryRun]
    ) { args, runtime throws(ToolFailure) in
        guard let repository = args.value(SharedOptions.repository) ?? runtime.context["GITHUB_REPOSITORY"] else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "name the platform repository with --repository owner/name")])
        }
        let dryRun = args.flag(SharedOptions.dryRun)
        guard let github = try GitHubSources.client(runtime) else {
            throw ToolFailure(.usage, [Diagnostic(code: "github.token", message: "no GitHub token: GITHUB_TOKEN=$(gh auth token) idp setup platform …")])
        }
        let inspection = SetupInspection(github: github)
        let facts: GitHubSetupFacts
        do throws(GitHubError) { facts = try inspection.platform(repository) } catch { throw ToolFailure(.remote, [error.diagnostic()]) }
        guard facts.tokenIsAdmin == true else {
            throw ToolFailure(.conflict, [Diagnostic(code: "setup.permission", message: "this token has no admin permission on \(repository) "
                + "(rulesets, environments and the OIDC subject need it): nothing was changed; use an administrator's token (gh auth token)")])
        }
        var changed = 0
        if let path = args.value(outputs) {
            let target = args.value(ValidationOptions.platform) ?? "platform.yml"
            let text = try settingsText(fromOutputs: try ToolInputs.readText(path), source: path)
            if (try? ToolInputs.readText(target)) != text {
                runtime.print("\(dryRun ? "would write" : "wrote") \(target) from the bootstrap's outputs")
                if !dryRun {
                    do throws(SystemIO.Failure) { try SystemIO.writeAtomically(Array(text.utf8), to: target) } catch {
                        throw ToolFailure(.localIO, [Diagnostic(code: "file.write", message: error.description)])
                    }
                }
                changed += 1
            }
        }
        let plan = SetupPlan.platform(facts, expected: SetupExpectations(platform: repository, defaultBranch: facts.defaultBranch),
                                      releaseAppID: args.value(releaseApp))
        if dryRun {
            plan.actions.forEach { runtime.print("would \($0.method) \($0.path): \($0.description)") }
        } else {
            do throws(GitHubError) { try inspection.apply(plan.actions) { runtime.print($0) } } catch {
                throw ToolFailure(error.httpStatus == 403 ? .conflict : .remote, [error.diagnostic()])
            }
        }
        changed += plan.actions.count
        plan.remaining.forEach { runtime.print("remaining: \($0)") }
        if changed == 0 { runtime.print("nothing to change: \(repository) is set up as idp doctor checks") }
        runtime.output("changed", String(changed))
        runtime.output("remaining", String(plan.remaining.count))
        return .success
    }

    /// platform.yml from `tofu output -json` of the bootstrap (its `platform_yml` output).
    static func settingsText(fromOutputs json: String, source: String) throws(ToolFailure) -> String {
        guard let text = (try? JSONValue.parse(json))?["platform_yml"]?["value"]?.stringValue else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "setup.outputs", message: "\(source) has no platform_yml output; expected tofu -chdir=infrastructure/bootstrap output -json")])
        }
        let (_, problems) = PlatformSettings.parse(yaml: text, path: source)
        guard !problems.hasErrors else { throw ToolFailure(.invalidInput, problems) }
        return text
    }
}
