import Foundation
import IDPCore
import Testing
import TestSupport
@testable import IDPRuntime

@Suite struct EnvironmentFileTests {
    @Test(arguments: ["simple", "", "multi\nline\nvalue", "name=value", "a<<b", "ends with newline\n", "ünïcödé ✓"])
    func valuesSurviveTheRunnersParser(_ value: String) throws {
        let text = try EnvironmentFile.record(name: "out", value: value, delimiter: EnvironmentFile.makeDelimiter())
        let pairs = try RunnerFileParser.parse(text)
        #expect(pairs.count == 1 && pairs[0].0 == "out" && pairs[0].1 == value)
    }

    @Test(arguments: ["", "a=b", "a<<b"])
    func refusesNamesTheRunnerWouldMisread(_ name: String) {
        #expect(throws: OutputError.self) { try EnvironmentFile.record(name: name, value: "v", delimiter: "D") }
    }

    @Test func refusesAValueHoldingItsDelimiter() {
        #expect(throws: OutputError.self) { try EnvironmentFile.record(name: "n", value: "x\nD\ny", delimiter: "D") }
    }

    @Test func delimitersAreFreshEachTime() {
        #expect(EnvironmentFile.makeDelimiter() != EnvironmentFile.makeDelimiter())
        #expect(EnvironmentFile.makeDelimiter().hasPrefix("ghadelimiter_"))
    }

    @Test func appendKeepsEarlierStepsOutputs() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "earlier=1\n".write(toFile: path, atomically: true, encoding: .utf8)
        try EnvironmentFile.append([("a", "1"), ("b", "two\nlines")], to: path)
        let pairs = try RunnerFileParser.parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(pairs.map(\.0) == ["earlier", "a", "b"] && pairs[2].1 == "two\nlines")
    }
}
