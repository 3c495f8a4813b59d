import TemplateSupport
import Testing
@testable import IDPCore

@Suite struct LifecycleDecisionTests {
    let created = Timestamp(iso8601: "2026-11-01T00:00:00Z")!

    func record(_ status: EnvironmentRecord.Status, ttl: String = "1d", changedAfter: Int = 0, attempts: Int = 0, failures: Int = 0) -> EnvironmentRecord {
        var r = EnvironmentRecord(
            name: try! EnvironmentName("preview-x"), template: .apiService, owner: "alice", repository: "acme/shop",
            branch: "feature/x", pullRequest: 7, image: nil, ttl: try! TTL.parse(ttl), now: created)
        r.status = status
        r.statusChangedAt = created.adding(seconds: changedAfter)
        r.destroyAttempts = attempts
        r.destroyFailures = failures
        return r
    }

    func at(hours: Int) -> Timestamp { created.adding(seconds: hours * 3600) }

    @Test func activeBeforeExpiryIsKept() {
        #expect(LifecycleDecision.decide(.success(record(.active)), now: at(hours: 23)) == .keep(secondsLeft: 3600))
    }

    @Test func expiredActiveIsDestroyed() {
        #expect(LifecycleDecision.decide(.success(record(.active)), now: at(hours: 24)) == .destroy(expiredFor: 0))
        #expect(LifecycleDecision.decide(.success(record(.failed)), now: at(hours: 30)).destroys)
        #expect(LifecycleDecision.decide(.success(record(.provisioning)), now: at(hours: 30)).destroys)
    }

    @Test func destroyingIsLeftAloneForTwoHoursThenRetried() {
        let destroying = record(.destroying, changedAfter: 24 * 3600, attempts: 1)
        #expect(LifecycleDecision.decide(.success(destroying), now: at(hours: 26)) == .wait(destroyingFor: 7200))
        #expect(LifecycleDecision.decide(.success(destroying), now: at(hours: 27)) == .retryDestroy(stuckFor: 10800))
    }

    @Test func failedDestroysAreRetriedUntilTheAttemptLimit() {
        #expect(LifecycleDecision.decide(.success(record(.destroyFailed, attempts: 1, failures: 1)), now: at(hours: 25)).destroys)
        let exhausted = LifecycleDecision.decide(.success(record(.destroyFailed, attempts: 3, failures: 3)), now: at(hours: 25))
        #expect(exhausted.action == "report" && !exhausted.destroys)
    }

    /// A tenant can start its own destroys and cancel each right after "Mark destroying": those
    /// starts are attempts, not failures, so the platform goes on destroying it.
    @Test func onlyDestroysThatRanAndFailedCountTowardTheLimit() {
        let cancelled = record(.destroyFailed, changedAfter: 24 * 3600, attempts: 3, failures: 0)
        #expect(LifecycleDecision.decide(.success(cancelled), now: at(hours: 25)) == .retryDestroy(stuckFor: 3600))
        let stuck = record(.destroying, changedAfter: 24 * 3600, attempts: 3, failures: 0)
        #expect(LifecycleDecision.decide(.success(stuck), now: at(hours: 27)) == .retryDestroy(stuckFor: 10800))
    }

    /// Past guardrails.max_lifetime the platform always destroys, even after a person was asked.
    @Test func pastTheMaximumLifetimeAFailedDestroyIsRetried() {
        var policy = LifecyclePolicy()
        policy.maxLifetime = 30 * 86_400
        let failing = record(.destroyFailed, changedAfter: 24 * 3600, attempts: 3, failures: 3)
        #expect(LifecycleDecision.decide(.success(failing), now: at(hours: 25), policy: policy).action == "report")
        #expect(LifecycleDecision.decide(.success(failing), now: at(hours: 30 * 24 + 1), policy: policy).destroys)
    }

    @Test func unreadableRecordsAreReportedNeverDestroyed() {
        let decision = LifecycleDecision.decide(.failure(.unreadable("not valid JSON")), now: at(hours: 1000))
        #expect(decision.action == "report")
        #expect(!decision.destroys)
    }

    /// api-service's job may run 20 minutes (its declaration, through the policy); after that and the
    /// hour's grace no run is left to mark it. Without its budget the longest one a template may declare counts.
    @Test func provisioningPastItsJobBudgetIsAbandoned() {
        let provisioning = record(.provisioning, ttl: "3d")
        var policy = LifecyclePolicy()
        policy.jobMinutes = ShippedTemplates.catalog.jobMinutes
        #expect(LifecycleDecision.decide(.success(provisioning), now: created.adding(seconds: 80 * 60), policy: policy) == .keep(secondsLeft: 3 * 86400 - 80 * 60))
        let abandoned = LifecycleDecision.decide(.success(provisioning), now: created.adding(seconds: 81 * 60), policy: policy)
        #expect(LifecycleDecision.decide(.success(provisioning), now: created.adding(seconds: 81 * 60)).action == "keep", "no budget known: 60 minutes")
        #expect(LifecycleDecision.decide(.success(provisioning), now: created.adding(seconds: 121 * 60)).action == "abandoned")
        #expect(abandoned == .abandoned(provisioningFor: 81 * 60) && !abandoned.destroys && abandoned.action == "abandoned")
        // Once expired it is destroyed like any other; an active record is never "abandoned".
        #expect(LifecycleDecision.decide(.success(provisioning), now: at(hours: 72)).destroys)
        #expect(LifecycleDecision.decide(.success(record(.active, ttl: "3d")), now: at(hours: 5)).action == "keep")
    }

    @Test func timestampsInTheFutureAreReportedNotActedOn() {
        var far = record(.destroying, attempts: 1)
        far.statusChangedAt = Timestamp(iso8601: "2099-01-01T00:00:00Z")!
        let decision = LifecycleDecision.decide(.success(far), now: at(hours: 30))
        #expect(decision.action == "report" && !decision.destroys)
        #expect(decision.explanation == "status_changed_at 2099-01-01T00:00:00Z is in the future; not acted on automatically")
        var early = record(.active)
        early.createdAt = at(hours: 30)
        #expect(LifecycleDecision.decide(.success(early), now: at(hours: 2)).action == "report")
        // A few minutes of clock skew between runners are fine.
        let skewed = record(.active, changedAfter: 240)
        #expect(LifecycleDecision.decide(.success(skewed), now: created).action == "keep")
    }

    /// A push extends what is alive; what is being destroyed or gone stays so.
    @Test func onlyLiveEnvironmentsAreExtended() throws {
        for status in [EnvironmentRecord.Status.provisioning, .active, .failed] {
            var r = record(status, ttl: "1d")
            try r.extend(by: nil, now: at(hours: 10))
            #expect(r.expiresAt == at(hours: 34), "\(status): the requested TTL from now")
        }
        for status in [EnvironmentRecord.Status.destroying, .destroyFailed, .destroyed] {
            var r = record(status)
            #expect(throws: TransitionError.notExtendable(name: "preview-x", status: status)) { try r.extend(by: nil, now: at(hours: 1)) }
        }
        #expect(TransitionError.notExtendable(name: "preview-x", status: .destroying).message
            == "environment \"preview-x\" is destroying and is not extended; only active, failed, provisioning, sleeping environments are")
    }

    @Test func destroyedNeedsNothing() {
        #expect(LifecycleDecision.decide(.success(record(.destroyed)), now: at(hours: 100)) == .none)
    }

    @Test func extendNeverRewritesTheRequestedTTLNorShortens() throws {
        var r = record(.active, ttl: "7d")
        r.extend(by: try TTL.parse("1d"), now: at(hours: 1))
        #expect(r.ttl == "7d")
        #expect(r.expiresAt == created.adding(seconds: 7 * 86400))
        r.extend(by: try TTL.parse("7d"), now: at(hours: 48))
        #expect(r.expiresAt == at(hours: 48 + 168))
        #expect(r.ttl == "7d")
    }

    /// Every push extends, but never past the platform's lifetime since creation (default 30d).
    @Test func extendStopsAtTheMaximumLifetime() throws {
        var r = record(.active, ttl: "7d")
        let lifetime = try TTL.parse("30d")
        #expect(try r.extend(by: nil, now: at(hours: 24 * 10), maxLifetime: lifetime) == false)
        #expect(r.expiresAt == at(hours: 24 * 17))
        #expect(try r.extend(by: nil, now: at(hours: 24 * 25), maxLifetime: lifetime) == true, "capped at day 30")
        #expect(r.expiresAt == at(hours: 24 * 30) && r.lifetimeEndsAt(lifetime) == at(hours: 24 * 30))
        #expect(try r.extend(by: nil, now: at(hours: 24 * 29), maxLifetime: lifetime) == true)
        #expect(r.expiresAt == at(hours: 24 * 30), "no later push moves it")
        // A record that already expires later than the limit (an older, longer TTL) is not shortened.
        var long = record(.active, ttl: "30d")
        #expect(try long.extend(by: nil, now: at(hours: 1), maxLifetime: try TTL.parse("2d")) == true)
        #expect(long.expiresAt == at(hours: 24 * 30))
    }

    @Test func aFailureCountsOnlyWhenTheDestroyRan() throws {
        var r = record(.destroying, attempts: 1)
        try r.transition(to: .destroyFailed, now: at(hours: 25))
        #expect(r.destroyFailures == 0, "cancelled or lost: its work never ran")
        try r.transition(to: .destroying, now: at(hours: 26))
        try r.transition(to: .destroyFailed, now: at(hours: 27), destroyRan: true)
        #expect(r.destroyFailures == 1 && r.destroyAttempts == 2)
        let again = try EnvironmentRecord.decode(Array(r.json.utf8)).get()
        #expect(again.destroyFailures == 1)
    }

    @Test func transitionsStampTimeAndCountDestroyAttempts() throws {
        var r = record(.active)
        try r.transition(to: .destroying, now: at(hours: 25))
        #expect(r.destroyAttempts == 1 && r.statusChangedAt == at(hours: 25))
        #expect(throws: TransitionError.self) { try r.transition(to: .active, now: at(hours: 26)) }
    }

    @Test func metadataRoundTripsAndBrokenDocumentsAreUnreadable() throws {
        let r = record(.active)
        #expect(try EnvironmentRecord.decode(Array(r.json.utf8)).get() == r)
        #expect(r.json.contains("\"expires_at\": \"2026-11-02T00:00:00Z\""))
        for broken in ["{", "{}", #"{"schema_version": 1, "name": "Bad Name"}"#, "[]"] {
            guard case .failure = EnvironmentRecord.decode(Array(broken.utf8)) else {
                Issue.record("accepted \(broken)"); continue
            }
        }
        guard case .failure(.schema(9)) = EnvironmentRecord.decode(Array(#"{"schema_version": 9}"#.utf8)) else {
            Issue.record("future schema accepted"); return
        }
    }
}
