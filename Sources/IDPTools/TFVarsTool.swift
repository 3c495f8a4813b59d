import IDPConfig
import IDPCore
import IDPRuntime

/// `idp-tfvars` (the executable of that name, and the multi-call `idp` under that name).
public enum TFVarsTool {
    static let outputOption = OptionSpec.option("output", "path", default: "terraform.tfvars.json", help: "Where to write the file; '-' for stdout.")
    static let createdAtOption = OptionSpec.option("created-at", "time", variable: "IDP_CREATED_AT",
                                            help: "The record's creation time (idp-ttl create's created_at); default now.")
    static let expiresAtOption = OptionSpec.option("expires-at", "time", variable: "IDP_EXPIRES_AT",
                                            help: "The record's expiry (idp-ttl extend's expires_at); default now + TTL.")

    /// A time given as `--created-at`/`--expires-at`, in the record's ISO 8601 form.
    static func timestamp(_ option: OptionSpec, _ args: Arguments) throws(ToolFailure) -> Timestamp? {
        try args.parsed(option.name) { (t) throws(TimeError) in try Timestamp.parse(t) }
    }

    /// Writes `terraform.tfvars.json` for one template from inputs, `.idp/config.yml` and defaults.
    public static let command = CommandSpec(
        "idp-tfvars",
        abstract: "Generate terraform.tfvars.json for one environment and template.",
        discussion: """
            Inputs are validated first, as idp-validate does; nothing is written when any is invalid. With --platform the
            platform's certificate_arn, preview_domain and alarm_topic_arn reach the template; --created-at and --expires-at
            take the environment record's times, so a later apply does not re-date its resources.
            Outputs: tfvars_path, template, workload (service, scheduled or none: no image), source_paths (the folders of the
            repository the template reads, space-separated), working_directory, timeout_minutes, created_at, expires_at, log_retention_days, ttl,
            dockerfile and build_context (the config's, for the image build), access (who may open the URL, for the comment).
            The repository's access: may narrow the platform's, never widen it (exit 1, [access.widen]).
            """,
        examples: [
            "idp-tfvars --environment preview-payment-api --config .idp/config.yml",
            "idp-tfvars --environment nightly --schedule 'cron(0 3 * * ? *)' --ttl 2d --templates ../platform/infrastructure/templates",
        ],
        options: ValidationOptions.all.filter { $0.name != "secret-arn" } + [
            SharedOptions.image, SharedOptions.owner, SharedOptions.repository, outputOption, createdAtOption, expiresAtOption,
            ValidationOptions.platform,
        ]
    ) { args, runtime throws(ToolFailure) in
        let env = runtime.context
        let name = try args.required(SharedOptions.environment)
        guard let owner = args.value(SharedOptions.owner) ?? env["GITHUB_ACTOR"] ?? env["USER"],
            let repository = args.value(SharedOptions.repository) ?? env["GITHUB_REPOSITORY"]
        else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage",
                message: "missing --owner/--repository (or IDP_OWNER/GITHUB_ACTOR and IDP_REPOSITORY/GITHUB_REPOSITORY)")])
        }
        var settings = PlatformSettings()
        let platformFile = try ValidationOptions.platformFile(args)
        if let file = platformFile {
            let (parsed, problems) = PlatformSettings.parse(yaml: file.text, path: file.path)
            guard !problems.hasErrors else { throw ToolFailure(.invalidInput, problems) }
            settings = parsed
        }
        var input = try ValidationOptions.input(args)
        input.templates = try Templates.catalog(args)
        if input.certificateARN == nil, let arn = settings.certificateARN { input.certificateARN = .init(arn, source: "certificate_arn") }
        let (checked, problems) = input.tfvarsRequest(owner: owner, repository: repository, image: args.value(SharedOptions.image), now: runtime.now)
        runtime.report(problems)
        guard var request = checked else { return .invalidInput }
        request.createdAt = try timestamp(createdAtOption, args)
        request.expiresAt = try timestamp(expiresAtOption, args)
        request.previewDomain = settings.previewDomain
        request.alarmTopicARN = settings.alarmTopicARN
        request.cpuArchitecture = settings.cpuArchitecture
        // With the platform's settings (every workflow run), only the templates it offers.
        guard platformFile == nil || settings.allows(request.template) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "template.not-allowed", message: "template \(quoted(request.template.rawValue)) is not offered by this platform "
                + "(platform.yml templates: \(settings.templates.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "not set, and the template is opt_in")); "
                + "choose another, or ask the platform team to list it", location: SourceLocation(file: args.value(SharedOptions.config) ?? ProjectConfig.defaultPath))])
        }
        // The repository may narrow the platform's access, never widen it; oidc needs HTTPS; a
        // template serving its URL without the load balancer must enforce the mode itself.
        let enforced = request.template.declaration.enforcedAccess
        do throws(AccessError) {
            request.access = try settings.access.narrowed(to: request.config.access)
            if let enforced, !enforced.contains(request.access.mode.name) {
                throw .unsupported(template: request.template.rawValue, mode: request.access.description, enforced: enforced)
            }
            if request.template.hasLoadBalancer {
                try request.access.checkHTTPS(sharedLoadBalancer: !(settings.previewDomain ?? "").isEmpty, certificateARN: request.certificateARN)
            }
        } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(at: SourceLocation(file: args.value(SharedOptions.config) ?? ProjectConfig.defaultPath))])
        }
        let vars = TFVars(request)
        let output = args.defaulted(outputOption)
        if output == "-" { runtime.print(vars.json, terminator: "") } else { try ToolInputs.writeAtomically(vars.json, to: output) }
        runtime.log("idp-tfvars: \(vars.template.rawValue) for \(name), expires \(vars.expiresAt), logs kept \(vars.logRetentionDays)d")
        for (key, value) in [
            ("tfvars_path", output), ("template", vars.template.rawValue), ("workload", vars.template.declaration.workload.rawValue),
            ("source_paths", vars.sourcePaths.joined(separator: " ")),
            ("working_directory", vars.template.workingDirectory),
            ("timeout_minutes", String(vars.timeoutMinutes)), ("created_at", vars.variables["created_at"]?.stringValue ?? ""),
            ("expires_at", vars.expiresAt.iso8601), ("log_retention_days", String(vars.logRetentionDays)),
            ("ttl", vars.variables["ttl"]?.stringValue ?? ""),
            ("dockerfile", request.config.dockerfile), ("build_context", request.config.buildContext),
            ("access", enforced == nil ? "" : request.access.description),
        ] { runtime.output(key, value) }
        return .success
    }
}
