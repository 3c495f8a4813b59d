import IDPCore
/// The one exit-code table of all the tools; documented in docs/tools.md under "Exit codes".
public enum ExitStatus: Int32, Error, Sendable, CaseIterable {
    /// Done; nothing wrong.
    case success = 0
    /// An input value or file broke a rule; every problem was reported.
    case invalidInput = 1
    /// The command line was wrong: unknown flag, missing argument.
    case usage = 2
    /// The environment belongs to another repository or branch, a platform guardrail refused a
    /// new one, or a concurrent writer won every retry; nothing was changed.
    case conflict = 3
    /// The environment, file or pull request does not exist.
    case notFound = 4
    /// AWS or GitHub failed after retries (network, 5xx, throttling, credentials).
    case remote = 5
    /// Some items failed while the rest succeeded; each failure was reported.
    case partial = 6
    /// A local file could not be read or written.
    case localIO = 7
    /// A bug in the tool; please report it.
    case internalError = 70

    /// One line for the table in docs/tools.md and `--help`.
    public var summary: String {
        switch self {
        case .success: "success"
        case .invalidInput: "invalid input: a value or file broke a rule (all problems are reported)"
        case .usage: "usage: unknown flag or missing argument"
        case .conflict: "conflict: the environment belongs to another repository/branch, a platform guardrail refused it, or a concurrent update won"
        case .notFound: "not found: no such environment, file or pull request"
        case .remote: "remote failure: AWS or GitHub failed after retries"
        case .partial: "partial: some items failed, the rest were done; failures are reported"
        case .localIO: "local I/O: a file could not be read or written"
        case .internalError: "internal error: a bug in the tool"
        }
    }

    /// The table as `--help` shows it.
    public static var helpTable: String {
        allCases.map { "  " + String($0.rawValue).padding(3) + $0.summary }.joined(separator: "\n")
    }
}

/// A failure already reported to the user, carrying the exit status to end with.
public struct ToolFailure: Error, Sendable {
    public var status: ExitStatus
    public var diagnostics: [Diagnostic]

    public init(_ status: ExitStatus, _ diagnostics: [Diagnostic] = []) {
        self.status = status
        self.diagnostics = diagnostics
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
