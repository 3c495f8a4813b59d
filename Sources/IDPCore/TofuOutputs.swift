/// The outputs of `tofu output -json`: `{"name": {"sensitive": bool, "type": …, "value": …}}`.
///
/// The first platform read this file as a flat `{"name": value}` map and so never found the
/// endpoint (seed #5); this type reads `.value` and keeps `sensitive` so callers can mask.
public struct TofuOutputs: Sendable, Equatable {
    public struct Output: Sendable, Equatable {
        public var value: JSONValue
        public var sensitive: Bool
    }

    public var outputs: [String: Output]

    /// Parses the decoded JSON document; every malformed entry is reported by name.
    public init(json: JSONValue) throws(OutputsError) {
        guard case .object(let members) = json else { throw .notAnObject }
        var outputs: [String: Output] = [:]
        for (name, entry) in members {
            guard case .object(let fields) = entry, let value = fields["value"] else {
                throw .flatEntry(name)
            }
            let sensitive: Bool
            if case .bool(true) = fields["sensitive"] { sensitive = true } else { sensitive = false }
            outputs[name] = Output(value: value, sensitive: sensitive)
        }
        self.outputs = outputs
    }

    /// The output's value as text, e.g. the endpoint URL.
    public func string(_ name: String) -> String? {
        outputs[name].map(\.value.displayText)
    }

    /// What a comment may show for an output: nil when it is absent or not a string (null, a
    /// number, a list), "(sensitive)" when OpenTofu marks it sensitive, else the string.
    public func shown(_ name: String) -> String? {
        guard let output = outputs[name], case .string(let text) = output.value else { return nil }
        return output.sensitive ? "(sensitive)" : text
    }

    /// Every string that must be masked before anything prints: each sensitive value, and for
    /// structured ones each string inside it.
    public var secretStrings: [String] {
        var found: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .string(let s) where !s.trimmingWhitespace.isEmpty: found.append(s)
            case .array(let items): items.forEach(collect)
            case .object(let members): members.keys.sorted().forEach { collect(members[$0]!) }
            case .number, .bool: found.append(value.displayText)
            default: break
            }
        }
        for name in outputs.keys.sorted() where outputs[name]!.sensitive { collect(outputs[name]!.value) }
        return found
    }
}

public enum OutputsError: DiagnosticConvertible, Equatable {
    case notAnObject
    case flatEntry(String)

    public var code: String { "outputs.shape" }
    public var message: String {
        switch self {
        case .notAnObject:
            "outputs are not a JSON object; expected the output of `tofu output -json`"
        case .flatEntry(let name):
            "output \(quoted(name)) has no \"value\" field; expected `tofu output -json` form {\"\(name)\": {\"value\": …}}"
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace (no Foundation needed).
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
