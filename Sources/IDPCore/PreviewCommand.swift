/// A command written on a pull request: a comment whose first line starts with `/preview`.
///
/// The comment is untrusted text from anyone who can comment. Only its first line is read, at
/// most `maxLineLength` characters of it, and a command is never more than a verb and one TTL, so
/// nothing a commenter writes ever reaches a shell, a name or a path.
public enum PreviewCommand: Equatable, Sendable {
    /// Push the expiry to `ttl` from now, under the same rules as a push.
    case extend(TTL)
    /// Destroy the environment through the real destroy path.
    case destroy
    /// Say what the environment is doing, in the sticky comment.
    case status
    /// The commands, in a reply.
    case help
    /// Wake a sleeping environment.
    case wake

    /// What a comment is.
    public enum Parsed: Equatable, Sendable {
        /// Not a `/preview` comment: ignored, no reply.
        case notACommand
        case command(PreviewCommand)
        /// Starts with `/preview` but is no command: the reply is the help text and this reason.
        case invalid(PreviewCommandError)
    }

    /// The word that makes a comment a command.
    public static let keyword = "/preview"
    /// The longest first line read; a longer one is refused, not cut.
    public static let maxLineLength = 200

    /// Examples that must hold; they are tests and the consumer guide's table at once.
    public static let examples: [(comment: String, command: PreviewCommand)] = [
        ("/preview extend 3d", .extend(try! TTL.parse("3d", maximum: nil))),
        ("/preview destroy", .destroy),
        ("/preview status", .status),
        ("/preview help", .help),
        ("/preview", .help),
        ("/preview wake", .wake),
        ("  /preview   extend 12h  \nthanks!", .extend(try! TTL.parse("12h", maximum: nil))),
    ]

    /// The command a comment holds. `maximumTTL` bounds `extend` as it bounds a push.
    public static func parse(comment: String, maximumTTL: TTL?) -> Parsed {
        // Any line break: comments written in a browser arrive with "\r\n", one Character in Swift.
        let firstLine = comment.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let line = firstLine.trimmingWhitespace
        guard line.hasPrefix(keyword) else { return .notACommand }
        guard line.count <= maxLineLength else { return .invalid(.tooLong(line.count)) }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.first == keyword else { return .invalid(.unknown(String(words.first ?? line))) }
        let verb = words.count > 1 ? words[1].lowercased() : "help"
        let rest = Array(words.dropFirst(2))
        switch verb {
        case "extend":
            guard rest.count == 1 else { return .invalid(rest.isEmpty ? .missingTTL : .extraWords(verb, rest)) }
            do throws(TTLError) { return .command(.extend(try TTL.parse(rest[0], maximum: maximumTTL))) } catch {
                return .invalid(.ttl(error))
            }
        case "destroy", "status", "help", "wake":
            guard rest.isEmpty else { return .invalid(.extraWords(verb, rest)) }
            let commands: [String: PreviewCommand] = ["destroy": .destroy, "status": .status, "help": .help, "wake": .wake]
            return .command(commands[verb] ?? .help)
        default:
            return .invalid(.unknown(verb))
        }
    }

    /// The reply to `help` and to anything that is no command.
    public static let helpText = """
        Commands (the first line of a comment; people with write access only):
        - `/preview extend <ttl>`: keep the environment for `<ttl>` more from now (e.g. `3d`, `12h`), within the platform's limits
        - `/preview destroy`: destroy it now
        - `/preview status`: show what it is doing
        - `/preview wake`: wake it when it sleeps
        - `/preview help`: this text
        """
}

/// Why a `/preview` comment is no command.
public enum PreviewCommandError: DiagnosticConvertible, Equatable {
    case unknown(String)
    case missingTTL
    case extraWords(String, [String])
    case ttl(TTLError)
    case tooLong(Int)

    public var code: String {
        switch self {
        case .unknown: "command.unknown"
        case .missingTTL: "command.ttl-missing"
        case .extraWords: "command.extra"
        case .ttl(let e): e.code
        case .tooLong: "command.length"
        }
    }

    public var message: String {
        switch self {
        case .unknown(let word):
            "\(quoted(String(word.prefix(40)))) is not a command; expected extend <ttl>, destroy, status, wake or help"
        case .missingTTL:
            "extend needs a TTL, e.g. \"/preview extend 3d\""
        case .extraWords(let verb, let words):
            "\(verb) takes \(verb == "extend" ? "one TTL" : "nothing") after it; \(quoted(String(words.joined(separator: " ").prefix(40)))) is left over"
        case .ttl(let e):
            e.message
        case .tooLong(let length):
            "the command line is \(length) characters; at most \(PreviewCommand.maxLineLength) are read"
        }
    }
}
