import Foundation

/// Input handling several tools share: list variables, the config file, the TTL maximum.
public enum ToolInputs {
    /// Splits a variable holding several values, one per line or comma-separated.
    public static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," }).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    /// The platform maximum TTL from `--max-ttl` or `IDP_MAX_TTL`, default 30d.
    public static func maximumTTL(_ flag: String?, _ env: ActionsContext) throws(ToolFailure) -> TTL {
        guard let text = env.resolve(flag, "IDP_MAX_TTL") else { return .defaultMaximum }
        do { return try TTL.parse(text, maximum: nil) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: flag == nil ? "IDP_MAX_TTL" : "--max-ttl")])
        }
    }

    /// The config file to read: the named one (which must exist), else `.idp/config.yml` when present.
    public static func configFile(_ flag: String?, _ env: ActionsContext) throws(ToolFailure) -> (path: String, text: String)? {
        let named = env.resolve(flag, "IDP_CONFIG")
        let path = named ?? ProjectConfig.defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
            if named == nil { return nil }
            throw ToolFailure(.notFound, [Diagnostic(code: "config.missing",
                message: "config file \(quoted(path)) does not exist", subject: flag == nil ? "IDP_CONFIG" : "--config")])
        }
        return (path, try readText(path))
    }

    /// Reads a UTF-8 text file, mapping failures to a located diagnostic.
    public static func readText(_ path: String) throws(ToolFailure) -> String {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else {
                throw ToolFailure(.invalidInput, [Diagnostic(code: "file.encoding", message: "\(quoted(path)) is not UTF-8 text",
                    location: SourceLocation(file: path))])
            }
            return text
        } catch let failure as ToolFailure {
            throw failure
        } catch {
            throw ToolFailure(.localIO, [Diagnostic(code: "file.read", message: "cannot read \(quoted(path)): \(error.localizedDescription)")])
        }
    }

    /// Writes a file atomically (temporary file + rename), so readers never see half of it.
    public static func writeAtomically(_ text: String, to path: String) throws(ToolFailure) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ToolFailure(.localIO, [Diagnostic(code: "file.write", message: "cannot write \(quoted(path)): \(error.localizedDescription)")])
        }
    }
}
