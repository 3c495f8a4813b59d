/// Parts of an environment's sticky comment that are written after it, without re-rendering it:
/// the answer to the last pull-request command, and the scan's warning before expiry. Each lives
/// under a hidden marker of its own at the end of the comment and replaces its previous version,
/// so a command or a warning never adds a comment. The next full render (a push) drops them.
extension PRComment {
    public enum Section: String, Sendable, CaseIterable {
        case command
        case expiryWarning = "expiry-warning"
        /// "Sleeping until …": written when sleep stops the environment, removed when it wakes.
        case sleep
        /// Why the last push was not applied (another template, a raise past the caps): the
        /// environment runs as it was, and the comment's status says so still.
        case refusedPush = "refused-push"

        public var marker: String { "<!-- mini-idp:section:\(rawValue) -->" }
    }

    /// The one comment a pull request gets for commands when it has no environment (no sticky
    /// comment to answer in): refused or unknown commands, help, status "none".
    public static let commandsMarker = "<!-- mini-idp:preview-commands -->"

    /// `body` with `section` replaced by `text` (Markdown the platform wrote; untrusted parts must
    /// be escaped by the caller), or removed when `text` is nil. Other sections keep their place.
    public static func replacingSection(_ section: Section, with text: String?, in body: String) -> String {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let markers = Set(Section.allCases.map(\.marker))
        if let start = lines.firstIndex(of: section.marker) {
            // The section runs to the next section's marker (without the separator before it) or the end.
            var end = lines[(start + 1)...].firstIndex { markers.contains($0) } ?? lines.count
            if end < lines.count, end > start + 1, lines[end - 1] == "---" { end -= 1 }
            var first = start
            if first > 0, lines[first - 1] == "---" { first -= 1 }
            lines.removeSubrange(first..<end)
        }
        while lines.last == "" { lines.removeLast() }
        var result = lines.joined(separator: "\n")
        if let text, !text.isEmpty { result += "\n\n---\n" + section.marker + "\n" + text }
        return result + "\n"
    }

    /// Plain text (a commenter's words, an error naming their input) as one quoted Markdown line.
    public static func quotedText(_ text: String) -> String {
        "> " + plainText(text)
    }

    /// The section for a push that was not applied: each reason, as the platform wrote it.
    public static func refusedPush(_ reasons: [String], commit: String?) -> String {
        "🚫 **The push\(commit.map { " of `\(String($0.prefix(12)))`" } ?? "") was not applied.**\n\n" + reasons.map { quotedText($0) }.joined(separator: "\n")
    }

    /// Text as text on one line: no HTML (`<!--` cannot hide the rest of the comment), no table
    /// cell break, no mention (`@team`), no reference (`owner/repo#1`), no link or autolink.
    public static func plainText(_ text: String) -> String {
        escapingScalars(inertMarkdownCell(text)) { scalar in
            switch scalar {
            case "[": "\\["
            case ":": ":\u{200B}"
            default: nil
            }
        }
    }
}
