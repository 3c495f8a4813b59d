import Foundation
import Testing
@testable import IDPCore
import TestSupport

/// Each `Fixtures/commands/x.txt` is a comment; `x.out` beside it holds what the parser makes of it.
@Suite struct PreviewCommandTests {
    static let maximum = try! TTL.parse("30d", maximum: nil)

    static func render(_ parsed: PreviewCommand.Parsed) -> String {
        switch parsed {
        case .notACommand: "not a command\n"
        case .command(.extend(let ttl)): "extend \(ttl)\n"
        case .command(let command): "\(command)\n"
        case .invalid(let error): "help, because: \(error.message) [\(error.code)]\n"
        }
    }

    @Test(arguments: Golden.cases("commands", ext: "txt"))
    func fixturesParseAsExpected(_ file: URL) throws {
        let comment = try String(contentsOf: file, encoding: .utf8)
        let parsed = PreviewCommand.parse(comment: comment, maximumTTL: Self.maximum)
        #expect(try Golden.mismatch(Self.render(parsed), against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
    }

    @Test func everyExpectedFileHasItsInput() {
        #expect(Golden.orphans("commands", ext: "txt").isEmpty)
    }

    @Test(arguments: PreviewCommand.examples)
    func documentedExamplesHold(_ example: (comment: String, command: PreviewCommand)) {
        #expect(PreviewCommand.parse(comment: example.comment, maximumTTL: Self.maximum) == .command(example.command))
    }

    @Test func onlyTheFirstLineCounts() {
        #expect(PreviewCommand.parse(comment: "thanks\n/preview destroy", maximumTTL: nil) == .notACommand)
        #expect(PreviewCommand.parse(comment: "", maximumTTL: nil) == .notACommand)
    }

    @Test func theHelpTextNamesEveryCommand() {
        for verb in ["extend <ttl>", "destroy", "status", "wake", "help"] {
            #expect(PreviewCommand.helpText.contains("/preview \(verb)"))
        }
    }
}
