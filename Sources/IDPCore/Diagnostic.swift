/// A 1-based position in a named input: a file, or a flag such as `--ttl`.
public struct SourceLocation: Hashable, Sendable {
    /// The file path, or nil when the value came from a flag or environment variable.
    public var file: String?
    /// 1-based line, or nil when the whole input is meant.
    public var line: Int?
    /// 1-based column counted in Unicode scalars (as libyaml does), or nil.
    public var column: Int?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// How serious a finding is; maps onto GitHub's `::error` / `::warning` / `::notice`.
public enum Severity: String, Hashable, Sendable, Comparable {
    case error, warning, notice

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .notice: 0
        }
    }
}

/// The one problem type every rule reports: renderers turn it into text or annotations.
///
/// Recoverable problems are collected as values; only fatal ones are thrown.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public var severity: Severity
    /// A stable, dotted identifier such as `ttl.unit`, safe to grep for and to document.
    public var code: String
    /// Lower-case text naming the bad value and what is accepted.
    public var message: String
    public var location: SourceLocation?
    /// The input the value came from when there is no file, e.g. `--ttl` or `IDP_TTL`.
    public var subject: String?

    public init(
        _ severity: Severity = .error, code: String, message: String,
        location: SourceLocation? = nil, subject: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.subject = subject
    }

    public var description: String { "\(severity.rawValue): \(message) [\(code)]" }

    /// The plain form for terminals and logs: `path:line:col: severity: message [code]`, or
    /// `tool: subject: severity: …` when the value came from a flag or variable.
    public func rendered(tool: String) -> String {
        var place = tool
        if let file = location?.file {
            place = file
            if let line = location?.line {
                place += ":\(line)"
                if let column = location?.column { place += ":\(column)" }
            }
        } else if let subject {
            place = "\(tool): \(subject)"
        }
        return "\(place): \(severity.rawValue): \(message) [\(code)]"
    }
}

/// A domain error that knows its stable code and its message.
public protocol DiagnosticConvertible: Error {
    var code: String { get }
    var message: String { get }
}

extension DiagnosticConvertible {
    /// This error as a diagnostic, optionally placed at a location or attributed to an input.
    public func diagnostic(
        _ severity: Severity = .error, at location: SourceLocation? = nil, subject: String? = nil
    ) -> Diagnostic {
        Diagnostic(severity, code: code, message: message, location: location, subject: subject)
    }
}

extension [Diagnostic] {
    /// True when any finding is an error (warnings alone do not fail a step).
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Quotes a value for a message, escaping control characters so a hostile value cannot forge lines.
public func quoted(_ value: String) -> String {
    "\"" + escapingScalars(value) { scalar in
        switch scalar {
        case "\"": "\\\""
        case "\\": "\\\\"
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default:
            scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                ? "\\u{\(String(scalar.value, radix: 16))}" : nil
        }
    } + "\""
}
