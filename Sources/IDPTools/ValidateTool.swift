import IDPConfig
import IDPCore
import IDPRuntime

/// `idp-validate` (the executable of that name, and the multi-call `idp` under that name).
public enum ValidateTool {
    /// Checks every given input at once and reports all problems, with locations.
    public static let command = CommandSpec(
        "idp-validate",
        abstract: "Validate environment inputs and .idp/config.yml, reporting every problem at once. Outputs: valid, errors.",
        discussion: "Without --config, .idp/config.yml is checked when it exists.",
        examples: [
            "idp-validate --environment preview-payment-api --ttl 7d --template api-service",
            "idp-validate --platform platform.yml    # outputs aws_region, role_arn, state_bucket, …",
            "idp-validate --template scheduled-worker --schedule 'rate(1 hour)' --config .idp/config.yml",
            "IDP_TTL=7w idp-validate    # error: ttl \"7w\": unknown unit \"w\"; expected \"h\" or \"d\"",
        ],
        options: ValidationOptions.all + [ValidationOptions.platform]
    ) { args, runtime throws(ToolFailure) in
        var input = try ValidationOptions.input(args)
        var problems: [Diagnostic] = []
        if let file = try ValidationOptions.platformFile(args) {
            // sleep.awake's zones must be in this machine's zone database (tzdata), as idp-ttl sleep reads them.
            let zoneinfo = runtime.context["TZDIR"] ?? StoreCommands.zoneinfo.defaultValue ?? "/usr/share/zoneinfo"
            let (settings, settingProblems) = PlatformSettings.parse(yaml: file.text, path: file.path) { zone in
                SystemIO.fileExists(zoneinfo + "/" + zone)
            }
            problems += settingProblems
            if !args.isSet("max-ttl") { input.maximumTTL = settings.maximumTTL }
            if !settingProblems.hasErrors { settings.outputs.forEach(runtime.output) }
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
}
