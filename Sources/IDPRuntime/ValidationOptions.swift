import IDPCore
/// The options of every input `idp-validate` checks; `idp-tfvars` takes the same ones, so a value
/// is read and named identically by both.
public enum ValidationOptions {
    public static let all: [OptionSpec] = [
        SharedOptions.environment, SharedOptions.ttl, SharedOptions.template,
        .option("schedule", "expression", variable: "IDP_SCHEDULE", help: "EventBridge schedule, e.g. 'rate(1 hour)'."),
        .list("secret-arn", "arn", variable: "IDP_SECRET_ARNS", help: "Secrets Manager ARN."),
        .option("certificate-arn", "arn", variable: "IDP_CERTIFICATE_ARN", help: "ACM certificate ARN for HTTPS."),
        SharedOptions.config,
        ToolInputs.maxTTLOption,
        SharedOptions.templates,
    ]

    /// `platform.yml`, which only `idp-validate` reads: it checks the file and hands each setting
    /// to the workflow as an output.
    public static let platform = OptionSpec.option(
        "platform", "path", variable: "IDP_PLATFORM_SETTINGS",
        help: "The platform's settings file (platform.yml): checked, and each key becomes an output.")
}

extension ValidationOptions {
    /// The path and text of the settings file named by `--platform`, or nil when none was named;
    /// a named file must exist. (`PlatformSettings.parse` in IDPConfig reads the text.)
    public static func platformFile(_ args: Arguments) throws(ToolFailure) -> (path: String, text: String)? {
        guard let path = args.value("platform") else { return nil }
        guard SystemIO.fileExists(path) else {
            throw ToolFailure(.notFound, [Diagnostic(code: "settings.missing-file",
                message: "platform settings \(quoted(path)) do not exist", subject: args.source("platform"))])
        }
        return (path, try ToolInputs.readText(path, limit: ProjectConfig.maxFileBytes))
    }

    /// The inputs given on the command line or in `IDP_*` variables, each tagged with its source,
    /// plus the config file's text (the named one must exist; the default one may be absent).
    public static func input(_ args: Arguments) throws(ToolFailure) -> ValidationInput {
        var input = ValidationInput()
        input.maximumTTL = try ToolInputs.maximumTTL(args)
        func value(_ name: String) -> ValidationInput.Value? {
            args.value(name).map { .init($0, source: args.source(name)) }
        }
        input.name = value("environment")
        input.ttl = value("ttl")
        input.template = value("template")
        input.schedule = value("schedule")
        input.certificateARN = value("certificate-arn")
        if args.command.options.contains(where: { $0.name == "secret-arn" }) {
            input.secretARNs = args.values("secret-arn").map { .init($0, source: args.source("secret-arn")) }
        }
        let named = args.value("config")
        let path = named ?? ProjectConfig.defaultPath
        if named != nil || SystemIO.fileExists(path) {
            guard SystemIO.fileExists(path) else {
                throw ToolFailure(.notFound, [Diagnostic(code: "config.missing",
                    message: "config file \(quoted(path)) does not exist", subject: args.source("config"))])
            }
            input.config = (path, try ToolInputs.readText(path, limit: ProjectConfig.maxFileBytes))
        }
        return input
    }
}
