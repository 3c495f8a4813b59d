import TemplateSupport
import Testing
@testable import IDPCore

/// The platform's limits on what `idp-ttl create` may add, each refusal naming the limit, the
/// current figure and how to free room.
@Suite struct GuardrailsTests {
    let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!

    func record(_ name: String, repository: String = "acme/shop", owner: String = "alice", cost: Double? = 0.05,
                status: EnvironmentRecord.Status = .active, template: TemplateName = .apiService, ttl: String = "7d") -> EnvironmentRecord {
        var r = EnvironmentRecord(name: try! EnvironmentName(name), template: template, owner: owner, repository: repository,
                                  branch: name, pullRequest: nil, image: nil, ttl: try! TTL.parse(ttl), now: now)
        r.status = status
        r.costPerHour = cost
        return r
    }

    @Test func noLimitsRefuseNothing() {
        let live = (1...50).map { record("env-\($0)") }
        #expect(Guardrails().problems(record("new"), existing: live).isEmpty)
    }

    @Test func repositoryCountCountsOnlyItsLiveEnvironments() {
        var limits = Guardrails()
        limits.maxEnvironmentsPerRepository = 2
        let existing = [record("a"), record("b", status: .destroyed), record("c", repository: "acme/web"), record("d", status: .failed)]
        let problems = limits.problems(record("new"), existing: existing)
        #expect(problems.map(\.code) == ["guardrail.repository"])
        #expect(problems.first?.message == "acme/shop already has 2 environments, the most max_environments_per_repository allows (2); "
            + "destroy one to make room (see idp-ttl list --repository acme/shop), or raise the limit in platform.yml")
        #expect(limits.problems(record("new"), existing: Array(existing.prefix(3))).isEmpty)
    }

    @Test func ownerCount() {
        var limits = Guardrails()
        limits.maxEnvironmentsPerOwner = 1
        let problems = limits.problems(record("new"), existing: [record("a", repository: "acme/web")])
        #expect(problems.map(\.code) == ["guardrail.owner"])
        #expect(problems.first?.message.contains("alice already has 1 environment,") == true)
        #expect(problems.first?.message.contains("idp-ttl list --owner alice") == true)
    }

    @Test func monthlySpendIncludesTheNewEnvironment() {
        var limits = Guardrails()
        limits.maxMonthlyCostPerRepository = 100
        // 2 × $0.05 an hour = $73.00 a month; the new one's $0.05 brings it to $109.50.
        let existing = [record("a"), record("b"), record("c", cost: nil)]
        let problems = limits.problems(record("new"), existing: existing)
        #expect(problems.map(\.code) == ["guardrail.cost"])
        #expect(problems.first?.message == "acme/shop's environments are estimated at $73.00 a month; with new ($36.50) that is $109.50, "
            + "over max_monthly_cost_per_repository ($100.00); destroy one to make room (see idp-ttl list --repository acme/shop), "
            + "or raise the limit in platform.yml")
        #expect(limits.problems(record("new", cost: 0.01), existing: existing).isEmpty)
    }

    /// A push to a live environment: another template is refused whatever the limits; a raise past
    /// the repository's monthly cap is refused, naming both figures and the overshoot; a push that
    /// keeps or lowers the cost never is.
    @Test func pushesMayNotChangeTheTemplateNorRaiseTheCostPastTheCap() {
        let worker = record("preview-w", cost: 0.005, template: .scheduledWorker)
        let changed = Guardrails().pushProblems(worker, template: .apiDatabase, perHour: 0.005, existing: [worker])
        #expect(changed.map(\.code) == ["template.changed"])
        #expect(changed.first?.message.hasPrefix("preview-w was created as scheduled-worker and .idp/config.yml now asks for api-database") == true)
        var limits = Guardrails()
        limits.maxMonthlyCostPerRepository = 100
        let live = record("preview-a", cost: 0.05)
        let others = [live, record("b", cost: 0.05), record("c", repository: "acme/web", cost: 5)]
        // $36.50 + $36.50 a month today; the push asks $3.00 an hour ($2,190.00 a month).
        let raised = limits.pushProblems(live, template: .apiService, perHour: 3, existing: others)
        #expect(raised.map(\.code) == ["guardrail.cost"])
        #expect(raised.first?.message == "this push raises preview-a's estimate from $36.50 to $2,190.00 a month; with acme/shop's other environments "
            + "($36.50) that is $2,226.50, $2,126.50 over max_monthly_cost_per_repository ($100.00), so it was not applied and preview-a runs as it was; "
            + "lower cpu or memory in .idp/config.yml, destroy another environment (see idp-ttl list --repository acme/shop), or raise the limit in platform.yml",
                "\(raised.first?.message ?? "")")
        #expect(limits.pushProblems(live, template: .apiService, perHour: 0.05, existing: others).isEmpty, "keeps the cost")
        #expect(limits.pushProblems(live, template: .apiService, perHour: 0.01, existing: others).isEmpty, "lowers it")
        #expect(limits.pushProblems(live, template: .apiService, perHour: 0.08, existing: others).isEmpty, "a raise within the cap")
        #expect(Guardrails().pushProblems(live, template: .apiService, perHour: 3, existing: others).isEmpty, "no cap, no refusal")
    }

    @Test func templateTTL() throws {
        var limits = Guardrails()
        limits.maxTTL[.apiDatabase] = try TTL.parse("3d")
        #expect(limits.problems(record("new", template: .apiDatabase, ttl: "3d"), existing: []).isEmpty)
        let problems = limits.problems(record("new", template: .apiDatabase, ttl: "7d"), existing: [])
        #expect(problems.map(\.code) == ["guardrail.ttl"])
        #expect(problems.first?.message == "ttl 7d is longer than max_ttl for api-database (3d); ask for at most 3d, or raise the limit in platform.yml")
        #expect(limits.problems(record("new", template: .apiService, ttl: "7d"), existing: []).isEmpty)
    }

    /// An extension asked for beyond the template's limit is held to it; within it, or for another
    /// template, it is what was asked.
    @Test func extensionsAreHeldToTheTemplateLimit() throws {
        var limits = Guardrails()
        limits.maxTTL[.apiDatabase] = try TTL.parse("2d")
        #expect(limits.extensionTTL(try TTL.parse("5d"), template: .apiDatabase) == (try TTL.parse("2d"), true))
        #expect(limits.extensionTTL(try TTL.parse("1d"), template: .apiDatabase) == (try TTL.parse("1d"), false))
        #expect(limits.extensionTTL(try TTL.parse("5d"), template: .apiService) == (try TTL.parse("5d"), false))
        #expect(limits.extensionTTL(nil, template: .apiDatabase) == (nil, false), "no --ttl: the TTL asked at creation")
    }

    /// A re-run for an environment that already exists is not a new one.
    @Test func theCandidateItselfIsNotCounted() {
        var limits = Guardrails()
        limits.maxEnvironmentsPerRepository = 1
        #expect(limits.problems(record("a"), existing: [record("a")]).isEmpty)
    }
}
