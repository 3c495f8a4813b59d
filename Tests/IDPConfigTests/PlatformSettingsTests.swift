import TemplateSupport
import Foundation
import Testing
@testable import IDPConfig
import IDPCore
import TestSupport

/// `platform.yml` cases: `Fixtures/settings/<kind>/x.yml` beside the expected `x.out` (the outputs
/// a workflow gets for valid files, the rendered diagnostics for invalid ones).
@Suite struct PlatformSettingsTests {
    @Test(arguments: Golden.cases("settings/valid", ext: "yml"))
    func validFilesGiveEveryOutput(_ file: URL) throws {
        let (settings, problems) = try parse(file)
        #expect(problems.isEmpty, "\(problems)")
        let text = settings.outputs.map { "\($0.0)=\($0.1)\n" }.joined()
        #expect(try Golden.mismatch(text, against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
    }

    @Test(arguments: Golden.cases("settings/invalid", ext: "yml"))
    func invalidFilesReportEveryProblemWithItsPlace(_ file: URL) throws {
        let (_, problems) = try parse(file)
        #expect(problems.hasErrors)
        #expect(problems.allSatisfy { $0.location?.line != nil }, "every problem is located")
        let text = problems.map { $0.rendered(tool: "test") + "\n" }.joined()
        #expect(try Golden.mismatch(text, against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
    }

    /// templates: offers templates by name: an opt_in one only when listed; a name this release
    /// lacks is a warning (a newer release's template), a list it must be.
    @Test func templatesOffersThemByName() throws {
        let minimal = try String(contentsOf: Golden.fixtures().appendingPathComponent("settings/valid/minimal.yml"), encoding: .utf8)
        let catalog = ShippedTemplates.catalog
        let (plain, none) = PlatformSettings.parse(yaml: minimal, path: "p.yml", templates: catalog)
        #expect(none.isEmpty && plain.templates == nil && plain.allows(.apiService) && !plain.allows(ShippedTemplates.named("static-site")))
        let (listed, problems) = PlatformSettings.parse(yaml: minimal + "templates: [api-service, static-site, queue-worker]\n", path: "p.yml", templates: catalog)
        #expect(listed.allows(ShippedTemplates.named("static-site")) && !listed.allows(.apiDatabase))
        #expect(problems.map(\.severity) == [.warning] && problems.first?.message.contains("\"queue-worker\" is not a template of this release") == true, "\(problems)")
        let (_, wrong) = PlatformSettings.parse(yaml: minimal + "templates: static-site\n", path: "p.yml", templates: catalog)
        #expect(wrong.map(\.code) == ["settings.type"] && wrong.first?.location?.line != nil)
    }

    @Test func everyExpectedFileHasItsInput() {
        #expect(Golden.orphans("settings/valid", ext: "yml").isEmpty && Golden.orphans("settings/invalid", ext: "yml").isEmpty)
    }

    /// The file the platform repository ships is the one the reusable workflows read.
    @Test func theShippedSettingsAreValid() throws {
        let path = ToolProcess.packageRoot.appendingPathComponent("platform.yml")
        let (settings, problems) = PlatformSettings.parse(yaml: try String(contentsOf: path, encoding: .utf8), path: "platform.yml")
        #expect(problems.isEmpty, "\(problems)")
        #expect(settings.tofuVersion != nil && settings.roleARN != nil)
    }

    /// The sections hold more than one value each and are read by the tools, not turned into outputs.
    @Test func guardrailsAndPricingAreRead() throws {
        let (settings, problems) = try parse(Golden.fixtures().appendingPathComponent("settings/valid/guardrails.yml"))
        #expect(problems.isEmpty, "\(problems)")
        let limits = settings.guardrails
        #expect(limits.maxEnvironmentsPerRepository == 10 && limits.maxEnvironmentsPerOwner == 3)
        #expect(limits.maxMonthlyCostPerRepository == 250.5 && limits.maxLifetime.description == "14d")
        #expect(limits.maxTTL[.apiDatabase]?.description == "3d" && limits.maxTTL[.scheduledWorker]?.description == "2d")
        let (prices, basis) = settings.prices
        #expect(prices.fargateVCPUHour == 0.0445 && prices.rdsInstanceHour["db.t4g.micro"] == 0.018 && prices.workerRunMinutes == 2)
        #expect(prices.natGatewayHour == Prices.forRegion("us-east-1").prices.natGatewayHour, "unset figures keep the fallback")
        #expect(basis == "us-east-1 list prices (none for ap-south-2) with platform.yml pricing")
    }

    @Test func runnersMirrorsAndArchitectureAreRead() throws {
        let (settings, problems) = try parse(Golden.fixtures().appendingPathComponent("settings/valid/hosting.yml"))
        #expect(problems.isEmpty, "\(problems)")
        #expect(settings.runners.choice(workflow: "destroy.yml", job: "destroy") == RunnerChoice(group: "idp runners", labels: ["self-hosted", "linux", "x64"]))
        #expect(settings.runners.choice(workflow: "provision.yml", job: "build").yaml == "{ group: idp-arm64, labels: [self-hosted, linux, ARM64] }")
        #expect(settings.runners.choice(workflow: "provision.yml", job: "prepare").yaml == "{ group: \"idp runners\", labels: [self-hosted, linux, x64] }")
        #expect(settings.cpuArchitecture == .arm64 && settings.mirrors.providers == "https://artifacts.example.com/providers/")
        #expect(PlatformSettings().runners.choice(workflow: "provision.yml", job: "build") == .githubHosted, "without the section: ubuntu-24.04 everywhere")
    }

    @Test func pullRequestControlsAreRead() throws {
        let (settings, problems) = try parse(Golden.fixtures().appendingPathComponent("settings/valid/pull-requests.yml"))
        #expect(problems.isEmpty, "\(problems)")
        let controls = settings.pullRequests
        #expect(controls.creation == .label && controls.label == "env: preview" && controls.keepLabel == "env: keep")
        #expect(controls.expiryWarning.description == "2d")
        #expect(PlatformSettings().pullRequests == PullRequestControls(), "without the section: every pull request, preview and preview:keep, 24h")
    }

    @Test func sleepRangesAreReadAndTheirZonesAskedFor() throws {
        let file = Golden.fixtures().appendingPathComponent("settings/valid/sleep.yml")
        var asked: [String] = []
        let (settings, problems) = PlatformSettings.parse(yaml: try String(contentsOf: file, encoding: .utf8), path: "platform.yml") { zone in
            asked.append(zone)
            return zone != "America/New_York"
        }
        #expect(asked == ["Europe/Berlin", "America/New_York"])
        #expect(settings.sleep?.ranges.map(\.zone) == ["Europe/Berlin"])
        #expect(problems.map { $0.rendered(tool: "test") } == [
            #"platform.yml:10:7: error: time zone "America/New_York" is not in the IANA time zone database; expected a name such as "Europe/Berlin" or "America/New_York" [timezone.invalid]"#,
        ])
    }

    private func parse(_ file: URL) throws -> (PlatformSettings, [Diagnostic]) {
        PlatformSettings.parse(yaml: try String(contentsOf: file, encoding: .utf8), path: file.lastPathComponent, templates: ShippedTemplates.catalog)
    }
}
