import IDPCore
/// Writes `name<<delimiter` / value / `delimiter` records to `$GITHUB_OUTPUT` (or `$GITHUB_ENV`),
/// exactly as the toolkit does, so any value, multi-line or hostile, reaches the runner intact.
public enum EnvironmentFile {
    /// The record for one value; throws rather than write something the runner would misread.
    public static func record(name: String, value: String, delimiter: String) throws(OutputError) -> String {
        guard !name.isEmpty, !name.contains("="), !name.contains("<<") else { throw .badName(name) }
        guard !name.contains(delimiter), !value.contains(delimiter) else { throw .delimiterInValue(name) }
        return "\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n"
    }

    /// A fresh `ghadelimiter_<128 random bits>`, unguessable like the toolkit's UUID.
    public static func makeDelimiter() -> String {
        "ghadelimiter_" + SystemIO.randomHex(16)
    }

    /// Appends all `outputs` in one write, so a failure leaves no half-written set behind.
    public static func append(_ outputs: [(String, String)], to path: String) throws(OutputError) {
        var text = ""
        for (name, value) in outputs {
            text += try record(name: name, value: value, delimiter: makeDelimiter())
        }
        do { try SystemIO.append(text, to: path) } catch { throw .write(error.description) }
    }
}

public enum OutputError: DiagnosticConvertible {
    case badName(String)
    case delimiterInValue(String)
    case write(String)

    public var code: String {
        switch self {
        case .badName, .delimiterInValue: "output.value"
        case .write: "output.write"
        }
    }

    public var message: String {
        switch self {
        case .badName(let name): "output name \(quoted(name)) must be non-empty and contain neither \"=\" nor \"<<\""
        case .delimiterInValue(let name): "output \(quoted(name)) contains its own delimiter; refusing to write it"
        case .write(let why): why
        }
    }
}
