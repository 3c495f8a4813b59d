import TemplateSupport
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore
@testable import IDPPlatform

/// Sleep's run over every environment, as a function of the store and a clock, against moto: a run
/// whose budget is spent leaves the rest for the next, which starts with them.
@Suite(.enabled(if: Moto.available)) struct SleepRunTests {
    let store: EnvironmentStore
    let client: AWSClient
    let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!

    init() throws {
        client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        let s3 = S3Client(client: client, bucket: Moto.uniqueName("state"))
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
        store = EnvironmentStore(s3: s3, sleep: { _ in })
    }

    /// A clock that moves one second each time it is read, as slow GitHub answers would move it.
    final class Ticking: @unchecked Sendable {
        var time: Timestamp
        init(_ start: Timestamp) { time = start }
        func read() -> Timestamp { time = time.adding(seconds: 1); return time }
    }

    func sleepRun(budget seconds: Int64, clock: Ticking, log: @escaping (String) -> Void = { _ in }) -> SleepRun {
        SleepRun(store: store, resources: SleepResources(client: client), templates: ShippedTemplates.catalog, schedule: nil, zones: [:], now: now, dryRun: false,
                 caller: Caller(repository: "acme/mini-idp", platformRepository: "acme/mini-idp", inActions: true),
                 budget: RunBudget(start: now, seconds: seconds), clock: clock.read, isKept: { _ in false }, comment: { _, _ in },
                 log: log, report: { _ in })
    }

    @Test func aSpentBudgetLeavesTheRestForTheNextRunWhichStartsWithThem() throws {
        let records = try ["preview-a", "preview-b", "preview-c"].map {
            EnvironmentRecord(name: try EnvironmentName($0), template: .apiService, owner: "alice", repository: "acme/shop", branch: $0,
                              pullRequest: nil, image: nil, ttl: try TTL.parse("1d", maximum: nil), now: now)
        }
        let first = sleepRun(budget: 2, clock: Ticking(now)).run(records, visited: [:])
        #expect(first.visited == ["preview-a"] && first.postponed == ["preview-b", "preview-c"], "\(first.visited) \(first.postponed)")
        var visits = Visits()
        visits.record(first.visited, at: now, existing: Set(records.map(\.name.rawValue)))
        let second = sleepRun(budget: 2, clock: Ticking(now)).run(records, visited: visits.lastVisited)
        #expect(second.visited == ["preview-b"], "never visited before the one visited last time: \(second.visited)")
        let all = sleepRun(budget: 600, clock: Ticking(now)).run(records, visited: visits.lastVisited)
        #expect(all.visited == ["preview-b", "preview-c", "preview-a"] && all.postponed.isEmpty)
    }

    /// A template whose declaration stops nothing (static-site) is left alone, and so is one this
    /// platform no longer has (its record stays destroyable; its resources are unknown here).
    @Test func aTemplateWithNothingToStopIsLeftAlone() throws {
        let records = try [("preview-site", "static-site"), ("preview-gone", "retired-template")].map {
            EnvironmentRecord(name: try EnvironmentName($0.0), template: TemplateName(rawValue: $0.1)!, owner: "alice", repository: "acme/shop",
                              branch: $0.0, pullRequest: nil, image: nil, ttl: try TTL.parse("1d", maximum: nil), now: now)
        }
        var lines: [String] = []
        let outcome = sleepRun(budget: 600, clock: Ticking(now), log: { lines.append($0) }).run(records, visited: [:])
        #expect(outcome.unchanged == 2 && outcome.slept == 0 && outcome.failures.isEmpty)
        #expect(lines.sorted() == ["stay preview-gone: template retired-template has nothing sleep stops (no such template here)",
                                   "stay preview-site: template static-site has nothing sleep stops"], "\(lines)")
    }

    @Test func theFairOrderIsNeverVisitedThenLongestUnvisited() {
        let t = { (s: String) in Timestamp(iso8601: s)! }
        #expect(RunBudget.fairOrder(["c", "a", "b", "d"], lastVisited: ["a": t("2026-11-22T10:00:00Z"), "b": t("2026-11-22T09:00:00Z"), "d": t("2026-11-22T09:00:00Z")])
                == ["c", "b", "d", "a"])
        var visits = Visits(["gone": t("2026-11-01T00:00:00Z")])
        visits.record(["a"], at: t("2026-11-22T10:00:00Z"), existing: ["a", "b"])
        #expect(visits.lastVisited == ["a": t("2026-11-22T10:00:00Z")], "environments that no longer exist are forgotten")
        #expect(Visits(json: Array(visits.json.utf8)) == visits && Visits(json: Array("not json".utf8)) == Visits())
    }
}
