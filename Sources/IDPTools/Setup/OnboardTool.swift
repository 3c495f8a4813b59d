import IDPCore
import IDPGitHub
import IDPRuntime

/// `idp onboard owner/repo`: opens the pull request that gives a consumer repository its previews,
/// as Renovate's onboarding does, and sets its OIDC subject (saying first which of its workflows
/// that touches). Idempotent: an open onboarding pull request, or a repository that calls the
/// platform already, is left as it is.
public enum OnboardTool {
    static let example = OptionSpec.option("example", "path", variable: "IDP_EXAMPLE_WORKFLOW", default: "action/examples/preview-env.yml",
                                           help: "The caller workflow to propose (the platform checkout's example).")

    static let setSubject = OptionSpec.flag("set-subject", variable: "IDP_SET_SUBJECT",
        help: "Change the OIDC subject even though workflows of the repository use id-token: write (their trusts must follow).")

    public static let command = CommandSpec(
        "idp-onboard", abstract: "Open a consumer repository's onboarding pull request and set its OIDC subject. Outputs: pull_request, subject_set.",
        discussion: """
            Proposes, on the branch idp/onboarding: .github/workflows/preview-env.yml pinned to the newest release in --checksums,
            a .idp/config.yml inferred from its Dockerfile (EXPOSE → container_port, a HEALTHCHECK URL → health_check_path; else
            the defaults, each value commented), and .github/dependabot.yml keeping the pin current (not when the repository has
            its own). Sets the repository's OIDC subject customisation, after listing its workflows that use id-token: write.
            GITHUB_TOKEN must be an administrator's of the consumer. --dry-run prints the files and calls and changes nothing.
            """,
        examples: ["idp onboard acme/payments --repository acme/mini-idp --dry-run"],
        arguments: [ArgumentSpec("consumer", help: "owner/name of the consumer repository.")],
        options: [SharedOptions.repository, DoctorTool.checksums, example, Templates.option, setSubject, SharedOptions.dryRun]
    ) { args, runtime throws(ToolFailure) in
        guard let consumer = args.value("consumer"), consumer.split(separator: "/").count == 2,
              let platform = args.value(SharedOptions.repository) ?? runtime.context["GITHUB_REPOSITORY"] else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "idp onboard OWNER/NAME --repository <platform owner/name>")])
        }
        guard let release = SetupRules.pinnedTags(checksums: (try? ToolInputs.readText(args.defaulted(DoctorTool.checksums))) ?? "").sorted(by: SetupRules.versionOrder).last else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "onboard.release", message: "no release in \(args.defaulted(DoctorTool.checksums)) to pin; make the first release (release.yml) and run this in the platform's checkout")])
        }
        let exampleText = try ToolInputs.readText(args.defaulted(example)), templates = try Templates.catalog(args)
        guard let github = try GitHubSources.client(runtime) else {
            throw ToolFailure(.usage, [Diagnostic(code: "github.token", message: "no GitHub token: GITHUB_TOKEN=$(gh auth token) idp onboard …")])
        }
        let dryRun = args.flag(SharedOptions.dryRun), inspection = SetupInspection(github: github)
        do throws(GitHubError) {
            let facts = try inspection.consumer(consumer, platform: platform)
            guard facts.tokenIsAdmin != false else {
                throw GitHubError.status(403, "this token has no admin permission on \(consumer) (its OIDC subject needs it): nothing was changed", operation: "idp onboard")
            }
            var subjectSet = false
            let workflows = try inspection.idTokenWorkflows(consumer, ref: facts.defaultBranch)
            if facts.subject.map({ $0.useDefault || $0.claimKeys != OIDCSubject.claimKeys }) ?? true {
                // Other workflows that ask for a token get a new subject too: only when asked to.
                let change = workflows.isEmpty || args.flag(setSubject)
                runtime.report([Diagnostic(.warning, code: "onboard.subject", message: "the OIDC subject of every workflow in \(consumer) changes to the keys "
                    + OIDCSubject.claimKeys.joined(separator: ", ") + (workflows.isEmpty ? "; none uses id-token: write today"
                        : change ? "; update the trusts of " + workflows.joined(separator: ", ")
                        : "; not changed, as \(workflows.joined(separator: ", ")) use id-token: write and their trusts would change too: update them, then run again with --set-subject (or: \(OIDCSubject.fix(repository: consumer)))"))])
                if change, !dryRun { _ = try github.send("PUT", "/repos/\(consumer)/actions/oidc/customization/sub", body: .object(["use_default": .bool(false),
                    "include_claim_keys": .array(OIDCSubject.claimKeys.map(JSONValue.string))]), operation: "PUT OIDC subject") }
                subjectSet = change
            }
            runtime.output("subject_set", String(subjectSet && !dryRun))
            if let pin = facts.platformCalls?["provision.yml"] {
                runtime.print("\(consumer) calls \(platform) at \(pin) already: no onboarding pull request")
                return .success
            }
            if let open = try inspection.openPullRequest(consumer, from: Onboarding.branch) {
                runtime.print("the onboarding pull request \(consumer)#\(open) is open already")
                runtime.output("pull_request", String(open))
                return .success
            }
            // A preview-env.yml of the repository's own (not calling the platform) is left alone.
            let workflowPath = try inspection.fileText(consumer, ".github/workflows/preview-env.yml", ref: facts.defaultBranch) == nil
                ? ".github/workflows/preview-env.yml" : ".github/workflows/mini-idp-preview.yml"
            var files = [(path: workflowPath, text: Onboarding.workflow(example: exampleText, platform: platform, release: release))]
            if try inspection.fileText(consumer, ".idp/config.yml", ref: facts.defaultBranch) == nil {
                files.append((".idp/config.yml", Onboarding.config(dockerfile: try inspection.fileText(consumer, "Dockerfile", ref: facts.defaultBranch), templates: templates)))
            }
            if try inspection.fileText(consumer, ".github/dependabot.yml", ref: facts.defaultBranch) == nil { files.append((".github/dependabot.yml", Onboarding.dependabot)) }
            let body = Onboarding.description(platform: platform, release: release, files: files.map(\.path), subjectSet: subjectSet, idTokenWorkflows: workflows)
            guard !dryRun else {
                files.forEach { runtime.print("would propose \($0.path):\n\($0.text)") }
                return .success
            }
            let number = try inspection.propose(consumer, base: facts.defaultBranch, branch: Onboarding.branch, files: files, title: "Preview environments for every pull request", body: body)
            runtime.print("opened \(consumer)#\(number) (\(files.map(\.path).joined(separator: ", ")))")
            runtime.print("remaining: where the platform's bootstrap lists repositories (consumer_repositories), add \(consumer) and apply it; consumer_owners admits it already")
            runtime.output("pull_request", String(number))
            return .success
        } catch {
            throw ToolFailure(error.httpStatus == 403 ? .conflict : .remote, [error.diagnostic()])
        }
    }
}
