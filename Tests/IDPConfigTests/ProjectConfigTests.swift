import TemplateSupport
import Foundation
import Testing
@testable import IDPConfig
import IDPCore
import TestSupport

/// Each `Fixtures/config/<kind>/x.yml` is a case; `x.out` beside it holds the expected result:
/// the effective config for valid files, the rendered diagnostics for invalid ones.
@Suite struct ProjectConfigTests {
    @Test(arguments: Golden.cases("config/valid", ext: "yml"))
    func validFilesParseCleanly(_ file: URL) throws {
        let (config, problems) = try parse(file)
        #expect(!problems.hasErrors, "\(problems)")
        #expect(try Golden.mismatch(dump(config), against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
    }

    @Test(arguments: Golden.cases("config/invalid", ext: "yml"))
    func invalidFilesReportEveryProblem(_ file: URL) throws {
        let (_, problems) = try parse(file)
        #expect(problems.hasErrors)
        #expect(problems.allSatisfy { $0.location?.line != nil && $0.location?.column != nil }, "every problem is located")
        let text = problems.map { $0.rendered(tool: "test") + "\n" }.joined()
        #expect(try Golden.mismatch(text, against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
    }

    @Test func everyExpectedFileHasItsInput() {
        #expect(Golden.orphans("config/valid", ext: "yml").isEmpty && Golden.orphans("config/invalid", ext: "yml").isEmpty)
    }

    @Test func absentKeysTakeThePlatformDefaults() {
        let config = ProjectConfig()
        #expect(config.template == nil && ShippedTemplates.catalog.resolve(config.template) == .apiService && config.image == "nginx:alpine" && config.containerPort == 80)
        #expect(config.ttl.description == "7d" && config.cpu == 256 && config.memory == 512)
        #expect(config.effectiveLogRetentionDays == 7)
    }

    /// A key another template declares is named as that template's, a warning: switching
    /// templates back and forth needs no edit of the other keys.
    @Test func anotherTemplatesKeyIsAWarningNamingItsTemplate() {
        let (config, problems) = ProjectConfig.parse(yaml: "site_directory: dist\n", path: "c.yml", templates: ShippedTemplates.catalog)
        #expect(problems.map(\.code) == ["config.setting-unused"] && !problems.hasErrors && config.settings.isEmpty)
        #expect(problems.first?.message == "\"site_directory\" is used only by template \"static-site\", not \"api-service\"")
    }

    @Test func everyDocumentedKeyIsKnown() {
        let yaml = ProjectConfig.keys.map { "\($0): ~" }.joined(separator: "\n")
        let (_, problems) = ProjectConfig.parse(yaml: yaml, path: "all.yml", templates: ShippedTemplates.catalog)
        #expect(!problems.contains { $0.code == "config.unknown-key" })
    }

    private func parse(_ file: URL) throws -> (ProjectConfig, [Diagnostic]) {
        ProjectConfig.parse(yaml: try String(contentsOf: file, encoding: .utf8), path: file.lastPathComponent, templates: ShippedTemplates.catalog)
    }

    private func dump(_ c: ProjectConfig) -> String {
        """
        template: \(c.template?.rawValue ?? "(default)")
        image: \(c.image)
        container_port: \(c.containerPort)
        health_check_path: \(c.healthCheckPath)
        ttl: \(c.ttl)
        cpu: \(c.cpu)
        memory: \(c.memory)
        log_retention_days: \(c.effectiveLogRetentionDays)
        dockerfile: \(c.dockerfile)
        build_context: \(c.buildContext)
        environment: \(c.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        secrets: \(c.secrets.keys.sorted().joined(separator: " "))
        schedule: \(c.schedule ?? "-")

        """ + (c.settings.isEmpty ? "" : "template's own: " + c.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rendered(pretty: false))" }.joined(separator: " ") + "\n")
    }
}
