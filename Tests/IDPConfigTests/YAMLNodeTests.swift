import Testing
@testable import IDPConfig

@Suite struct YAMLNodeTests {
    /// YAML 1.2 core schema for plain scalars; anything quoted or `!!str` is a string.
    @Test(arguments: [
        ("~", YAMLNode.ScalarType.null), ("null", .null), ("NULL", .null), ("", .null),
        ("true", .bool), ("False", .bool), ("yes", .string), ("off", .string),
        ("3000", .int(3000)), ("-7", .int(-7)), ("+7", .int(7)), ("0x1F", .int(31)), ("0o17", .int(15)),
        ("99999999999999999999", .int(nil)), ("1_000", .string), ("0b101", .string),
        ("1.5", .float), (".5", .float), ("1e3", .float), ("-.inf", .float), (".NaN", .float), ("1.", .float),
        ("7d", .string), ("e3", .string), ("rate(1 hour)", .string), ("\"3000\"", .string), ("'~'", .string),
        ("!!str 3000", .string), ("!!int \"42\"", .int(42)), ("!!null x", .null), ("! 12", .string),
    ])
    func plainScalarsResolveByTheCoreSchema(_ text: String, _ expected: YAMLNode.ScalarType) throws {
        let node = try #require(try YAMLNode.load("k: \(text)")?.mapping?.first?.value)
        #expect(node.scalarType == expected, "\(text)")
    }

    @Test func nodesCarryOneBasedPositions() throws {
        let root = try #require(try YAMLNode.load("a: 1\nlist:\n  - x\n  - {b: c}\n"))
        let pairs = try #require(root.mapping)
        #expect((root.line, root.column) == (1, 1))
        #expect((pairs[1].key.line, pairs[1].key.column) == (2, 1))
        guard case .sequence(let items) = pairs[1].value.content else { Issue.record("not a list"); return }
        #expect((items[1].line, items[1].column) == (4, 5))
        #expect(items[1].mapping?.first?.value.scalar == "c")
        #expect(pairs[1].value.kind == "list" && root.kind == "mapping" && pairs[0].value.kind == "value")
    }

    @Test func aliasesCopyTheAnchoredNodeAtTheAliasPosition() throws {
        let pairs = try #require(try YAMLNode.load("a: &port 8080\nb: *port\nc: &env {X: y}\nd: *env\n")?.mapping)
        #expect(pairs[1].value.int == 8080 && pairs[1].value.line == 2)
        #expect(pairs[3].value.mapping?.first?.value.scalar == "y")
    }

    @Test(arguments: [
        ("ttl: 7d\ncpu: 256\nttl: 2d\n", "key \"ttl\" appears more than once", 3, 1),
        ("a: *nowhere\n", "invalid YAML: alias \"nowhere\" names no anchor defined before it", 1, 4),
        ("a: &self [*self]\n", "invalid YAML: alias \"self\" names no anchor defined before it", 1, 11),
        ("a: 1\n---\nb: 2\n", "invalid YAML: expected a single document, but found another document", 2, 1),
        ("a: \"open\n", "invalid YAML: found unexpected end of stream while scanning a quoted scalar", 2, 1),
        ("a: b: c\n", "invalid YAML: mapping values are not allowed in this context", 1, 5),
        ("a: b\u{01}\n", "invalid YAML: control characters are not allowed", 1, 5),
    ])
    func refusalsNameTheProblemAndWhereItIs(_ yaml: String, _ message: String, _ line: Int, _ column: Int) {
        #expect(throws: YAMLError(message: message, line: line, column: column)) { try YAMLNode.load(yaml) }
    }

    @Test func aRepeatedKeyInAnotherMappingIsFine() throws {
        let pairs = try #require(try YAMLNode.load("environment: {A: 1}\nsecrets: {A: 2}\n")?.mapping)
        #expect(pairs.count == 2)
    }

    /// Nothing, or an empty document (a null): either way the config takes its defaults.
    @Test(arguments: ["", "# only a comment\n", "---\n...\n", "~\n"])
    func emptyTextsHoldNoValue(_ yaml: String) throws {
        let root = try YAMLNode.load(yaml)
        #expect(root == nil || root?.isNull == true)
    }
}

extension YAMLNode.ScalarType: CustomTestStringConvertible {
    public var testDescription: String { "\(self)" }
}
