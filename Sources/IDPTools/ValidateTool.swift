import IDPConfig
import IDPCore
import IDPGitHub
import IDPRuntime

/// `idp-validate` (the executable of that name, and the multi-call `idp` under that name).
public enum ValidateTool {
    /// Checks every given input at once and reports all problems, with locations.
    public static let command = CommandSpec(
        "idp-validate",
        abstract: "Validate environment inputs and .idp/config.yml, reporting every problem at once. Outputs: valid, errors.",
        discussion: "Without --config, .idp/config.yml is checked when it exists.",
        examples: [
            "idp-validate --environment preview-payment-api --ttl 7d",
            "idp-validate --platform platform.yml    # outputs aws_region, role_arn, state_bucket, …",
            "idp-validate --schedule 'rate(1 hour)' --config .idp/config.yml --templates ../platform/infrastructure/templates",
            "IDP_TTL=7w idp-validate    # error: ttl \"7w\": unknown unit \"w\"; expected \"h\" or \"d\"",
            "idp-validate --platform platform.yml --workflows .github/workflows --write    # render runners: into runs-on",
            "idp-validate --oidc-subject    # in a job with id-token: write: the subject AWS will see, before it is asked",
        ],
        options: ValidationOptions.all + [ValidationOptions.platform, workflows, write, oidcSubject]
    ) { args, runtime throws(ToolFailure) in
        // The job's own token only: the config was validated by its own step, with the platform's limits.
        if args.flag(oidcSubject) {
            let problems = try checkSubject(runtime)
            runtime.report(problems)
            return problems.hasErrors ? .invalidInput : .success
        }
        var input = try ValidationOptions.input(args)
        input.templates = try Templates.catalog(args)
        var problems: [Diagnostic] = []
        if let file = try ValidationOptions.platformFile(args) {
            // sleep.awake's zones must be in this machine's zone database (tzdata), as idp-ttl sleep reads them.
            let zoneinfo = runtime.context["TZDIR"] ?? StoreCommands.zoneinfo.defaultValue ?? "/usr/share/zoneinfo"
            let (settings, settingProblems) = PlatformSettings.parse(yaml: file.text, path: file.path, templates: input.templates) { zone in
                SystemIO.fileExists(zoneinfo + "/" + zone)
            }
            problems += settingProblems
            if !args.isSet("max-ttl") { input.maximumTTL = settings.maximumTTL }
            if !settingProblems.hasErrors { settings.outputs.forEach(runtime.output) }
            if let directory = args.value("workflows"), !settingProblems.hasErrors {
                problems += try checkRunners(in: directory, settings.runners, write: args.flag("write"), runtime)
            } else if args.flag("write"), !args.isSet("workflows") {
                throw ToolFailure(.usage, [Diagnostic(code: "usage.workflows", message: "--write needs --workflows DIR: it renders the runners into those workflows")])
            }
        } else if args.isSet("workflows") || args.isSet("write") {
            throw ToolFailure(.usage, [Diagnostic(code: "usage.workflows", message: "--workflows and --write need --platform: the runners come from platform.yml's runners:")])
        }
        problems += input.problems()
        runtime.report(problems)
        let errors = problems.filter { $0.severity == .error }.count
        runtime.output("valid", errors == 0 ? "true" : "false")
        runtime.output("errors", String(errors))
        guard errors == 0 else {
            runtime.log("idp-validate: \(errors) problem\(errors == 1 ? "" : "s") found")
            return .invalidInput
        }
        runtime.print("ok")
        return .success
    }

    static let workflows = OptionSpec.option("workflows", "dir",
        help: "With --platform: check that every job's runs-on in this folder's workflows is platform.yml's runners: (see --write).")
    static let write = OptionSpec.flag("write", help: "With --workflows: render the out-of-date runs-on lines into the files instead of reporting them.")
    static let oidcSubject = OptionSpec.flag("oidc-subject", help: "Check this job's OIDC subject (audience sts.amazonaws.com) has the form the platform's role trusts.")

    /// The job's token (masked) and its subject against the customised form; a job without a token
    /// (a fork's pull request, no id-token: write) is said, not failed: it never reaches AWS either.
    static func checkSubject(_ runtime: Runtime) throws(ToolFailure) -> [Diagnostic] {
        guard let url = runtime.context["ACTIONS_ID_TOKEN_REQUEST_URL"], let request = runtime.context["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] else {
            return [Diagnostic(.notice, code: "oidc.no-token", message: "this job has no OIDC token (a fork's pull request, or no permissions: id-token: write); its subject was not checked")]
        }
        runtime.mask(request)
        let token: String
        do { token = try ActionsOIDC.token(requestURL: url, requestToken: request, audience: "sts.amazonaws.com") } catch {
            throw ToolFailure(.remote, [error.diagnostic()])
        }
        runtime.mask(token)
        guard let claims = OIDCSubject.claims(ofToken: token) else {
            throw ToolFailure(.remote, [Diagnostic(code: "oidc.token", message: "the Actions runtime's OIDC token is not a readable JWT")])
        }
        if let problem = OIDCSubject.preflight(claims: claims) { return [problem] }
        runtime.print("oidc subject: \(claims["sub"] ?? "")")
        return []
    }

    /// Every workflow file of `directory` against `runners`; with `write`, the out-of-date ones
    /// rewritten in place (atomically) and named, and only what cannot be rewritten reported.
    static func checkRunners(in directory: String, _ runners: RunnerSettings, write: Bool, _ runtime: Runtime) throws(ToolFailure) -> [Diagnostic] {
        let names: [String]
        do { names = try SystemIO.list(directory) } catch {
            throw ToolFailure(error.code == 2 ? .notFound : .localIO, [Diagnostic(code: "file.read", message: error.description)])
        }
        var problems: [Diagnostic] = []
        for name in names where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            let path = directory + "/" + name
            let result = WorkflowRunners.check(yaml: try ToolInputs.readText(path, limit: ProjectConfig.maxFileBytes), name: name, path: path, runners: runners)
            guard write, let rewritten = result.rewritten else {
                problems += result.problems
                continue
            }
            do { try SystemIO.writeAtomically(Array(rewritten.utf8), to: path) } catch {
                throw ToolFailure(.localIO, [Diagnostic(code: "file.write", message: error.description)])
            }
            result.changes.forEach { runtime.print("\(path): \($0)") }
            problems += result.problems.filter { $0.code != "runners.out-of-date" }
        }
        return problems
    }
}
