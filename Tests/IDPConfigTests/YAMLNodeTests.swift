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
        ("a: 1\n---\nb: 2\n", "several YAML documents are not supported; keep one (a second one starts here)", 2, 1),
        ("a: 1\n---\n- x\n", "several YAML documents are not supported; keep one (a second one starts here)", 2, 1),
        ("a: !foo x\n", "tag \"!foo\" is not supported; use one of the YAML 1.2 core schema's: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map", 1, 4),
        ("a: !!binary aGk=\n", "tag \"!!binary\" is not supported; use one of the YAML 1.2 core schema's: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map", 1, 4),
        ("a: !!set {x: ~}\n", "tag \"!!set\" is not supported; use one of the YAML 1.2 core schema's: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map", 1, 4),
        ("a: \"open\n", "invalid YAML: found unexpected end of stream while scanning a quoted scalar", 2, 1),
        ("a: b: c\n", "invalid YAML: mapping values are not allowed in this context", 1, 5),
        ("a: b\u{01}\n", "invalid YAML: control characters are not allowed", 1, 5),
    ])
    func refusalsNameTheProblemAndWhereItIs(_ yaml: String, _ message: String, _ line: Int, _ column: Int) {
        #expect(throws: YAMLError(message: message, line: line, column: column)) { try YAMLNode.load(yaml) }
    }

    /// The core schema's tags keep working, on scalars and collections.
    @Test func coreTagsAreAccepted() throws {
        let pairs = try #require(try YAMLNode.load("a: !!str 3000\nb: !!int \"7\"\nc: !!map {x: 1}\nd: !!seq [1]\ne: ! plain\nf: !!null ~\n")?.mapping)
        #expect(pairs[0].value.scalarType == .string && pairs[1].value.int == 7 && pairs[2].value.mapping?.count == 1)
        #expect(pairs[5].value.isNull)
    }

    /// A trailing `---` (an empty second document) is what many editors and generators leave.
    @Test(arguments: ["a: 1\n---\n", "a: 1\n---\n...\n", "---\na: 1\n---\n"])
    func aTrailingEmptyDocumentIsFine(_ yaml: String) throws {
        #expect(try YAMLNode.load(yaml)?.mapping?.first?.value.int == 1)
    }

    /// Hostile sizes are refused at the first sign, in milliseconds (100,000 `[` once took 91 s and crashed).
    @Test func limitsAreEnforcedBeforeTheyCost() throws {
        #expect { try YAMLNode.load("a: " + String(repeating: "[", count: 100_000)) } throws: { error in
            (error as? YAMLError)?.message == "nesting deeper than 64 levels is not accepted"
        }
        let block = (0..<80).map { String(repeating: "  ", count: $0) + "- \n" }.joined()
        #expect(throws: YAMLError.self) { try YAMLNode.load("a:\n" + block) }
        #expect(try YAMLNode.load("a: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63)) != nil, "63 levels under the root are fine")
        #expect { try YAMLNode.load("a: " + String(repeating: "x", count: 65_537)) } throws: { error in
            (error as? YAMLError)?.message.hasPrefix("a value of 65537 bytes") == true
        }
        #expect(try YAMLNode.load("a: " + String(repeating: "x", count: 65_536))?.mapping?.first?.value.scalar?.count == 65_536)
        #expect { try YAMLNode.load("# " + String(repeating: "x", count: 1 << 20)) } throws: { error in
            (error as? YAMLError)?.message.hasSuffix("at most 1048576 (1 MiB) are read") == true
        }
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
