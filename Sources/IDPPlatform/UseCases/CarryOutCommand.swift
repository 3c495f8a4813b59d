import IDPAWS
import IDPCore

/// What a pull-request command did: the action for the workflow, why it was refused (if it was),
/// and the answer's text.
public struct CommandOutcome: Sendable, Equatable {
    public var action: String
    public var refusal: PreviewCommand.Refusal?
    public var text: String

    public init(action: String, refusal: PreviewCommand.Refusal? = nil, text: String = "") {
        self.action = action
        self.refusal = refusal
        self.text = text
    }
}

extension EnvironmentStore {
    /// Carries out a `/preview` command for a commenter and pull request that passed the checks, on
    /// the pull request's live record (`record`, updated in place): status and help answer, wake
    /// wakes a sleeping one, destroy is handed to the destroy workflow, extend follows a push's limits.
    public func carryOut(_ parsed: PreviewCommand.Parsed, record: inout EnvironmentRecord?, guardrails: Guardrails, caller: Caller,
                         resources: () -> SleepResources, now: Timestamp) throws(StoreError) -> CommandOutcome {
        let command: PreviewCommand
        switch parsed {
        case .notACommand, .command(.help): return CommandOutcome(action: "help", text: PreviewCommand.helpText)
        case .invalid(let error): return CommandOutcome(action: "refused", refusal: .invalid(error))
        case .command(let c): command = c
        }
        guard let found = record else {
            if command == .status { return CommandOutcome(action: "status", text: "There is no preview environment for this pull request.") }
            return CommandOutcome(action: "refused", refusal: .noEnvironment(command))
        }
        switch command {
        case .status, .help:
            return CommandOutcome(action: "status", text: PreviewCommand.statusText(found, now: now))
        case .wake:
            guard found.status == .sleeping else { return CommandOutcome(action: "refused", refusal: .nothingToWake("`\(found.name)` is \(found.status.rawValue)")) }
            let done = try wakeEnvironment(found.name.rawValue, as: caller, resources: resources(), now: now) ?? []
            record = try readRecord(found.name.rawValue)?.record ?? found
            return CommandOutcome(action: "woken", text: "`\(found.name)` is awake again" + (done.isEmpty ? "." : ": " + done.joined(separator: "; ") + "."))
        case .destroy:
            return CommandOutcome(action: "destroy", text: "`\(found.name)` is being destroyed; this comment says so when it is gone.")
        case .extend(let ttl):
            guard EnvironmentRecord.extendable.contains(found.status) else {
                return CommandOutcome(action: "refused", refusal: .notExtendable("`\(found.name)` is \(found.status.rawValue)"))
            }
            let result = try extendEnvironment(found.name.rawValue, as: caller, ttl: ttl, guardrails: guardrails, now: now)
            record = result.record
            var text = "`\(found.name)` now expires \(result.record.expiresAt.iso8601) (in \(humanDuration(seconds: result.record.expiresAt.seconds(since: now))))."
            if let held = result.heldTo { text += " \(ttl) is longer than the platform allows for `\(found.template.rawValue)`; extended by \(held)." }
            if result.lifetimeReached { text += " It reached the platform's maximum lifetime (\(guardrails.maxLifetime) after creation) and is extended no further." }
            return CommandOutcome(action: "extended", text: text)
        }
    }
}
