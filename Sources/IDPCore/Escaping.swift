/// Rewrites `text` scalar by scalar: `replace` returns the replacement for a scalar, or nil to keep
/// it. Scalars, not Characters: "\r\n" is one Character in Swift, and every escaper here must see
/// the "\r" on its own. The one loop behind quoting for messages, JSON, XML, workflow commands and
/// Markdown cells.
public func escapingScalars(_ text: String, _ replace: (Unicode.Scalar) -> String?) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        if let replacement = replace(scalar) { out += replacement } else { out.unicodeScalars.append(scalar) }
    }
    return out
}

/// Escapes a value for one Markdown table cell: pipes are escaped, line breaks become spaces, and
/// `<`, `>` and `&` become entities, so no value can open or close an HTML comment (`<!--`, `-->`)
/// or a tag: a value is always shown as text.
public func markdownCell(_ text: String) -> String {
    escapingScalars(text) { scalar in
        switch scalar {
        case "|": "\\|"
        case "\n", "\r": " "
        case "<": "&lt;"
        case ">": "&gt;"
        case "&": "&amp;"
        default: nil
        }
    }
}

/// A Markdown table cell that notifies no one and links nothing: `markdownCell`, then a zero-width
/// space after every `@` and `#`, so a branch named `x@acme/security` or `fix#1` in an issue or a
/// comment GitHub renders mentions no team and references no issue.
public func inertMarkdownCell(_ text: String) -> String {
    escapingScalars(markdownCell(text)) { scalar in scalar == "@" || scalar == "#" ? String(scalar) + "\u{200B}" : nil }
}
