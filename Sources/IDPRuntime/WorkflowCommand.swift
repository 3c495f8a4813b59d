import IDPCore
/// GitHub Actions workflow commands (`::name k=v,k=v::data`), encoded as the toolkit does.
public enum WorkflowCommand {
    /// Escapes a command's data: `%` first, then CR and LF, so the runner's reverse order round-trips.
    public static func escapeData(_ text: String) -> String {
        escape(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
    }

    /// Escapes a property value: as data, plus `:` and `,`, which separate properties.
    public static func escapeProperty(_ text: String) -> String {
        escape(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C")])
    }

    private static func escape(_ text: String, _ table: [(Unicode.Scalar, String)]) -> String {
        escapingScalars(text) { scalar in table.first { $0.0 == scalar }?.1 }
    }

    /// `::name k=v,…::data`, leaving out empty properties as the toolkit does.
    public static func format(_ name: String, properties: [(String, String?)] = [], data: String) -> String {
        let props = properties.compactMap { key, value in
            value.flatMap { $0.isEmpty ? nil : "\(key)=\(escapeProperty($0))" }
        }
        return "::\(name)\(props.isEmpty ? "" : " " + props.joined(separator: ","))::\(escapeData(data))"
    }

    /// GitHub truncates annotation messages at this many characters.
    public static let maxMessageLength = 4096

    /// An `::error`/`::warning`/`::notice` line for a diagnostic, with only the properties
    /// GitHub knows and columns only where a line is given.
    public static func annotation(for d: Diagnostic, tool: String) -> String {
        var message = d.subject.map { "\($0): \(d.message)" } ?? d.message
        if message.count > maxMessageLength { message = String(message.prefix(maxMessageLength - 1)) + "…" }
        let line = d.location?.line
        return format(d.severity.rawValue, properties: [
            ("title", "\(tool) [\(d.code)]"),
            ("file", d.location?.file),
            ("line", line.map(String.init)),
            ("col", line == nil ? nil : d.location?.column.map(String.init)),
        ], data: message)
    }
}
