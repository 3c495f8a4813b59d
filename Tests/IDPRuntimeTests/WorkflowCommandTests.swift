import IDPCore
import Testing
import TestSupport
@testable import IDPRuntime

@Suite struct WorkflowCommandTests {
    @Test(arguments: ["plain", "50% done", "line1\nline2", "cr\r\nlf", "%0A literal", "a:b,c", "%%25"])
    func escapingRoundTripsThroughTheRunner(_ text: String) {
        #expect(RunnerCommandParser.unescapeData(WorkflowCommand.escapeData(text)) == text)
        #expect(RunnerCommandParser.unescapeProperty(WorkflowCommand.escapeProperty(text)) == text)
        #expect(!WorkflowCommand.escapeData(text).contains("\n"))
    }

    @Test func annotationCarriesOnlyKnownPropertiesWithColumnsOnlyBesideALine() throws {
        let located = Diagnostic(code: "ttl.unit", message: "bad\nvalue 100%",
                                 location: SourceLocation(file: ".idp/config.yml", line: 3, column: 6))
        let line = WorkflowCommand.annotation(for: located, tool: "idp-validate")
        let parsed = try #require(RunnerCommandParser.parse(line))
        #expect(parsed.name == "error")
        #expect(parsed.properties == ["title": "idp-validate [ttl.unit]", "file": ".idp/config.yml", "line": "3", "col": "6"])
        #expect(parsed.data == "bad\nvalue 100%")

        let columnOnly = Diagnostic(.warning, code: "x", message: "m", location: SourceLocation(file: "f", column: 2), subject: "--ttl")
        let bare = try #require(RunnerCommandParser.parse(WorkflowCommand.annotation(for: columnOnly, tool: "t")))
        #expect(bare.name == "warning" && bare.properties["col"] == nil && bare.data == "--ttl: m")
    }

    @Test func longMessagesAreCutToGitHubsLimit() throws {
        let d = Diagnostic(code: "x", message: String(repeating: "a", count: 5000))
        let parsed = try #require(RunnerCommandParser.parse(WorkflowCommand.annotation(for: d, tool: "t")))
        #expect(parsed.data.count == WorkflowCommand.maxMessageLength)
    }
}
