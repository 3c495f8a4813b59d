import CYAML
import IDPCore

extension YAMLNode {
    /// What a config file may hold: far beyond any real one, small enough that a hostile file is
    /// refused in milliseconds (100,000 nested `[` once took 91 s and overflowed the stack).
    public enum Limits {
        public static let fileBytes = ProjectConfig.maxFileBytes
        public static let depth = 64
        public static let scalarBytes = 64 << 10
    }

    /// Parses one YAML document; nil when the text holds none (empty, or only comments).
    ///
    /// Built on libyaml's event API rather than its document loader: only the events say whether a
    /// scalar was plain and untagged, which decides whether `3000` is a number or `!!str 3000` a
    /// string. Refuses, as errors with the 1-based position of the culprit: syntax errors, a key
    /// repeated in one mapping, an alias to an undefined (or enclosing) anchor, a second document
    /// with content (a trailing `---` is fine), tags outside the YAML 1.2 core schema, and input
    /// beyond `Limits`.
    public static func load(_ yaml: String) throws(YAMLError) -> YAMLNode? {
        let bytes = Array(yaml.utf8)
        guard !bytes.isEmpty else { return nil }  // libyaml asserts on an empty input buffer
        guard bytes.count <= Limits.fileBytes else {
            throw YAMLError(message: "the file is \(bytes.count) bytes; at most \(Limits.fileBytes) (1 MiB) are read", line: nil, column: nil)
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw YAMLError(message: "cannot start the YAML parser", line: nil, column: nil) }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder()
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { throw parserError(parser, bytes) }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return builder.root }
                try builder.apply(event)
            }
        }
    }

    /// libyaml's own wording, problem first then context: "found unexpected end of stream while
    /// scanning a quoted scalar".
    private static func parserError(_ parser: yaml_parser_t, _ bytes: [UInt8]) -> YAMLError {
        if parser.error == YAML_MEMORY_ERROR { return YAMLError(message: "out of memory while reading YAML", line: nil, column: nil) }
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { " " + String(cString: $0) } ?? ""
        let message = "invalid YAML: " + problem + context
        if parser.error == YAML_READER_ERROR {
            // Encoding errors come with a byte offset, not a mark.
            let before = bytes.prefix(min(Int(parser.problem_offset), bytes.count))
            let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            let column = before.reversed().prefix(while: { $0 != UInt8(ascii: "\n") }).count + 1
            return YAMLError(message: message, line: line, column: column)
        }
        return YAMLError(message: message, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
    }
}

/// Turns the event stream into nodes: a stack of open collections, and the anchors seen so far.
private struct TreeBuilder {
    private struct Open {
        var isMapping: Bool
        var anchor: String?
        var line: Int, column: Int
        var items: [YAMLNode] = []
        var keys: Set<String> = []
    }

    private(set) var root: YAMLNode?
    private var stack: [Open] = []
    private var anchors: [String: YAMLNode] = [:]
    private var documents = 0
    private var secondDocument = (line: 0, column: 0)

    mutating func apply(_ event: yaml_event_t) throws(YAMLError) {
        let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
        // Only an empty document may follow the first (a trailing `---`).
        if documents > 1, event.type != YAML_DOCUMENT_END_EVENT, event.type != YAML_STREAM_END_EVENT,
           !(event.type == YAML_SCALAR_EVENT && event.data.scalar.length == 0 && event.data.scalar.tag == nil && stack.isEmpty) {
            throw YAMLError(message: "several YAML documents are not supported; keep one (a second one starts here)", line: secondDocument.line, column: secondDocument.column)
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents == 2 { secondDocument = (line, column) }
        case YAML_SCALAR_EVENT where documents > 1:
            break  // the empty trailing document: nothing to keep
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            guard scalar.length <= YAMLNode.Limits.scalarBytes else {
                throw YAMLError(message: "a value of \(scalar.length) bytes; at most \(YAMLNode.Limits.scalarBytes) (64 KiB) are accepted", line: line, column: column)
            }
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let type: YAMLNode.ScalarType
            if let tag = string(scalar.tag) {
                guard let explicit = YAMLNode.ScalarType.explicit(tag, text: text) else { throw unsupported(tag, line, column) }
                type = explicit
            } else if scalar.plain_implicit == 1, scalar.style == YAML_PLAIN_SCALAR_STYLE {
                type = .plain(text)
            } else {
                type = .string
            }
            try add(YAMLNode(content: .scalar(text, type), line: line, column: column), anchor: string(scalar.anchor))
        case YAML_SEQUENCE_START_EVENT:
            try open(isMapping: false, tag: string(event.data.sequence_start.tag), anchor: string(event.data.sequence_start.anchor), line, column)
        case YAML_MAPPING_START_EVENT:
            try open(isMapping: true, tag: string(event.data.mapping_start.tag), anchor: string(event.data.mapping_start.anchor), line, column)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let open = stack.removeLast()
            let content: YAMLNode.Content = open.isMapping
                ? .mapping(stride(from: 0, to: open.items.count - 1, by: 2).map { (key: open.items[$0], value: open.items[$0 + 1]) })
                : .sequence(open.items)
            try add(YAMLNode(content: content, line: open.line, column: open.column), anchor: open.anchor)
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            // An anchor on a collection still open is not in the table yet: no cycles.
            guard let node = anchors[name] else {
                throw YAMLError(message: "invalid YAML: alias \(quoted(name)) names no anchor defined before it", line: line, column: column)
            }
            try add(YAMLNode(content: node.content, line: line, column: column), anchor: nil)
        default:
            break
        }
    }

    /// A collection starts: refused past `Limits.depth`, or with a tag the core schema lacks.
    private mutating func open(isMapping: Bool, tag: String?, anchor: String?, _ line: Int, _ column: Int) throws(YAMLError) {
        if let tag, tag != "!", tag != YAMLNode.ScalarType.tagPrefix + (isMapping ? "map" : "seq") { throw unsupported(tag, line, column) }
        guard stack.count < YAMLNode.Limits.depth else {
            throw YAMLError(message: "nesting deeper than \(YAMLNode.Limits.depth) levels is not accepted", line: line, column: column)
        }
        stack.append(Open(isMapping: isMapping, anchor: anchor, line: line, column: column))
    }

    private func unsupported(_ tag: String, _ line: Int, _ column: Int) -> YAMLError {
        let shown = tag.hasPrefix(YAMLNode.ScalarType.tagPrefix) ? "!!" + tag.dropFirst(YAMLNode.ScalarType.tagPrefix.count) : tag
        return YAMLError(message: "tag \(quoted(String(shown))) is not supported; use one of the YAML 1.2 core schema's: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map",
                         line: line, column: column)
    }

    private mutating func add(_ node: YAMLNode, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = node }
        guard !stack.isEmpty else { root = node; return }
        let top = stack.count - 1
        if stack[top].isMapping, stack[top].items.count.isMultiple(of: 2), let key = node.scalar {
            guard stack[top].keys.insert(key).inserted else {
                throw YAMLError(message: "key \(quoted(key)) appears more than once", line: node.line, column: node.column)
            }
        }
        stack[top].items.append(node)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
