import TemplateSupport
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore
@testable import IDPPlatform

/// The lifecycle's use cases as functions of the store and a clock, against moto: no process spawned.
@Suite(.enabled(if: Moto.available)) struct LifecycleUseCasesTests {
    let store: EnvironmentStore
    let dynamo: DynamoDBClient
    let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!
    static let payments = Caller(repository: "acme/payments", platformRepository: "acme/mini-idp", inActions: true)
    static let intruder = Caller(repository: "acme/intruder", platformRepository: "acme/mini-idp", inActions: true)

    init() throws {
        let client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        let s3 = S3Client(client: client, bucket: Moto.uniqueName("state"))
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
        store = EnvironmentStore(s3: s3, sleep: { _ in })
        dynamo = DynamoDBClient(client: client, table: Moto.uniqueName("locks"))
        _ = try dynamo.call("CreateTable", try JSONValue.parse("""
            {"TableName": "\(dynamo.table)", "KeySchema": [{"AttributeName": "LockID", "KeyType": "HASH"}],
             "AttributeDefinitions": [{"AttributeName": "LockID", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}
            """))
    }

    func record(_ name: String, branch: String = "feature/x", owner: String = "alice", repository: String = "acme/payments",
                template: TemplateName = .apiService, ttl: String = "1d") throws -> EnvironmentRecord {
        EnvironmentRecord(name: try EnvironmentName(name), template: template, owner: owner, repository: repository, branch: branch,
                          pullRequest: 7, image: nil, ttl: try TTL.parse(ttl, maximum: nil), now: now)
    }

    @Test func createRecordsTheEstimateAndAPushUpdatesIt() throws {
        let first = try store.createEnvironment(try record("preview-a"), guardrails: Guardrails(), estimate: { _ in CostEstimate(perHour: 0.05) }, now: now)
        guard case .created(let created) = first else { Issue.record("\(first)"); return }
        #expect(created.costPerHour == 0.05)
        // The same repository and branch push a bigger task: the estimate follows.
        let again = try store.createEnvironment(try record("preview-a"), guardrails: Guardrails(),
                                                estimate: { CostEstimate(perHour: $0 == .apiService ? 0.08 : 1, sleepablePerHour: 0.03) }, now: now)
        guard case .exists(let existing) = again else { Issue.record("\(again)"); return }
        #expect(existing.template == .apiService && existing.costPerHour == 0.08)
        #expect(try store.readRecord("preview-a")?.record.costPerHour == 0.08)
        #expect(existing.sleepablePerHour == 0.03, "what sleep would save follows the estimate")
        // Another template under the live environment is refused, and the record stays as it was.
        let changed = try store.createEnvironment(try record("preview-a", template: .apiDatabase), guardrails: Guardrails(),
                                                  estimate: { _ in CostEstimate(perHour: 1) }, now: now)
        guard case .kept(let kept, let refusals) = changed else { Issue.record("\(changed)"); return }
        #expect(kept.template == .apiService && refusals.map(\.code) == ["template.changed"])
        #expect(try store.readRecord("preview-a")?.record.costPerHour == 0.08)
    }

    @Test func aGuardrailRefusesANewEnvironmentAndRecordsNothing() throws {
        var limits = Guardrails()
        limits.maxEnvironmentsPerOwner = 1
        _ = try store.createEnvironment(try record("preview-one"), guardrails: limits, estimate: { _ in CostEstimate(perHour: 0.05) }, now: now)
        let refused = try store.createEnvironment(try record("preview-two", branch: "feature/y"), guardrails: limits, estimate: { _ in CostEstimate(perHour: 0.05) }, now: now)
        guard case .refused(let why) = refused else { Issue.record("\(refused)"); return }
        #expect(why.count == 1 && why[0].code == "guardrail.owner")
        #expect(try store.readRecord("preview-two") == nil)
        // A push to the one that exists is never refused.
        guard case .exists = try store.createEnvironment(try record("preview-one"), guardrails: limits, estimate: { _ in CostEstimate(perHour: 0.05) }, now: now)
        else { Issue.record("an existing environment was refused"); return }
    }

    @Test func anotherRepositorysNameIsRefused() throws {
        _ = try store.createEnvironment(try record("preview-b"), guardrails: Guardrails(), estimate: { _ in CostEstimate(perHour: 0.05) }, now: now)
        #expect(throws: StoreError.self) {
            try store.createEnvironment(try record("preview-b", repository: "acme/intruder"), guardrails: Guardrails(), estimate: { _ in CostEstimate(perHour: 0.05) }, now: now)
        }
    }

    @Test func extendHoldsTheTemplatesMaximumAndOnlyForItsRepository() throws {
        _ = try store.create(try record("preview-c", template: .apiDatabase))
        var limits = Guardrails()
        limits.maxTTL = [.apiDatabase: try TTL.parse("2d", maximum: nil)]
        let later = now.adding(seconds: 3_600)
        let extended = try store.extendEnvironment("preview-c", as: Self.payments, ttl: try TTL.parse("7d", maximum: nil), guardrails: limits, now: later)
        #expect(extended.heldTo == (try TTL.parse("2d", maximum: nil)) && !extended.lifetimeReached)
        #expect(extended.record.expiresAt == later.adding(seconds: 2 * 86_400))
        do {
            _ = try store.extendEnvironment("preview-c", as: Self.intruder, ttl: nil, guardrails: limits, now: later)
            Issue.record("another repository extended it")
        } catch {
            guard case .tenancy(.notOwner(_, let owner, let caller)) = error else { Issue.record("\(error)"); return }
            #expect(owner == "acme/payments" && caller == "acme/intruder")
        }
    }

    @Test func extendStopsAtTheMaximumLifetime() throws {
        _ = try store.create(try record("preview-d", ttl: "1d"))
        var limits = Guardrails()
        limits.maxLifetime = try TTL.parse("2d", maximum: nil)
        let result = try store.extendEnvironment("preview-d", as: Self.payments, ttl: nil, guardrails: limits, now: now.adding(seconds: 3 * 86_400))
        #expect(result.lifetimeReached)
    }

    @Test func markRecordsTheDeployedCommitOnlyWhenActive() throws {
        _ = try store.create(try record("preview-e"))
        let failed = try store.markEnvironment("preview-e", as: Self.payments, status: .failed, deployedCommit: "aaaa", now: now)
        #expect(failed.deployedCommit == nil)
        let active = try store.markEnvironment("preview-e", as: Self.payments, status: .active, deployedCommit: "bbbb", now: now)
        let stored = try store.readRecord("preview-e")?.record.deployedCommit
        #expect(active.deployedCommit == "bbbb" && stored == "bbbb")
    }

    @Test func listFiltersByRepositoryWhateverItsCase() throws {
        _ = try store.create(try record("preview-f"))
        _ = try store.create(try record("preview-g", branch: "g", repository: "acme/web"))
        let listed = try store.list(now: now, policy: LifecyclePolicy(), repository: "ACME/Payments", owner: nil)
        #expect(listed.map(\.name) == ["preview-f"])
    }

    /// A new environment named like another's derived name (`<A>-db` owns the alarm `<A>-db-cpu`) is
    /// refused; one recorded before the rule stays readable, and a push to it is no new environment.
    @Test func aNewNameEndingInDbIsRefusedAnOlderOneStaysUsable() throws {
        let refused = try store.createEnvironment(try record("preview-add-db"), guardrails: Guardrails(), estimate: { _ in CostEstimate(perHour: 0.05) }, now: now)
        #expect(refused == .refused([.nameClash(name: "preview-add-db", ending: "-db")]), "\(refused)")
        #expect(try store.readRecord("preview-add-db") == nil)
        _ = try store.create(try record("preview-old-db"))
        guard case .exists = try store.createEnvironment(try record("preview-old-db"), guardrails: Guardrails(), estimate: { _ in CostEstimate(perHour: 0.05) }, now: now) else {
            Issue.record("an environment recorded before the rule is still pushed to"); return
        }
    }

    @Test func aScanDestroysWhatOutlivedItsPullRequest() throws {
        _ = try store.create(try record("preview-h"))
        _ = try store.create(try record("preview-i", branch: "i"))
        let statuses = try store.scan(now: now, policy: LifecyclePolicy(), limit: 10, dryRun: false) { record in
            record.name.rawValue == "preview-h" ? .closed(pullRequest: 7, merged: true) : .unknown
        }
        let h = try #require(statuses.first { $0.name == "preview-h" })
        #expect(h.marked && h.decision == .outlived("pull request #7 was merged"))
        #expect(statuses.first { $0.name == "preview-i" }?.marked == false)
        #expect(try store.readRecord("preview-h")?.record.status == .destroying)
    }

    @Test func orphanedLocksOfEnvironmentsNotActiveAreCleared() throws {
        var failed = try record("preview-j")
        failed.status = .failed
        _ = try store.create(failed)
        _ = try store.create(try record("preview-k", branch: "k"))  // provisioning
        let old = #"{"ID":"1","Who":"runner@x","Created":"2026-11-22T06:00:00Z"}"#
        for name in ["preview-j", "preview-k"] {
            _ = try dynamo.call("PutItem", .object(["TableName": .string(dynamo.table), "Item": .object([
                "LockID": .object(["S": .string("\(store.s3.bucket)/\(StateLayout.state(name))")]), "Info": .object(["S": .string(old)])])]))
        }
        let statuses = try store.list(now: now, policy: LifecyclePolicy())
        let cleared = try store.clearOrphanedLocks(statuses, locks: dynamo, now: now)
        #expect(Set(cleared.map(\.name)) == ["preview-j", "preview-k"] && cleared.allSatisfy(\.lock.removed))
    }
}
