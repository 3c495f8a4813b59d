import IDPCore
import IDPGitHub
import IDPHTTP
import IDPRuntime

/// `idp-pr-comment` (the executable of that name, and the multi-call `idp` under that name).
public enum PRCommentTool {
    static let status = OptionSpec.option("status", "status", variable: "IDP_STATUS", default: "ready",
        help: "provisioning, ready, failed, destroyed or skipped (a fork's pull request).")
    static let endpointOutput = OptionSpec.option("endpoint-output", "name", variable: "IDP_ENDPOINT_OUTPUT", default: "endpoint", help: "Which output is the URL.")

    /// One sticky pull-request comment per environment.
    public static let command = CommandSpec(
        "idp-pr-comment",
        abstract: "Create, update or delete the pull-request comment of one preview environment.",
        discussion: """
            The comment is found by a hidden marker and its author through every page of comments; it is
            updated in place and not written at all when unchanged. With a read-only token (pull requests
            from forks) or a pull request that is gone, the comment goes to the step summary with a
            warning, and the step succeeds. Needs `pull-requests: write`.
            Outputs: action (created, updated, unchanged, deleted, absent, would-…, summary-only), comment_id.
            """,
        examples: [
            "idp-pr-comment --environment preview-payment-api --status ready --outputs outputs.json --expires-at 2026-11-29T09:00:00Z",
            "idp-pr-comment --environment preview-payment-api --status destroyed",
            "idp-pr-comment --environment preview-payment-api --delete --dry-run",
        ],
        options: [
            SharedOptions.environment,
            status,
            SharedOptions.pullRequest, SharedOptions.repository,
            .option("outputs", "path", variable: "IDP_OUTPUTS", help: "`tofu output -json` file holding the endpoint."),
            endpointOutput,
            .option("endpoint", "url", variable: "IDP_ENDPOINT", help: "The URL, instead of --outputs."),
            .option("logs-url", "url", variable: "IDP_LOGS_URL", help: "Logs link; default the CloudWatch console for /idp/<name> in AWS_REGION (none when --outputs has no log_group)."),
            .option("expires-at", "time", variable: "IDP_EXPIRES_AT", help: "Expiry, ISO 8601 UTC."),
            .option("commit", "sha", variable: "IDP_COMMIT", help: "Commit; else GITHUB_SHA."),
            .option("cost-per-hour", "dollars", variable: "IDP_COST_PER_HOUR", help: "The estimate idp-ttl recorded (its cost_per_hour output)."),
            .option("note", "text", variable: "IDP_COMMENT_NOTE", help: "Plain text quoted under the table, e.g. idp-ttl create's refused output."),
            .flag("lifetime-reached", variable: "IDP_LIFETIME_REACHED", help: "Say that pushes no longer extend it (idp-ttl extend's lifetime_reached)."),
            .option("access", "text", variable: "IDP_ACCESS", help: "Who may open the URL (idp-tfvars' access output)."), SharedOptions.template,
            .list("author", "login", variable: "IDP_COMMENT_AUTHOR", help: "Login whose comments count as ours (repeatable; default github-actions[bot])."),
            .flag("delete", variable: "IDP_DELETE", help: "Delete the comment instead."),
            SharedOptions.dryRun,
        ]
    ) { args, runtime throws(ToolFailure) in
        let env = runtime.context
        let name: EnvironmentName
        let nameText = try args.required("environment")
        do throws(NameError) { name = try EnvironmentName(nameText) } catch { throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("environment"))]) }
        guard let status = PRComment.Status(rawValue: args.defaulted(status)) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "comment.status", message: "status \(quoted(args.defaulted(status))) is not one of "
                + PRComment.Status.allCases.map(\.rawValue).joined(separator: ", "), subject: args.source("status"))])
        }
        guard let repository = args.value("repository") ?? env["GITHUB_REPOSITORY"], repository.split(separator: "/").count == 2 else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "missing or malformed --repository owner/name (or GITHUB_REPOSITORY)")])
        }
        do throws(TenancyError) { try env.caller.mayComment(on: repository, environment: name.rawValue) } catch {
            throw ToolFailure(.conflict, [error.diagnostic(subject: args.source("repository"))])
        }
        let pr = try PullRequestNumber.resolve(args.value("pr"), eventPath: env["GITHUB_EVENT_PATH"])

        var comment = PRComment(environment: name, status: status, commit: args.value("commit") ?? env["GITHUB_SHA"])
        var logs = true  // a template without a log group (no log_group output) gets no logs link
        if let path = args.value("outputs") {
            let outputs: TofuOutputs
            do { outputs = try TofuOutputs(json: try JSONValue.parse(try ToolInputs.readText(path))) } catch let failure as ToolFailure {
                throw failure
            } catch let error as any DiagnosticConvertible {
                throw ToolFailure(.invalidInput, [error.diagnostic(at: SourceLocation(file: path))])
            } catch { throw ToolFailure(.internalError) }
            outputs.secretStrings.forEach(runtime.mask)
            comment.endpoint = outputs.shown(args.defaulted(endpointOutput))
            logs = outputs.outputs["log_group"] != nil
        }
        comment.endpoint = args.value("endpoint") ?? comment.endpoint
        comment.access = args.value("access")
        comment.logsURL = args.value("logs-url") ?? (logs ? (env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"]).map(name.logsConsoleURL) : nil)
        comment.expiresAt = try args.parsed("expires-at") { (t) throws(TimeError) in try Timestamp.parse(t) }
        if let text = args.value("cost-per-hour") {
            guard let dollars = Double(text), dollars.isFinite, dollars >= 0 else {
                throw ToolFailure(.invalidInput, [Diagnostic(code: "comment.cost", message: "cost per hour \(quoted(text)) is not a number of dollars ≥ 0",
                                                             subject: args.source("cost-per-hour"))])
            }
            comment.costPerHour = dollars
        }
        comment.lifetimeReached = args.flag("lifetime-reached")
        comment.note = args.value("note")
        comment.template = try args.parsed("template") { (t) throws(TemplateError) in try TemplateName.parse(t) }
        // The run's own repository: a scheduled destroy runs in the platform's, not the commented one.
        comment.runURL = env.runURL
        let body = comment.body(now: runtime.now)

        let api = try GitHubSources.api(runtime)
        let client = try GitHubSources.client(runtime) ?? GitHubClient(api: api, token: nil)
        let sticky = StickyComment(client: client, repository: repository, pullRequest: pr, authors: Set(args.values("author").isEmpty ? ["github-actions[bot]"] : args.values("author")))
        let dryRun = args.flag(SharedOptions.dryRun)
        if dryRun, !args.flag("delete") { runtime.print(body) }
        do throws(GitHubError) {
            let outcome = try args.flag("delete") ? sticky.delete(name, dryRun: dryRun) : sticky.upsert(name, body: body, dryRun: dryRun)
            runtime.log("idp-pr-comment: \(repository)#\(pr) \(name): \(outcome.action)" + (outcome.commentID.map { " (comment \($0))" } ?? "")
                + " in \(client.requestCount) request\(client.requestCount == 1 ? "" : "s")")
            runtime.output("action", outcome.action)
            runtime.output("comment_id", outcome.commentID.map(String.init) ?? "")
            return .success
        } catch {
            // Fork PRs get a read-only token (403); a closed-and-deleted PR answers 404/410.
            guard let httpStatus = error.httpStatus, [403, 404, 410].contains(httpStatus) else {
                throw ToolFailure(.remote, [error.diagnostic()])
            }
            runtime.report([Diagnostic(.warning, code: "comment.skipped",
                message: "\(error.message); the comment is in the step summary instead (forks get a read-only token)")])
            runtime.summarize(body)
            runtime.output("action", "summary-only")
            runtime.output("comment_id", "")
            return .success
        }
    }
}
