import IDPCore
import IDPGitHub
import IDPRuntime

extension StoreCommands {
    /// Whether this run's event asks the calling workflow to act: the labels' rules of
    /// `platform.yml` in one place, so that no workflow spells them out in expressions.
    static let event = CommandSpec(
        "event", abstract: "Say whether this event should provision or destroy (platform.yml pull_requests: rules).",
        discussion: """
            Reads GITHUB_EVENT_NAME and the payload in GITHUB_EVENT_PATH. For pull_request events, --for provision runs on
            opened, synchronize and reopened (with pull_requests.create: label, only while the pull request carries the label,
            and on adding it); --for destroy runs on closed (and, in label mode, on removing the label). Any other event
            (delete, workflow_dispatch, schedule, a comment command) runs: the caller chose it. A label added or removed
            by someone GitHub gives less than write permission (triage may label) steers nothing: with GITHUB_TOKEN the
            sender's permission is asked, as for comment commands. pull_request_target is refused (exit 1): it runs with
            the caller's token and the platform's role for a fork's pull request too. Outputs: run (true/false), reason.
            """,
        examples: ["idp-ttl event --for provision --platform platform.yml"],
        options: [
            .option("for", "workflow", variable: "IDP_EVENT_FOR", help: "provision or destroy: which workflow asks."),
            ValidationOptions.platform,
        ]
    ) { args, runtime throws(ToolFailure) in
        let asked = try args.required("for")
        guard let wanted = PullRequestControls.EventAction(rawValue: asked), wanted != .none else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "--for \(quoted(asked)) must be provision or destroy", subject: args.source("for"))])
        }
        let eventName = runtime.context["GITHUB_EVENT_NAME"] ?? ""
        if let refusal = PullRequestControls.refusal(ofEvent: eventName) { throw ToolFailure(.invalidInput, [refusal]) }
        let controls = try StoreCommands.platformSettings(args).pullRequests
        var decision: (action: PullRequestControls.EventAction, reason: String) = (wanted, "the \(quoted(eventName)) event asks for it")
        if eventName == "pull_request", let path = runtime.context["GITHUB_EVENT_PATH"] {
            let payload: JSONValue
            do { payload = try JSONValue.parse(try ToolInputs.readText(path, limit: 64 << 20)) } catch let failure as ToolFailure { throw failure } catch {
                throw ToolFailure(.invalidInput, [Diagnostic(code: "event.json", message: "\(quoted(path)) is not JSON", location: SourceLocation(file: path))])
            }
            var labels: [String] = []
            if case .array(let items)? = payload["pull_request"]?["labels"] { labels = items.compactMap { $0["name"]?.stringValue } }
            let action = payload["action"]?.stringValue ?? ""
            decision = controls.decide(action: action, labels: labels, changedLabel: payload["label"]?["name"]?.stringValue)
            // Labels are triage's to set; environments are writers' to create and destroy.
            if decision.action != .none, action == "labeled" || action == "unlabeled", let sender = payload["sender"]?["login"]?.stringValue,
               let repository = runtime.context["GITHUB_REPOSITORY"], let github = try GitHubSources.client(runtime) {
                let permission: String
                do throws(GitHubError) { permission = try github.permission(of: sender, on: repository) } catch {
                    throw ToolFailure(.remote, [error.diagnostic()])
                }
                if !PullRequestControls.mayCommand(permission: permission) {
                    decision = (.none, "\(PreviewCommand.mention(sender)) has \(quoted(permission)) permission; a label steers environments only when someone with write access sets it")
                }
            } else if decision.action == .provision, controls.creation == .label, case .number(let n)? = payload["pull_request"]?["number"], let number = Int(exactly: n),
                      let repository = runtime.context["GITHUB_REPOSITORY"], let github = try GitHubSources.client(runtime) {
                // A push while the label is on: the label still counts only if someone with write access set it.
                let setter: (login: String?, permission: String, honoured: Bool)
                do throws(GitHubError) { setter = try github.labelSetter(controls.label, repository, number) } catch {
                    throw ToolFailure(.remote, [error.diagnostic()])
                }
                if !setter.honoured {
                    decision = (.none, "the label \(quoted(controls.label)) was set by \(setter.login.map { "\(PreviewCommand.mention($0)), who has \(quoted(setter.permission)) permission" } ?? "no one GitHub names"); "
                        + "a label steers environments only when someone with write access sets it")
                }
            }
        }
        let run = decision.action == wanted
        runtime.print("\(run ? "run" : "skip") \(wanted.rawValue): \(decision.reason)")
        runtime.output("run", String(run))
        runtime.output("reason", decision.reason)
        return .success
    }
}
