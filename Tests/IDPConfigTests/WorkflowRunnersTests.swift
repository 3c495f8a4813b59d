import Foundation
import Testing
@testable import IDPConfig
import IDPCore
import TestSupport

/// `runs-on:` against platform.yml's `runners:`: `Fixtures/workflows/provision.yml` checked and
/// rendered (the problems in `provision.out`, the rewritten file in `provision.rendered.yml`).
@Suite struct WorkflowRunnersTests {
    static let runners: RunnerSettings = {
        var runners = RunnerSettings()
        runners.default = RunnerChoice(group: "idp", labels: ["self-hosted", "linux"])
        runners.build = RunnerChoice(labels: ["ubuntu-24.04-arm"])
        return runners
    }()

    @Test func literalRunnersAreCheckedAndRendered() throws {
        let file = Golden.fixtures().appendingPathComponent("workflows/provision.yml")
        let result = WorkflowRunners.check(yaml: try String(contentsOf: file, encoding: .utf8), name: "provision.yml",
                                           path: "provision.yml", runners: Self.runners)
        let text = result.problems.map { $0.rendered(tool: "test") + "\n" }.joined()
        #expect(try Golden.mismatch(text, against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
        let rendered = try #require(result.rewritten)
        #expect(try Golden.mismatch(rendered, against: file.deletingLastPathComponent().appendingPathComponent("provision.rendered.yml")) == nil)
        #expect(result.changes == ["jobs.prepare: ubuntu-24.04 -> { group: idp, labels: [self-hosted, linux] }",
                                   "jobs.build: ubuntu-24.04 -> ubuntu-24.04-arm",
                                   "jobs.quoted: ubuntu-22.04 -> { group: idp, labels: [self-hosted, linux] }"])
        // Rendering twice changes nothing more: the rendered file only keeps what cannot be rendered.
        let again = WorkflowRunners.check(yaml: rendered, name: "provision.yml", path: "provision.yml", runners: Self.runners)
        #expect(again.rewritten == nil && again.problems.map(\.code) == ["runners.caller-chosen", "runners.caller-chosen", "runners.multi-line"])
    }

    /// Outside a called workflow, the repository's own `vars` are the platform's: an expression is left alone.
    @Test func ownWorkflowsMayReadTheirVariables() {
        let yaml = "on: push\njobs:\n  a:\n    runs-on: ${{ vars.RUNNER || 'ubuntu-24.04' }}\n    steps: [{ run: echo }]\n"
        #expect(WorkflowRunners.check(yaml: yaml, name: "ci.yml", path: "ci.yml", runners: RunnerSettings()).problems.isEmpty)
        let called = yaml.replacingOccurrences(of: "on: push", with: "on: [workflow_call]")
        #expect(WorkflowRunners.check(yaml: called, name: "x.yml", path: "x.yml", runners: RunnerSettings()).problems.map(\.code) == ["runners.caller-chosen"])
    }

    /// A value is replaced from its column to the end of the line, before any comment.
    @Test(arguments: [
        ("    runs-on: ubuntu-24.04", 14, "    runs-on: X"),
        ("    runs-on: ubuntu-24.04   # why", 14, "    runs-on: X   # why"),
        ("    runs-on: \"a # b\" # c", 14, "    runs-on: X # c"),
        ("    runs-on: [a, b]#no space, so part of the value", 14, "    runs-on: X"),
    ])
    func valuesAreReplacedBeforeComments(_ line: String, _ column: Int, _ expected: String) {
        #expect(WorkflowRunners.replaceValue(in: line, column: column, with: "X") == expected)
    }

    /// The workflows this repository ships follow the platform.yml it ships.
    @Test func theShippedWorkflowsFollowTheShippedRunners() throws {
        let root = ToolProcess.packageRoot
        let (settings, problems) = PlatformSettings.parse(yaml: try String(contentsOf: root.appendingPathComponent("platform.yml"), encoding: .utf8), path: "platform.yml")
        #expect(problems.isEmpty)
        let folder = root.appendingPathComponent(".github/workflows")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".yml") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let result = WorkflowRunners.check(yaml: text, name: name, path: name, runners: settings.runners)
            #expect(result.problems.isEmpty && result.rewritten == nil, "\(name): \(result.problems)")
        }
    }
}
