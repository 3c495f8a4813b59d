/// A JSON document as a value, with a deterministic writer (sorted keys, two-space indent) so
/// generated files diff cleanly and golden tests are byte-exact.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])


    public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Text for people: strings bare, everything else as compact JSON.
    public var displayText: String {
        if case .string(let s) = self { return s }
        return rendered(pretty: false)
    }

    /// Serialises with sorted keys; `pretty` adds newlines and two-space indentation.
    public func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? "" : nil)
        return out
    }

    private func write(to out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            if n.rounded() == n, abs(n) < 1e15 { out += String(Int64(n)) } else { out += "\(n)" }
        case .string(let s): out += Self.escape(s)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, out: &out, indent: indent) { i, out, inner in
                items[i].write(to: &out, indent: inner)
            }
        case .object(let members):
            let keys = members.keys.sorted()
            writeContainer(open: "{", close: "}", count: keys.count, out: &out, indent: indent) { i, out, inner in
                out += Self.escape(keys[i]) + (inner == nil ? ":" : ": ")
                members[keys[i]]!.write(to: &out, indent: inner)
            }
        }
    }

    private func writeContainer(
        open: String, close: String, count: Int, out: inout String, indent: String?,
        item: (Int, inout String, String?) -> Void
    ) {
        guard count > 0 else { out += open + close; return }
        out += open
        let inner = indent.map { $0 + "  " }
        for i in 0..<count {
            if i > 0 { out += "," }
            if let inner { out += "\n" + inner }
            item(i, &out, inner)
        }
        if let indent { out += "\n" + indent }
        out += close
    }

    static func escape(_ s: String) -> String {
        "\"" + escapingScalars(s) { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default:
                scalar.value < 0x20 ? "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) : nil
            }
        } + "\""
    }
}
