import TemplateSupport
import Testing
@testable import IDPCore

@Suite struct AWSLimitsTests {
    @Test(arguments: [(256, 512), (256, 2048), (512, 4096), (1024, 2048), (4096, 30720), (8192, 16384), (16384, 122880)])
    func allowsFargatePairs(_ cpu: Int, _ memory: Int) {
        #expect(FargateSize.check(cpu: cpu, memory: memory) == nil)
    }

    @Test(arguments: [(256, 4096), (512, 512), (1024, 1024), (8192, 18432), (300, 512)])
    func refusesOtherPairs(_ cpu: Int, _ memory: Int) {
        #expect(FargateSize.check(cpu: cpu, memory: memory) != nil)
    }

    @Test(arguments: [("2h", 1), ("24h", 1), ("25h", 3), ("3d", 3), ("4d", 5), ("7d", 7), ("10d", 14), ("30d", 30)])
    func retentionCoversTheTTL(_ ttl: String, _ days: Int) throws {
        #expect(LogRetention.covering(try TTL.parse(ttl)) == days)
    }

    @Test func retentionValuesAreCloudWatchs() {
        #expect(LogRetention.check(14) == nil)
        #expect(LogRetention.check(10) == .value(10))
    }

    @Test func variableNames() {
        #expect(ContainerRules.isVariableName("NODE_ENV"))
        #expect(ContainerRules.isVariableName("_x1"))
        #expect(!ContainerRules.isVariableName("1X"))
        #expect(!ContainerRules.isVariableName("A-B"))
        #expect(!ContainerRules.isVariableName(""))
    }

    @Test func templatesSuggestCloseNames() {
        let names = ShippedTemplates.catalog.templates.map(\.rawValue)
        #expect(closestMatch(to: "api-servce", in: names) == "api-service")
        #expect(closestMatch(to: "lambda", in: names) == nil)
        #expect(Template.apiDatabase.timeoutMinutes > 30)
    }
}
