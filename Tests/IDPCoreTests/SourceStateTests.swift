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
