import Foundation
import Testing
@testable import IDPConfig
import IDPCore
import TemplateSupport
import TestSupport

/// Each `Fixtures/templates/<kind>/x.yml` is a template declaration; `x.out` beside it holds what
/// the tools read from it (valid) or every problem, located (invalid).
@Suite struct TemplateDeclarationTests {
    @Test(arguments: Golden.cases("templates/valid", ext: "yml"))
    func validDeclarationsParseCleanly(_ file: URL) throws {
        let (declaration, problems) = TemplateDeclaration.parse(yaml: try String(contentsOf: file, encoding: .utf8), path: file.lastPathComponent)
        #expect(problems.isEmpty, "\(problems)")
        #expect(try Golden.mismatch(dump(declaration), against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
    }

    @Test(arguments: Golden.cases("templates/invalid", ext: "yml"))
    func invalidDeclarationsReportEveryProblem(_ file: URL) throws {
        let (_, problems) = TemplateDeclaration.parse(yaml: try String(contentsOf: file, encoding: .utf8), path: file.lastPathComponent)
        #expect(problems.hasErrors)
        #expect(problems.allSatisfy { $0.location?.line != nil }, "every problem is located")
        let text = problems.map { $0.rendered(tool: "test") + "\n" }.joined()
        #expect(try Golden.mismatch(text, against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
    }

    @Test func everyExpectedFileHasItsInput() {
        #expect(Golden.orphans("templates/valid", ext: "yml").isEmpty && Golden.orphans("templates/invalid", ext: "yml").isEmpty)
    }

    /// The shipped declarations are the valid cases too: the four templates, one default.
    @Test func theShippedTemplatesAreFourWithOneDefault() {
        let catalog = ShippedTemplates.catalog
        #expect(catalog.templates.map(\.rawValue) == ["api-database", "api-service", "scheduled-worker", "static-site"])
        #expect(catalog.defaultTemplate?.rawValue == "api-service")
        #expect(catalog.template(TemplateName(rawValue: "static-site")!)?.declaration.enforcedAccess == ["public"])
        #expect(catalog.template(TemplateName(rawValue: "scheduled-worker")!)?.declaration.enforcedAccess == nil, "a worker serves no URL")
    }

    /// What a declaration says, one fact a line.
    private func dump(_ d: TemplateDeclaration) -> String {
        var lines = ["description: \(d.description)", "default: \(d.isDefault)", "opt_in: \(d.optIn)", "timeout_minutes: \(d.timeoutMinutes)",
                     "workload: \(d.workload.rawValue)", "load_balancer: \(d.loadBalancer)",
                     "access: \(d.enforcedAccess?.joined(separator: ", ") ?? "(no URL)")"]
        for s in d.settings {
            lines.append("setting \(s.key) → \(s.variable): \(s.accepted), default \(s.defaultValue?.rendered(pretty: false) ?? "none")\(s.required ? ", required" : "")")
        }
        lines.append("cost: \(d.cost.alarmMetrics) alarm metrics, fixed \(d.cost.fixedMonthly) a month"
                     + (d.cost.database.map { ", database \($0.instanceClass) \($0.storageGB) GB \($0.secrets) secrets" } ?? ""))
        let targets = d.sleepTargets(for: try! EnvironmentName("preview-x"))
        lines.append("sleep: services \(targets.services), database \(targets.database ?? "-"), rule \(targets.rule ?? "-"), alarms \(targets.alarms)")
        lines.append("outputs: \(d.outputs.joined(separator: ", "))")
        return lines.joined(separator: "\n") + "\n"
    }
}
