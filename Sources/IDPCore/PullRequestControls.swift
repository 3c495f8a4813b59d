/// How people steer environments from their pull request (`platform.yml` `pull_requests:`): when
/// environments are created (every pull request, or only labelled ones), the label that stops
/// expiry, and how early the scan warns before an environment expires.
///
/// Label names are the platform team's, never a consumer's: a repository cannot name the label
/// that keeps its environments alive for ever.
public struct PullRequestControls: Sendable, Equatable {
    public enum Creation: String, Sendable, CaseIterable {
        /// Every same-repository pull request gets an environment (the platform's first behaviour).
        case automatic
        /// Only a pull request carrying `label`; removing the label destroys the environment.
        case label
    }

    public var creation: Creation = .automatic
    /// The opt-in label of `label` mode.
    public var label = "preview"
    /// While a pull request carries it, its environment does not expire (the maximum lifetime and
    /// the guardrails still bind).
    public var keepLabel = "preview:keep"
    /// The scan warns when an environment expires before its next run plus this margin.
    public var expiryWarning = try! TTL.parse("24h", maximum: nil)

    public init() {}

    public static let keys = ["create", "label", "keep_label", "expiry_warning"]

    /// GitHub refuses label names over 50 characters. Commas are refused too: some label APIs and
    /// most people read a comma as a list separator, so "a,b" would mean two labels to them.
    public static let maxLabelLength = 50

    public static func isLabel(_ text: String) -> Bool {
        (1...maxLabelLength).contains(text.count) && text.trimmingWhitespace == text
            && !text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "," }
    }

    /// Whether `labels` hold `label`. GitHub keeps label names unique regardless of case (it
    /// refuses "Preview" beside "preview"), so they are compared so too.
    public static func carries(_ labels: [String], _ label: String) -> Bool {
        labels.contains { $0.lowercased() == label.lowercased() }
    }

    /// Why a caller's workflow may not start the platform's from the event `name`, or nil.
    ///
    /// `pull_request_target` runs in the base repository, with its secrets, a token that can write
    /// and the platform's role, for any pull request, a fork's included; its `head_ref` is the fork's
    /// branch, so a fork closing `feature/payment-api` would name the repository's own environment.
    /// The platform's workflows take `pull_request` (its `labeled`/`unlabeled` too) instead.
    public static func refusal(ofEvent name: String) -> Diagnostic? {
        guard name == "pull_request_target" else { return nil }
        return Diagnostic(code: "event.pull-request-target", message: "event \(quoted(name)) is not accepted: it runs with this repository's token "
            + "and the platform's role for any pull request, a fork's too; call the platform's workflows on \"pull_request\" "
            + "(types opened, synchronize, reopened, closed, labeled, unlabeled), as action/examples/preview-env.yml does")
    }

    /// What one `pull_request` event asks of the platform.
    public enum EventAction: String, Sendable {
        case provision, destroy, none
    }

    /// The decision for a `pull_request` event with `action` (GitHub's activity type), the pull
    /// request's current `labels` and, for `labeled`/`unlabeled`, the label that changed. A fork's
    /// pull request is decided elsewhere (it is never provisioned): this is only about labels.
    public func decide(action: String, labels: [String], changedLabel: String?) -> (action: EventAction, reason: String) {
        switch (creation, action) {
        case (_, "closed"):
            return (.destroy, "the pull request was closed")
        case (.automatic, "opened"), (.automatic, "synchronize"), (.automatic, "reopened"):
            return (.provision, "every pull request gets an environment (pull_requests.create: automatic)")
        case (.automatic, _):
            return (.none, "\(quoted(action)) changes nothing when every pull request gets an environment")
        case (.label, "opened"), (.label, "synchronize"), (.label, "reopened"):
            return Self.carries(labels, label)
                ? (.provision, "the pull request carries the label \(quoted(label))")
                : (.none, "no environment without the label \(quoted(label)) (pull_requests.create: label)")
        case (.label, "labeled") where Self.carries(changedLabel.map { [$0] } ?? [], label):
            return (.provision, "the label \(quoted(label)) was added")
        case (.label, "unlabeled") where Self.carries(changedLabel.map { [$0] } ?? [], label):
            return (.destroy, "the label \(quoted(label)) was removed")
        case (.label, _):
            return (.none, "\(quoted(action))\(changedLabel.map { " of \(quoted(String($0.prefix(60))))" } ?? "") changes nothing")
        }
    }

    /// Whether GitHub's `permission` for a commenter (`GET /repos/{o}/{r}/collaborators/{u}/permission`)
    /// lets them run commands. GitHub maps the maintain role to `write` and triage to `read` in
    /// that field, so write, maintain and admin pass and nothing else does.
    public static func mayCommand(permission: String) -> Bool {
        permission == "admin" || permission == "write"
    }

    /// Whether the scan should warn now: the environment expires before the next scan (`interval`
    /// from now) plus the margin, and has not been warned of this very expiry yet (a later expiry,
    /// after an extension, is warned of again).
    public func warnsOfExpiry(_ record: EnvironmentRecord, now: Timestamp, interval: Int64) -> Bool {
        guard record.status == .active || record.status == .sleeping, record.pullRequest != nil, record.expiryWarnedFor != record.expiresAt else { return false }
        let left = record.expiresAt.seconds(since: now)
        return left > 0 && left <= interval + Int64(expiryWarning.seconds)
    }

    /// The warning, for the sticky comment: when, how to keep it, and one mention of `author`.
    public static func expiryWarningText(_ record: EnvironmentRecord, now: Timestamp, author: String?) -> String {
        let left = humanDuration(seconds: max(0, record.expiresAt.seconds(since: now)))
        let mention = author.flatMap { GitHubLogin.isValid($0) ? "@\($0) " : nil } ?? ""
        return "⏰ \(mention)this environment expires in \(left) (\(record.expiresAt.iso8601)) — comment `/preview extend 3d` to keep it."
    }
}

/// GitHub's rule for user names: 1–39 letters, digits and single inner hyphens. Only a valid
/// login is ever written after an `@` (anything else could mention someone else or nobody).
public enum GitHubLogin {
    public static func isValid(_ login: String) -> Bool {
        let bot = login.hasSuffix("[bot]") ? String(login.dropLast(5)) : login
        return (1...39).contains(bot.count) && bot.first != "-" && bot.last != "-" && !bot.contains("--")
            && bot.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
