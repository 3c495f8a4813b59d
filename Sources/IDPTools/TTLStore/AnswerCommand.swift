import IDPAWS
import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let answer = CommandSpec(
        "answer", abstract: "Carry out a pull-request comment command (/preview …) and answer it on the pull request.",
        discussion: """
            Reads the issue_comment event in GITHUB_EVENT_PATH. A comment whose first line starts with /preview is a command
            (docs/consumer-guide.md, "Steering from the pull request"); any other comment is ignored (action none). Only people GitHub gives write,
            maintain or admin permission may run one, never on a fork's pull request nor a closed one. The environment is the
            live record of this pull request in GITHUB_REPOSITORY. extend follows the same limits as a push; wake wakes a sleeping
            one (idp-ttl wake); destroy is handed
            to the destroy workflow (action destroy, environment); status and help only answer. The answer replaces the
            command section of the environment's sticky comment (or the pull request's one commands comment) and the comment
            gets 👍 or 😕. Needs GITHUB_TOKEN with pull-requests: write. A refusal is an answer, not a failure (exit 0).
            Outputs: action (none, refused, help, status, extended, woken, destroy), environment, reason.
            """,
        examples: ["idp-ttl answer --bucket my-state --platform platform.yml"],
        options: [AWSSession.bucketOption, ValidationOptions.platform]
    ) { args, runtime throws(ToolFailure) in
        let env = runtime.context
        guard let path = env["GITHUB_EVENT_PATH"] else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "GITHUB_EVENT_PATH is not set; answer reads an issue_comment event")])
        }
        let event: JSONValue
        do { event = try JSONValue.parse(try ToolInputs.readText(path, limit: 64 << 20)) } catch let failure as ToolFailure { throw failure } catch {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "event.json", message: "\(quoted(path)) is not JSON", location: SourceLocation(file: path))])
        }
        let settings = try platformSettings(args)
        guard event["issue"]?["pull_request"] != nil, case .number(let n)? = event["issue"]?["number"], n > 0,
              case .number(let id)? = event["comment"]?["id"], let body = event["comment"]?["body"]?.stringValue,
              let login = event["comment"]?["user"]?["login"]?.stringValue else {
            return ignore("the event is no comment on a pull request", runtime)
        }
        let parsed = PreviewCommand.parse(comment: body, maximumTTL: settings.maximumTTL)
        if parsed == .notACommand { return ignore("the comment's first line does not start with \(PreviewCommand.keyword)", runtime) }
        guard let repository = env["GITHUB_REPOSITORY"], let github = try GitHubSources.client(runtime) else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "answer needs GITHUB_REPOSITORY and GITHUB_TOKEN (pull-requests: write)")])
        }
        let number = Int(n), commentID = Int(id), now = runtime.now
        let sticky = StickyComment(client: github, repository: repository, pullRequest: number, authors: ["github-actions[bot]"])
        // Who asks, and on what, before anything is changed.
        let refusal = try remote { () throws(GitHubError) in
            let pull = try github.pullRequest(repository, number)
            return PreviewCommand.refusal(login: login, permission: try github.permission(of: login, on: repository),
                                          headRepository: pull?.headRepository, repository: repository, open: pull?.open ?? false)
        }
        // The record is read either way (a refusal is answered in the environment's own comment);
        // it is changed only when nothing refused the command.
        let store = try AWSSession(runtime: runtime).store(args)
        var record = try run { () throws(StoreError) in try store.environment(ofPullRequest: number, in: repository, now: now) }
        var outcome = CommandOutcome(action: "refused", refusal: refusal)
        if refusal == nil {
            outcome = try run { () throws(StoreError) in
                try store.carryOut(parsed, record: &record, guardrails: settings.guardrails, caller: runtime.context.caller,
                                   resources: { SleepResources(client: AWSClient(configuration: store.s3.client.configuration)) }, now: now)
            }
        }
        let reason = outcome.refusal.map { $0.text } ?? outcome.text
        let text = PreviewCommand.answer(login: login, comment: body, outcome: reason, refused: outcome.refusal != nil)
        let written = try remote { () throws(GitHubError) in
            var written: StickyComment.Outcome?
            if let record {
                if outcome.action == "woken" { _ = try sticky.setSection(.sleep, of: record.name, to: nil) }
                written = try sticky.setSection(.command, of: record.name, to: text)
            }
            if written == nil { written = try sticky.answerWithoutEnvironment(text) }
            try github.react(outcome.refusal == nil ? .done : .refused, toComment: commentID, in: repository)
            return written ?? .absent
        }
        runtime.print("\(outcome.action): \(reason) (comment \(written.action))")
        if outcome.refusal != nil { runtime.report([Diagnostic(.warning, code: "command.refused", message: "\(PreviewCommand.mention(login)): \(reason)")]) }
        runtime.output("action", outcome.action)
        runtime.output("environment", outcome.action == "destroy" ? record?.name.rawValue ?? "" : "")
        runtime.output("reason", reason)
        return .success
    }

    private static func remote<T>(_ body: () throws(GitHubError) -> T) throws(ToolFailure) -> T {
        do { return try body() } catch { throw ToolFailure(.remote, [error.diagnostic()]) }
    }

    private static func ignore(_ why: String, _ runtime: Runtime) -> ExitStatus {
        runtime.print("none: \(why)")
        runtime.output("action", "none")
        runtime.output("environment", "")
        runtime.output("reason", why)
        return .success
    }
}
