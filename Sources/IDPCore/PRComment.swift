/// The sticky pull-request comment of one environment: its hidden marker and its body.
public struct PRComment: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case provisioning, ready, failed, destroyed
        /// Validated, but not provisioned: a pull request from a fork, whose run has no access to AWS.
        case skipped
    }

    /// GitHub refuses bodies over 65,536 characters; measured limits are also 262,144 UTF-8 bytes.
    public static let maxCharacters = 65_536
    public static let maxBytes = 262_144

    public var environment: EnvironmentName
    public var status: Status
    public var endpoint: String?
    /// Who may open the endpoint (`AccessSetting.description`).
    public var access: String?
    public var logsURL: String?
    public var expiresAt: Timestamp?
    public var commit: String?
    public var template: TemplateName?
    public var runURL: String?
    /// Extra Markdown (e.g. other outputs), placed after the table.
    public var details: String?
    /// The recorded estimate (US dollars an hour), shown per day and until `expiresAt`.
    public var costPerHour: Double?
    /// Pushes no longer extend it: it reached the platform's maximum lifetime.
    public var lifetimeReached = false
    /// Plain text shown as a quote under the table (e.g. why a guardrail refused the environment).
    public var note: String?

    public init(environment: EnvironmentName, status: Status, endpoint: String? = nil, logsURL: String? = nil,
                expiresAt: Timestamp? = nil, commit: String? = nil, template: TemplateName? = nil, runURL: String? = nil,
                details: String? = nil) {
        self.environment = environment
        self.status = status
        self.endpoint = endpoint
        self.logsURL = logsURL
        self.expiresAt = expiresAt
        self.commit = commit
        self.template = template
        self.runURL = runURL
        self.details = details
    }

    /// The hidden line that identifies this environment's comment among all of a PR's comments.
    public static func marker(for environment: EnvironmentName) -> String {
        "<!-- mini-idp:preview-environment:\(environment.rawValue) -->"
    }

    /// Whether `body` is this environment's comment: its FIRST line is exactly the marker. A
    /// marker quoted further down (by a person, or inside a value) does not count.
    public static func isMarked(_ body: String, for environment: EnvironmentName) -> Bool {
        let first = body.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
        return String(String.UnicodeScalarView(first)) == marker(for: environment)
    }

    /// The Markdown body at `now` (time left is relative to it), capped at GitHub's limits with a
    /// visible note that links the run.
    public func body(now: Timestamp) -> String {
        let heading: String = switch status {
        case .provisioning: "⏳ Preview environment `\(environment)` is being provisioned"
        case .ready: "🟢 Preview environment `\(environment)` is ready"
        case .failed: "🔴 Preview environment `\(environment)` failed to provision"
        case .destroyed: "⚪ Preview environment `\(environment)` was destroyed"
        case .skipped: "⏭️ No preview environment `\(environment)` for this pull request"
        }
        var rows: [(String, String)] = []
        if status != .destroyed, let endpoint { rows.append(("Endpoint", endpoint)) }
        if status == .ready || status == .provisioning, let access, !access.isEmpty { rows.append(("Who can open it", access)) }
        if let logsURL { rows.append(("Logs", "[CloudWatch](\(logsURL))")) }
        if status != .destroyed, let expiresAt {
            let left = expiresAt.seconds(since: now)
            let when = left > 0 ? "in \(humanDuration(seconds: left))" : "expired"
            rows.append(("Expires", "\(expiresAt.iso8601.replacing("T", with: " ").replacing("Z", with: "")) UTC (\(when))"))
        }
        if status == .ready || status == .provisioning, let costPerHour {
            let estimate = CostEstimate(perHour: costPerHour)
            let until = expiresAt.map { "; \(Money.text(estimate.until($0, now: now))) until it expires" } ?? ""
            let perDay = Money.text(estimate.perDay)
            rows.append(("Estimated cost", "\(perDay.hasPrefix("under") ? "" : "about ")\(perDay) a day\(until)"))
        }
        if let commit {
            // A code span only for a real commit id: anything else is shown as escaped text.
            let isSHA = !commit.isEmpty && commit.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
            rows.append(("Commit", isSHA ? "`\(String(commit.prefix(12)))`" : commit))
        }
        if let template { rows.append(("Template", "`\(template.rawValue)`")) }
        if let runURL { rows.append(("Workflow run", "[logs](\(runURL))")) }
        var text = Self.marker(for: environment) + "\n### " + heading + "\n"
        if !rows.isEmpty {
            text += "\n| | |\n|---|---|\n" + rows.map { "| \($0.0) | \(markdownCell($0.1)) |\n" }.joined()
        }
        if status == .skipped {
            text += "\nPull requests from forks get no preview environment: their runs have no access to the platform's "
                + "AWS account. The branch's inputs and `.idp/config.yml` were validated.\n"
        }
        if let note, !note.isEmpty {
            text += "\n" + note.split(separator: "\n").map { "> " + markdownCell(String($0)) }.joined(separator: "\n") + "\n"
        }
        if lifetimeReached, status == .ready || status == .provisioning {
            text += "\n⚠️ This environment reached the platform's maximum lifetime: pushes still deploy but no longer extend it, "
                + "and it is destroyed when it expires. A new branch gets a new environment.\n"
        }
        if costPerHour != nil, status == .ready || status == .provisioning {
            text += "\n<sub>The cost is an estimate from list prices; traffic, data transfer and logs are not included.</sub>\n"
        }
        if let details, !details.isEmpty { text += "\n" + details + "\n" }
        return capped(text)
    }

    /// Cuts the body so that it fits both limits, ending with a visible note.
    func capped(_ text: String) -> String {
        guard text.count > Self.maxCharacters || text.utf8.count > Self.maxBytes else { return text }
        let note = "\n\n---\n_Comment truncated to fit GitHub's limit" + (runURL.map { "; the full details are in the [workflow run](\($0))" } ?? "") + "._\n"
        var kept = ""
        var characters = note.count, bytes = note.utf8.count
        for character in text {
            let size = character.utf8.count
            guard characters + 1 <= Self.maxCharacters, bytes + size <= Self.maxBytes else { break }
            kept.append(character)
            characters += 1
            bytes += size
        }
        return kept + note
    }
}
