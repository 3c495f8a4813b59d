import ArgumentParser
import IDPRuntime

/// Writes `terraform.tfvars.json` for one template from inputs, `.idp/config.yml` and defaults.
@main
struct TFVarsCommand: IDPCommand {
    static let configuration = CommandConfiguration(
        commandName: "idp-tfvars",
        abstract: "Generate terraform.tfvars.json for one environment and template.",
        discussion: SharedHelp.discussion("""
            Inputs are validated first (as idp-validate does); nothing is written when any is invalid.
            Outputs: tfvars_path, template, working_directory, timeout_minutes, created_at, expires_at,
            log_retention_days.

            EXAMPLES:
              idp-tfvars --environment preview-payment-api --config .idp/config.yml
              idp-tfvars --environment nightly-report --template scheduled-worker --schedule 'cron(0 3 * * ? *)' --ttl 2d
            """),
        version: IDPVersion.current)

    static func main() { ToolMain.main(Self.self) }

    @Option(help: "Environment name (IDP_ENVIRONMENT).") var environment: String?
    @Option(help: "Template, overriding the config (IDP_TEMPLATE).") var template: String?
    @Option(help: "Time to live, overriding the config (IDP_TTL).") var ttl: String?
    @Option(help: "Container image, overriding the config (IDP_IMAGE).") var image: String?
    @Option(help: "EventBridge schedule, overriding the config (IDP_SCHEDULE).") var schedule: String?
    @Option(name: .customLong("certificate-arn"), help: "ACM certificate for HTTPS (IDP_CERTIFICATE_ARN).") var certificateARN: String?
    @Option(help: "Config file (IDP_CONFIG); default .idp/config.yml when it exists.") var config: String?
    @Option(help: "Owner recorded in tags (IDP_OWNER, else GITHUB_ACTOR).") var owner: String?
    @Option(help: "owner/name of the application repository (IDP_REPOSITORY, else GITHUB_REPOSITORY).") var repository: String?
    @Option(help: "Where to write the file; '-' for stdout.") var output = "terraform.tfvars.json"
    @Option(name: .customLong("max-ttl"), help: "Platform TTL maximum (IDP_MAX_TTL); default 30d.") var maxTTL: String?

    mutating func execute(_ runtime: Runtime) throws(ToolFailure) -> ExitStatus {
        let env = runtime.context
        var input = ValidationInput()
        input.maximumTTL = try ToolInputs.maximumTTL(maxTTL, env)
        guard let name = env.resolve(environment, "IDP_ENVIRONMENT") else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "missing --environment (or IDP_ENVIRONMENT)")])
        }
        guard let owner = env.resolve(owner, "IDP_OWNER", "GITHUB_ACTOR", "USER"),
            let repository = env.resolve(repository, "IDP_REPOSITORY", "GITHUB_REPOSITORY")
        else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage",
                message: "missing --owner/--repository (or IDP_OWNER/GITHUB_ACTOR and IDP_REPOSITORY/GITHUB_REPOSITORY)")])
        }
        input.name = .init(name, source: environment == nil ? "IDP_ENVIRONMENT" : "--environment")
        input.template = env.resolve(template, "IDP_TEMPLATE").map { .init($0, source: "--template") }
        input.ttl = env.resolve(ttl, "IDP_TTL").map { .init($0, source: "--ttl") }
        input.schedule = env.resolve(schedule, "IDP_SCHEDULE").map { .init($0, source: "--schedule") }
        input.certificateARN = env.resolve(certificateARN, "IDP_CERTIFICATE_ARN").map { .init($0, source: "--certificate-arn") }
        input.config = try ToolInputs.configFile(config, env)

        let problems = input.problems()
        runtime.report(problems)
        guard !problems.hasErrors else { return .invalidInput }

        // Validated above, so these conversions cannot fail.
        var project = input.config.map { ProjectConfig.parse(yaml: $0.text, path: $0.path, maximumTTL: input.maximumTTL).0 } ?? ProjectConfig()
        if let schedule = input.schedule?.text { project.schedule = schedule }
        let request = TFVarsRequest(
            name: try! EnvironmentName(name), config: project,
            template: input.template.map { try! Template.parse($0.text) },
            ttl: input.ttl.map { try! TTL.parse($0.text, maximum: nil) },
            image: env.resolve(image, "IDP_IMAGE"), certificateARN: input.certificateARN?.text,
            owner: owner, repository: repository, now: runtime.now)
        let vars = TFVars(request)

        if output == "-" { runtime.print(vars.json, terminator: "") } else { try ToolInputs.writeAtomically(vars.json, to: output) }
        runtime.log("idp-tfvars: \(vars.template.rawValue) for \(name), expires \(vars.expiresAt), logs kept \(vars.logRetentionDays)d")
        for (key, value) in [
            ("tfvars_path", output), ("template", vars.template.rawValue),
            ("working_directory", "infrastructure/templates/\(vars.template.rawValue)"),
            ("timeout_minutes", String(vars.timeoutMinutes)), ("created_at", runtime.now.iso8601),
            ("expires_at", vars.expiresAt.iso8601), ("log_retention_days", String(vars.logRetentionDays)),
        ] { runtime.output(key, value) }
        return .success
    }
}
