import TemplateSupport
import Testing
@testable import IDPCore

/// What GitHub says of a pull request or branch, folded into the lifecycle decision.
@Suite struct SourceStateTests {
    @Test func aKeptEnvironmentWhosePullRequestClosedIsDestroyed() {
        let keep = LifecycleDecision.keep(secondsLeft: 3_600)
        #expect(keep.reconciled(with: .closed(pullRequest: 7, merged: false)) == .outlived("pull request #7 was closed"))
        #expect(keep.reconciled(with: .closed(pullRequest: 7, merged: true)) == .outlived("pull request #7 was merged"))
        #expect(keep.reconciled(with: .branchDeleted("feature/x")) == .outlived(#"branch "feature/x" no longer exists"#))
        #expect(LifecycleDecision.outlived("x").destroys && LifecycleDecision.outlived("x").action == "destroy")
    }

    @Test func anUnknownOrOpenStateChangesNothing() {
        let keep = LifecycleDecision.keep(secondsLeft: 3_600)
        #expect(keep.reconciled(with: .open) == keep)
        #expect(keep.reconciled(with: .unknown) == keep)
    }

    @Test func onlyAKeptEnvironmentIsReconsidered() {
        // A destroy under way, a record a person must read, one already handed over: as they were.
        for decision in [LifecycleDecision.wait(destroyingFor: 60), .report("unreadable"), .destroy(expiredFor: 5), .none, .abandoned(provisioningFor: 9_000)] {
            #expect(decision.reconciled(with: .closed(pullRequest: 1, merged: false)) == decision)
        }
    }

    @Test func onlyAProvablyOlderCommitSkipsTheApply() {
        #expect(CommitOrder.behind.skipsApply)
        #expect(!CommitOrder.ahead.skipsApply && !CommitOrder.identical.skipsApply && !CommitOrder.diverged.skipsApply)
    }
}

/// The keep label: an expired environment of a labelled pull request is held, within its lifetime.
@Suite struct KeepLabelTests {
    static let now = Timestamp(iso8601: "2026-12-01T10:00:00Z")!

    static func record(createdDaysAgo days: Int) -> EnvironmentRecord {
        EnvironmentRecord(name: try! EnvironmentName("preview-pay"), template: .apiService, owner: "walt", repository: "acme/shop",
                          branch: "feature/pay", pullRequest: 7, image: nil, ttl: try! TTL.parse("3d", maximum: nil),
                          now: now.adding(seconds: -days * 86_400))
    }

    @Test func anExpiredEnvironmentWithTheKeepLabelIsHeld() {
        let expired = LifecycleDecision.destroy(expiredFor: 7 * 86_400)
        let held = expired.reconciled(with: .kept(label: "preview:keep"), record: Self.record(createdDaysAgo: 10), now: Self.now)
        #expect(held == .held(#"expired 7d ago, kept by the label "preview:keep" for at most 20d more"#))
        #expect(!held.destroys && held.action == "keep")
    }

    @Test func theMaximumLifetimeStillBinds() {
        let expired = LifecycleDecision.destroy(expiredFor: 28 * 86_400)
        var policy = LifecyclePolicy()
        #expect(expired.reconciled(with: .kept(label: "preview:keep"), record: Self.record(createdDaysAgo: 31), now: Self.now, policy: policy) == expired)
        policy.maxLifetime = 7 * 86_400
        #expect(LifecycleDecision.destroy(expiredFor: 86_400).reconciled(with: .kept(label: "k"), record: Self.record(createdDaysAgo: 8), now: Self.now,
                                                                         policy: policy) == .destroy(expiredFor: 86_400))
    }

    @Test func theLabelNeitherDestroysNorHoldsAnythingElse() {
        let keep = LifecycleDecision.keep(secondsLeft: 60)
        #expect(keep.reconciled(with: .kept(label: "k"), record: Self.record(createdDaysAgo: 1), now: Self.now) == keep)
        let expired = LifecycleDecision.destroy(expiredFor: 60)
        #expect(expired.reconciled(with: .open, record: Self.record(createdDaysAgo: 4), now: Self.now) == expired)
        #expect(expired.reconciled(with: .kept(label: "k")) == expired, "without the record the lifetime is unknown: destroyed as before")
    }
}
