/// One node of a parsed YAML document, as much of it as the config rules need: the value with its
/// resolved type, and where it starts. Built by `YAMLNode.load(_:)` from libyaml's events.
///
/// Plain scalars are typed by the YAML 1.2 core schema (the current spec's recommended schema;
/// YAML 1.1 read `yes` and `on` as booleans), so `yes` stays a string and `0x10` is the number 16.
public struct YAMLNode: Sendable {
    /// The node's content.
    public enum Content: Sendable {
        case scalar(String, ScalarType)
        /// Pairs in file order; duplicate keys are refused while loading.
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    /// What a scalar resolved to, from its explicit tag or, for plain scalars, its text.
    public enum ScalarType: Sendable, Equatable {
        case null, bool, float, string
        /// A whole number; nil when it does not fit in `Int`.
        case int(Int?)
    }

    public let content: Content
    /// 1-based line of the node's first character.
    public let line: Int
    /// 1-based column (in Unicode scalars, as libyaml counts) of the node's first character.
    public let column: Int

    /// The scalar's text, or nil for a mapping or a list.
    public var scalar: String? {
        if case .scalar(let text, _) = content { text } else { nil }
    }

    /// The scalar's resolved type, or nil for a mapping or a list.
    public var scalarType: ScalarType? {
        if case .scalar(_, let type) = content { type } else { nil }
    }

    /// The mapping's pairs, or nil for a scalar or a list.
    public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs) = content { pairs } else { nil }
    }

    /// True for `~`, `null`, an empty value and `!!null`.
    public var isNull: Bool { scalarType == .null }

    /// The value of an integer scalar that fits in `Int`.
    public var int: Int? {
        if case .int(let value)? = scalarType { value } else { nil }
    }

    /// A word for messages: "mapping", "list" or "value".
    public var kind: String {
        switch content {
        case .mapping: "mapping"
        case .sequence: "list"
        case .scalar: "value"
        }
    }
}

extension YAMLNode.ScalarType {
    static let tagPrefix = "tag:yaml.org,2002:"

    /// The type an explicit tag asks for (`!!int "3"` is 3); nil for tags this reader does not type.
    static func explicit(_ tag: String, text: String) -> Self? {
        guard tag.hasPrefix(tagPrefix) else { return tag == "!" ? .string : nil }
        switch tag.dropFirst(tagPrefix.count) {
        case "str": return .string
        case "null": return .null
        case "bool": return .bool
        case "float": return .float
        case "int": return .int(integer(text))
        default: return nil
        }
    }

    /// Resolves a plain (unquoted, untagged) scalar by the YAML 1.2 core schema.
    static func plain(_ text: String) -> Self {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".nan", ".NaN", ".NAN": return .float
        default: break
        }
        if isInteger(text) { return .int(integer(text)) }
        if isFloat(text) { return .float }
        return .string
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
    static func isInteger(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        if scalars.count > 2, scalars[0] == "0", scalars[1] == "o" { return scalars.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        if scalars.count > 2, scalars[0] == "0", scalars[1] == "x" { return scalars.dropFirst(2).allSatisfy(\.properties.isASCIIHexDigit) }
        let digits = scalars.first == "-" || scalars.first == "+" ? scalars.dropFirst() : scalars[...]
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }

    static func integer(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` or `[-+]?\.(inf|Inf|INF)`.
    static func isFloat(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(rest) { return true }
        let whole = rest.prefix(while: isDigit)
        rest = rest.dropFirst(whole.count)
        var fraction = Substring("")
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return false }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit)
            guard !exponent.isEmpty else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    private static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
}

/// Why a YAML text could not be loaded; the position is 1-based where libyaml gives one.
public struct YAMLError: Error, Equatable, Sendable {
    public let message: String
    public let line: Int?
    public let column: Int?
}
