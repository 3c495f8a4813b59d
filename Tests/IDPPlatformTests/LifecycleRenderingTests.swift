import TemplateSupport
import IDPCore
import IDPPlatform
import Testing

/// The words and the matrix `scan`, `list` and the dashboard share, decided once in the library.
@Suite struct LifecycleRenderingTests {
    let now = Timestamp(iso8601: "2026-11-22T12:00:00Z")!

    func status(_ name: String, marked: Bool = false, deferred: Bool = false, decision: LifecycleDecision) -> EnvironmentStatus {
        let record = EnvironmentRecord(name: try! EnvironmentName(name), template: .apiDatabase, owner: "alice", repository: "acme/shop",
                                       branch: "feature/\(name)", pullRequest: 7, image: nil, ttl: try! TTL.parse("1h"), now: now.adding(seconds: -7200))
        var s = EnvironmentStatus(name: name, record: record, decision: decision)
        s.marked = marked
        s.deferred = deferred
        return s
    }

    @Test func nextActionWords() {
        #expect(status("preview-a", marked: true, decision: .destroy(expiredFor: 60)).nextAction() == "destroy")
        #expect(status("preview-a", marked: true, decision: .destroy(expiredFor: 60)).nextAction(dryRun: true) == "would destroy")
        #expect(status("preview-b", deferred: true, decision: .destroy(expiredFor: 60)).nextAction() == "deferred")
        #expect(status("preview-c", decision: .keep(secondsLeft: 60)).nextAction() == "keep")
    }

    @Test func theMatrixHoldsExactlyTheMarked() {
        let statuses = [status("preview-a", marked: true, decision: .destroy(expiredFor: 1)), status("preview-b", deferred: true, decision: .destroy(expiredFor: 1)),
                        status("preview-c", decision: .keep(secondsLeft: 1))]
        #expect(EnvironmentStatus.destroyMatrix(statuses).rendered(pretty: false) == #"{"include":[{"environment":"preview-a","template":"api-database"}]}"#)
    }

    @Test func theDashboardUsesTheSameWordsAndEscapesCells() {
        var odd = status("preview-a", marked: true, decision: .destroy(expiredFor: 60))
        odd.record?.owner = "eve|<b>"
        let markdown = Dashboard.markdown([odd], now: now, title: "Preview environments")
        #expect(markdown.contains("| preview-a | provisioning | api-database | eve\\|&lt;b&gt; |"), "\(markdown)")
        #expect(markdown.contains("| - | destroy |\n"), "a record without an estimate shows none")
        odd.record?.costPerHour = 0.05
        let priced = Dashboard.markdown([odd, status("preview-b", decision: .keep(secondsLeft: 60))], now: now, title: "Preview environments")
        #expect(priced.contains("| $1.20 | destroy |\n"))
        #expect(priced.hasSuffix("Estimated cost of the live environments: about $1.20 a day (list prices recorded at creation; traffic, data and logs not included).\n"))
    }

    /// The dashboard is an issue body: a branch named `x@acme/security` or `fix#1` must not mention a
    /// team or reference an issue every hour it is rewritten.
    @Test func theDashboardMentionsNoOneAndReferencesNothing() {
        var loud = status("preview-a", decision: .keep(secondsLeft: 60))
        loud.record?.branch = "x@acme/security"
        loud.record?.owner = "@octocat"
        loud.record?.repository = "acme/shop#1"
        let markdown = Dashboard.markdown([loud], now: now, title: "Preview environments")
        for mention in ["@acme/security", "@octocat", "shop#1"] {
            #expect(!markdown.contains(mention), "\(mention) would notify or link:\n\(markdown)")
        }
        #expect(markdown.contains("@\u{200B}octocat") && markdown.contains("x@\u{200B}acme/security"), "\(markdown)")
    }
}
