import TemplateSupport
import Foundation
import Testing
@testable import IDPCore
import TestSupport

/// Golden tfvars per template from the example config: `Fixtures/tfvars/<template>.json`.
@Suite struct TFVarsTests {
    let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!

    @Test(arguments: ShippedTemplates.catalog.templates.map(\.rawValue))
    func matchesGoldenFile(_ name: String) throws {
        let template = ShippedTemplates.named(name)
        var config = ProjectConfig()
        config.environment = ["NODE_ENV": "preview"]
        config.schedule = template == .scheduledWorker ? "rate(1 hour)" : nil
        let vars = TFVars(TFVarsRequest(
            name: try EnvironmentName("preview-payment-api"), config: config, template: template,
            ttl: try TTL.parse("2h"), owner: "alice@example.com", repository: "acme/shop", now: now))
        #expect(vars.expiresAt.iso8601 == "2026-11-22T11:30:00Z")
        #expect(vars.logRetentionDays == 1)
        #expect(try Golden.mismatch(vars.json, against: Golden.fixtures().appendingPathComponent("tfvars/\(template.rawValue).json")) == nil)
    }

    @Test func configuredRetentionWinsAndCertificateIsPassedOn() throws {
        var config = ProjectConfig()
        config.logRetentionDays = 14
        let vars = TFVars(TFVarsRequest(
            name: try EnvironmentName("demo"), config: config, template: .apiService, certificateARN: ARN.validCertificateExamples[0],
            owner: "o", repository: "r/r", now: now))
        #expect(vars.variables["log_retention_days"] == .int(14))
        #expect(vars.variables["acm_certificate_arn"] == .string(ARN.validCertificateExamples[0]))
        #expect(vars.variables["schedule_expression"] == nil)
    }

    @Test func tagValuesKeepOnlyWhatAWSAccepts() {
        #expect(Tagging.tagValue("alice@example.com") == "alice@example.com")
        #expect(Tagging.tagValue("a;b|c\"d") == "a_b_c_d")
        #expect(Tagging.tagValue(String(repeating: "x", count: 300)).count == 256)
    }
}
