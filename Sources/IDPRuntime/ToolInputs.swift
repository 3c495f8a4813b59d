import IDPCore
/// Input handling several tools share: list variables, the TTL maximum, files.
public enum ToolInputs {
    /// Splits a variable holding several values, one per line or comma-separated.
    public static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," }).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    /// The option every TTL-aware tool takes.
    public static let maxTTLOption = OptionSpec.option(
        "max-ttl", "ttl", variable: "IDP_MAX_TTL", default: TTL.defaultMaximum.description, help: "Platform TTL maximum.")

    /// The platform maximum TTL from `--max-ttl` / `IDP_MAX_TTL`.
    public static func maximumTTL(_ args: Arguments) throws(ToolFailure) -> TTL {
        guard let text = args.value("max-ttl") else { return .defaultMaximum }
        do { return try TTL.parse(text, maximum: nil) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("max-ttl"))])
        }
    }

    /// Reads a UTF-8 text file, mapping failures to diagnostics that name the file.
    public static func readText(_ path: String, limit: Int? = nil) throws(ToolFailure) -> String {
        let bytes: [UInt8]
        do { bytes = try SystemIO.read(path, limit: limit) } catch {
            throw ToolFailure(error.code == 2 ? .notFound : .localIO, [Diagnostic(code: "file.read", message: error.description)])
        }
        if let limit, bytes.count > limit {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "file.size", message: "\(quoted(path)) is larger than \(limit) bytes, the most that is read",
                location: SourceLocation(file: path))])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "file.encoding", message: "\(quoted(path)) is not UTF-8 text",
                location: SourceLocation(file: path))])
        }
        return text
    }

    /// Writes a file atomically (temporary file + rename), so readers never see half of it.
    public static func writeAtomically(_ text: String, to path: String) throws(ToolFailure) {
        do { try SystemIO.writeAtomically(Array(text.utf8), to: path) } catch {
            throw ToolFailure(.localIO, [Diagnostic(code: "file.write", message: error.description)])
        }
    }
}
