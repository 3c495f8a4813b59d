import TemplateSupport
import Testing
@testable import IDPCore

@Suite struct StateLockTests {
    let now = Timestamp(iso8601: "2026-11-22T12:00:00Z")!

    func lock(createdSecondsAgo seconds: Int) -> StateLock {
        StateLock(id: "1b2c", operation: "OperationTypeApply", who: "runner@fv-az1", created: now.adding(seconds: -seconds))
    }

    @Test func theLongestHoldIsTheLongestTemplatePlusTheGrace() {
        // A template may declare a job of up to 60 minutes (api-database's takes 50); cancellation and a little skew 5 more.
        #expect(StateLock.longestHold == 65 * 60)
        #expect(ShippedTemplates.catalog.templates.allSatisfy { $0.timeoutMinutes <= TemplateDeclaration.maxTimeoutMinutes })
    }

    @Test func agesAtTheBoundary() {
        let bound = Int(StateLock.longestHold)
        #expect(lock(createdSecondsAgo: bound).verdict(now: now) == .held(age: Int64(bound)))
        #expect(lock(createdSecondsAgo: bound + 1).verdict(now: now) == .orphaned(age: Int64(bound + 1)))
        #expect(lock(createdSecondsAgo: 3 * 3_600).verdict(now: now) == .orphaned(age: 3 * 3_600))
        #expect(lock(createdSecondsAgo: 60).verdict(now: now) == .held(age: 60))
    }

    @Test func aLockFromAClockAheadIsHeld() {
        // Created in the future (the locking runner's clock runs ahead): never broken.
        #expect(lock(createdSecondsAgo: -600).verdict(now: now) == .held(age: -600))
    }

    @Test func unreadableCreatedIsNeverBroken() {
        #expect(StateLock(info: #"{"ID":"x","Created":"yesterday"}"#).verdict(now: now) == .unreadableAge)
        #expect(StateLock(info: "not json").verdict(now: now) == .unreadableAge)
        #expect(StateLock(info: #"{"ID":"x"}"#).verdict(now: now) == .unreadableAge)
    }

    @Test func readsOpenTofusLockInfo() {
        // As OpenTofu writes it: Created with nanoseconds.
        let info = #"{"ID":"6f1d2a9e-1111-2222-3333-444455556666","Operation":"OperationTypeApply","Info":"","Who":"runner@fv-az1","Version":"1.10.6","Created":"2026-11-22T08:59:59.123456789Z","Path":"b/environments/x/terraform.tfstate"}"#
        let lock = StateLock(info: info)
        #expect(lock.id == "6f1d2a9e-1111-2222-3333-444455556666" && lock.who == "runner@fv-az1" && lock.operation == "OperationTypeApply")
        #expect(lock.created == Timestamp(iso8601: "2026-11-22T08:59:59Z"))
        #expect(lock.verdict(now: now) == .orphaned(age: 3 * 3_600 + 1))
    }

    @Test func theDescriptionNamesWhoSinceWhenAndWhatToRun() {
        let text = lock(createdSecondsAgo: 60).describe(now: now, where: "DynamoDB locks/b/k")
        #expect(text == "DynamoDB locks/b/k is held by runner@fv-az1 (OperationTypeApply, lock ID 1b2c) since 2026-11-22T11:59:00Z (1m ago)")
        #expect(lock(createdSecondsAgo: 60).advice(workingDirectory: "infrastructure/templates/api-service").contains("tofu force-unlock 1b2c"))
    }
}
