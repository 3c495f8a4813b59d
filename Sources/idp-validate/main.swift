import IDPConfig
import IDPRuntime

/// Checks every given input at once and reports all problems, with locations.
let command = CommandSpec(
    "idp-validate",
    abstract: "Validate environment inputs and .idp/config.yml, reporting every problem at once. Outputs: valid, errors.",
    discussion: "Without --config, .idp/config.yml is checked when it exists.",
    examples: [
        "idp-validate --environment preview-payment-api --ttl 7d --template api-service",
        "idp-validate --template scheduled-worker --schedule 'rate(1 hour)' --config .idp/config.yml",
        "IDP_TTL=7w idp-validate    # error: ttl \"7w\": unknown unit \"w\"; expected \"h\" or \"d\"",
    ],
    options: ValidationOptions.all
) { args, runtime throws(ToolFailure) in
    let problems = try ValidationOptions.input(args).problems()
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
ToolMain.main(command)
