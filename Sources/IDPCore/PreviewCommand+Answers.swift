/// Who may run a pull-request command, and what the platform answers: the rules and the words,
/// so that the tool only asks GitHub and the state bucket.
extension PreviewCommand {
    /// Why a command is not carried out. Each answer names the value and what is accepted.
    public enum Refusal: Equatable, Sendable {
        /// GitHub's permission of the commenter is below write.
        case permission(login: String, permission: String)
        /// The pull request's head is in a fork (or a deleted one): never acted on from a comment.
        case fork(head: String?)
        case closed
        /// extend, destroy or wake, and the pull request has no live environment.
        case noEnvironment(PreviewCommand)
        /// The environment is on its way out (destroying, destroyed): nothing to extend.
        case notExtendable(String)
        /// `wake`, and the environment is not asleep (the reason names its status).
        case nothingToWake(String)
        /// A `/preview` comment that is no command.
        case invalid(PreviewCommandError)

        public var text: String {
            switch self {
            case .permission(let login, let permission):
                "\(mention(login)) has \(quoted(permission)) permission on this repository; commands need write, maintain or admin. Nothing was changed."
            case .fork(let head):
                "this pull request comes from \(head.map { "the fork \(quoted($0))" } ?? "a deleted fork"); commands are never run for forks. Nothing was changed."
            case .closed:
                "this pull request is closed; its environment is destroyed with it. Nothing was changed."
            case .noEnvironment(let command):
                "there is no preview environment for this pull request to \(command.verb). Push a commit to create one."
            case .notExtendable(let why):
                "\(why). Nothing was changed."
            case .nothingToWake(let what):
                "\(what), not asleep: there is nothing to wake."
            case .invalid(let error):
                // It quotes the commenter's words: shown as text only.
                PRComment.plainText(error.message)
            }
        }
    }

    /// The verb as a person writes it.
    public var verb: String {
        switch self {
        case .extend: "extend"
        case .destroy: "destroy"
        case .status: "status"
        case .help: "help"
        case .wake: "wake"
        }
    }

    /// Checks the commenter and the pull request before anything is read or changed.
    public static func refusal(login: String, permission: String, headRepository: String?, repository: String, open: Bool) -> Refusal? {
        guard PullRequestControls.mayCommand(permission: permission) else { return .permission(login: login, permission: permission) }
        guard headRepository?.lowercased() == repository.lowercased() else { return .fork(head: headRepository) }
        guard open else { return .closed }
        return nil
    }

    /// `@login` for a login GitHub could have issued, else the text shown as text (no mention).
    public static func mention(_ login: String) -> String {
        GitHubLogin.isValid(login) ? "@" + login : quoted(String(login.prefix(40)))
    }

    /// The answer's Markdown: who asked what, and the outcome (`refused` or done).
    public static func answer(login: String, comment: String, outcome: String, refused: Bool) -> String {
        let firstLine = comment.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return "**\(refused ? "😕 Not done" : "👍 Done")** — \(mention(login)) asked:\n"
            + PRComment.quotedText(String(firstLine.trimmingWhitespace.prefix(maxLineLength))) + "\n\n" + outcome
    }

    /// One line on an environment for `status`.
    public static func statusText(_ record: EnvironmentRecord, now: Timestamp) -> String {
        let left = record.expiresAt.seconds(since: now)
        let expiry = left > 0 ? "expires \(record.expiresAt.iso8601) (in \(humanDuration(seconds: left)))" : "expired \(record.expiresAt.iso8601)"
        return "`\(record.name)` is **\(record.status.rawValue)** (`\(record.template.rawValue)`), \(expiry)"
            + (record.deployedCommit.map { ", running `\($0.prefix(12))`" } ?? "") + "."
    }
}
