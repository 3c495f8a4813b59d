import ArgumentParser
import Foundation
import IDPRuntime

/// Checks every given input at once and reports all problems, with locations.
@main
struct Validate: IDPCommand {
    static let configuration = CommandConfiguration(
        commandName: "idp-validate",
        abstract: "Validate environment inputs and .idp/config.yml, reporting every problem at once.",
        discussion: SharedHelp.discussion("""
            Each flag falls back to its IDP_* variable. Outputs: valid (true/false), errors (count).

            EXAMPLES:
              idp-validate --environment preview-payment-api --ttl 7d --template api-service
              idp-validate --template scheduled-worker --schedule 'rate(1 hour)' --config .idp/config.yml
              IDP_TTL=7w idp-validate     # ttl "7w": unknown unit "w"; expected "h" or "d"
            """),
        version: IDPVersion.current)

    static func main() { ToolMain.main(Self.self) }

    @Option(help: "Environment name (IDP_ENVIRONMENT).") var environment: String?
    @Option(help: "Time to live, e.g. 24h or 7d (IDP_TTL).") var ttl: String?
    @Option(help: "Template: \(Template.names) (IDP_TEMPLATE).") var template: String?
    @Option(help: "EventBridge schedule, e.g. 'rate(1 hour)' (IDP_SCHEDULE).") var schedule: String?
    @Option(name: .customLong("secret-arn"), help: "Secrets Manager ARN; repeatable (IDP_SECRET_ARNS, one per line).")
    var secretARNs: [String] = []
    @Option(name: .customLong("certificate-arn"), help: "ACM certificate ARN (IDP_CERTIFICATE_ARN).") var certificateARN: String?
    @Option(help: "Config file (IDP_CONFIG); default .idp/config.yml when it exists.") var config: String?
    @Option(name: .customLong("max-ttl"), help: "Platform TTL maximum (IDP_MAX_TTL); default 30d.") var maxTTL: String?

    mutating func execute(_ runtime: Runtime) throws(ToolFailure) -> ExitStatus {
        let env = runtime.context
        var input = ValidationInput()
        input.maximumTTL = try ToolInputs.maximumTTL(maxTTL, env)
        func value(_ flag: String?, _ name: String, _ variable: String) -> ValidationInput.Value? {
            if let flag { return .init(flag, source: "--\(name)") }
            return env[variable].map { .init($0, source: variable) }
        }
        input.name = value(environment, "environment", "IDP_ENVIRONMENT")
        input.ttl = value(ttl, "ttl", "IDP_TTL")
        input.template = value(template, "template", "IDP_TEMPLATE")
        input.schedule = value(schedule, "schedule", "IDP_SCHEDULE")
        input.certificateARN = value(certificateARN, "certificate-arn", "IDP_CERTIFICATE_ARN")
        input.secretARNs = secretARNs.isEmpty
            ? ToolInputs.list(env["IDP_SECRET_ARNS"]).map { .init($0, source: "IDP_SECRET_ARNS") }
            : secretARNs.map { .init($0, source: "--secret-arn") }
        input.config = try ToolInputs.configFile(config, env)

        let problems = input.problems()
        runtime.report(problems)
        let errors = problems.filter { $0.severity == .error }.count
        runtime.output("valid", errors == 0 ? "true" : "false")
        runtime.output("errors", String(errors))
        if errors > 0 {
            runtime.log("idp-validate: \(errors) problem\(errors == 1 ? "" : "s") found")
            return .invalidInput
        }
        runtime.print("ok")
        return .success
    }
}
