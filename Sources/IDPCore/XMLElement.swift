/// A parsed XML element: just enough of XML for S3's responses (elements, text, entities;
/// attributes and namespaces are read past). Foundation's XMLParser is avoided on purpose.
public struct XMLElement: Sendable, Equatable {
    public var name: String
    public var children: [XMLElement] = []
    public var text = ""

    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    public func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
    /// The text of a direct child, e.g. `element["Key"]`.
    public subscript(_ name: String) -> String? { child(name)?.text }

    public static func parse(_ bytes: [UInt8]) throws(XMLError) -> XMLElement {
        var p = XMLReader(bytes: bytes)
        return try p.document()
    }
}

public struct XMLError: Error, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "invalid XML at byte \(offset): \(reason)" }
}

private struct XMLReader {
    let bytes: [UInt8]
    var i = 0

    func fail(_ reason: String) -> XMLError { XMLError(offset: i + 1, reason: reason) }

    mutating func document() throws(XMLError) -> XMLElement {
        while true {
            skipSpace()
            guard i < bytes.count else { throw fail("no root element") }
            if starts("<?") { try skip(past: "?>") } else if starts("<!--") { try skip(past: "-->") } else if starts("<!") { try skip(past: ">") } else { break }
        }
        return try element()
    }

    mutating func element() throws(XMLError) -> XMLElement {
        guard starts("<") else { throw fail("expected \"<\"") }
        i += 1
        var element = XMLElement(name: name())
        guard !element.name.isEmpty else { throw fail("expected an element name") }
        // Attributes are skipped, honouring quotes so a ">" inside one does not end the tag.
        var quote: UInt8?
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote { if b == q { quote = nil } } else if b == 0x22 || b == 0x27 { quote = b } else if b == UInt8(ascii: ">") { break }
            i += 1
        }
        guard i < bytes.count else { throw fail("unterminated tag") }
        if bytes[i - 1] == UInt8(ascii: "/") { i += 1; return element }
        i += 1
        var text: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated element \(quoted(element.name))") }
            if starts("</") {
                i += 2
                let closing = name()
                guard closing == element.name else { throw fail("\(quoted(closing)) closes \(quoted(element.name))") }
                try skip(past: ">")
                element.text = try decodeEntities(text)
                return element
            } else if starts("<!--") {
                try skip(past: "-->")
            } else if starts("<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>")
                text += bytes[start..<(i - 3)]
            } else if starts("<") {
                element.children.append(try self.element())
            } else {
                text.append(bytes[i])
                i += 1
            }
        }
    }

    mutating func name() -> String {
        let start = i
        while i < bytes.count, !" \t\r\n/>".utf8.contains(bytes[i]) { i += 1 }
        let full = String(decoding: bytes[start..<i], as: UTF8.self)
        return full.split(separator: ":").last.map(String.init) ?? full
    }

    func starts(_ text: String) -> Bool {
        let t = Array(text.utf8)
        return i + t.count <= bytes.count && Array(bytes[i..<i + t.count]) == t
    }

    mutating func skip(past end: String) throws(XMLError) {
        while i < bytes.count, !starts(end) { i += 1 }
        guard i < bytes.count else { throw fail("missing \(quoted(end))") }
        i += end.utf8.count
    }

    mutating func skipSpace() {
        while i < bytes.count, " \t\r\n".utf8.contains(bytes[i]) { i += 1 }
    }

    func decodeEntities(_ text: [UInt8]) throws(XMLError) -> String {
        let s = String(decoding: text, as: UTF8.self)
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { throw fail("unterminated entity") }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                guard let number, let scalar = Unicode.Scalar(number) else { throw fail("unknown entity &\(entity);") }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

/// Escapes text for an XML element body.
public func xmlEscape(_ text: String) -> String {
    escapingScalars(text) { scalar in
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": "&apos;"
        default: scalar.value < 0x20 && scalar != "\n" && scalar != "\t" ? "&#x\(String(scalar.value, radix: 16));" : nil
        }
    }
}
