import TemplateSupport
import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore
@testable import IDPHTTP
@testable import IDPPlatform

/// The clients and the lifecycle against a real moto server (`scripts/test` starts it).
@Suite(.enabled(if: Moto.available)) struct MotoTests {
    let client = AWSClient(configuration: try! AWSConfiguration.fromEnvironment(Moto.environment))
    let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!

    func bucket() throws -> S3Client {
        let name = Moto.uniqueName("state")
        let s3 = S3Client(client: client, bucket: name)
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
        return s3
    }

    func record(_ name: String, ttl: String = "1d", branch: String = "feature/x") -> EnvironmentRecord {
        EnvironmentRecord(name: try! EnvironmentName(name), template: .apiService, owner: "alice", repository: "acme/shop",
                          branch: branch, pullRequest: 7, image: nil, ttl: try! TTL.parse(ttl), now: now)
    }

    @Test func conditionalWritesRefuseStaleWriters() throws {
        let s3 = try bucket()
        let first = try s3.put("k", Array("1".utf8), contentType: "text/plain", condition: .ifNoneMatch)
        #expect(throws: AWSError.self) { try s3.put("k", Array("2".utf8), contentType: "text/plain", condition: .ifNoneMatch) }
        let second = try s3.put("k", Array("3".utf8), contentType: "text/plain", condition: .ifMatch(first))
        do {
            try s3.put("k", Array("4".utf8), contentType: "text/plain", condition: .ifMatch(first))
            Issue.record("stale If-Match accepted")
        } catch {
            #expect(error.status == 412)
        }
        #expect(try s3.get("k")?.body == Array("3".utf8))
        #expect(try s3.get("k")?.etag == second)
        #expect(try s3.get("missing") == nil)
    }

    @Test func keysWithAwkwardCharactersRoundTrip() throws {
        let s3 = try bucket()
        let keys = ["environments/a b/c+d=e.json", "environments/prévu/✓.json", "environments/x/y&z<w>.json"]
        for key in keys { try s3.put(key, Array(key.utf8), contentType: "text/plain") }
        #expect(Set(try s3.list(prefix: "environments/").map(\.key)) == Set(keys))
        for key in keys { #expect(try s3.get(key)?.body == Array(key.utf8)) }
        #expect(try s3.delete(keys).isEmpty)
        #expect(try s3.list(prefix: "environments/").isEmpty)
    }

    @Test func createRefusesAnotherBranchAndIsIdempotentForTheSame() throws {
        let store = EnvironmentStore(s3: try bucket(), sleep: { _ in })
        #expect(try store.create(record("preview-x")) == .created(record("preview-x")))
        #expect(try store.create(record("preview-x")) == .exists(record("preview-x")))
        do {
            _ = try store.create(record("preview-x", branch: "feature/other"))
            Issue.record("hijack allowed")
        } catch {
            guard case .ownedElsewhere(_, "acme/shop", "feature/x") = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func extendKeepsTheRequestedTTLAndScanMarksOnlyExpired() throws {
        let store = EnvironmentStore(s3: try bucket(), sleep: { _ in })
        _ = try store.create(record("preview-old", ttl: "2h"))
        _ = try store.create(record("preview-new", ttl: "7d"))
        try store.update("preview-new") { (r) throws(StoreError) in r.extend(by: try! TTL.parse("1d"), now: now.adding(seconds: 86_400 * 7)) }
        let later = now.adding(seconds: 3 * 3600)
        let statuses = try store.scan(now: later, policy: LifecyclePolicy(), limit: 256, dryRun: false)
        #expect(statuses.map(\.name) == ["preview-new", "preview-old"])
        #expect(statuses.map(\.marked) == [false, true])
        let old = try store.read("preview-old")!.record.get()
        #expect(old.status == .destroying && old.destroyAttempts == 1 && old.statusChangedAt == later)
        let new = try store.read("preview-new")!.record.get()
        #expect(new.ttl == "7d" && new.expiresAt == now.adding(seconds: 86_400 * 8))
        // A second scan leaves the destroy under way alone.
        let again = try store.scan(now: later.adding(seconds: 60), policy: LifecyclePolicy(), limit: 256, dryRun: false)
        #expect(again.allSatisfy { !$0.marked })
        #expect(try store.read("preview-old")!.record.get().destroyAttempts == 1)
    }

    @Test func scanHandsOverAtMostTheLimitAndReportsUnreadableRecords() throws {
        let s3 = try bucket()
        let store = EnvironmentStore(s3: s3, sleep: { _ in })
        for i in 0..<5 { _ = try store.create(record("preview-\(i)", ttl: "1h")) }
        try s3.put(StateLayout.metadata("broken"), Array("{".utf8), contentType: "application/json")
        let statuses = try store.scan(now: now.adding(seconds: 7200), policy: LifecyclePolicy(), limit: 3, dryRun: false)
        #expect(statuses.filter(\.marked).count == 3 && statuses.filter(\.deferred).count == 2)
        #expect(statuses.first { $0.name == "broken" }?.decision.action == "report")
        #expect(try s3.get(StateLayout.metadata("broken"))?.body == Array("{".utf8), "unreadable record untouched")
    }

    @Test func finalizeBacksUpStateAndRemovesArtefactsAndLocks() throws {
        let s3 = try bucket()
        let store = EnvironmentStore(s3: s3, sleep: { _ in })
        let table = Moto.uniqueName("locks")
        let dynamo = DynamoDBClient(client: client, table: table)
        _ = try dynamo.call("CreateTable", try JSONValue.parse("""
            {"TableName": "\(table)", "KeySchema": [{"AttributeName": "LockID", "KeyType": "HASH"}],
             "AttributeDefinitions": [{"AttributeName": "LockID", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}
            """))
        _ = try store.create(record("preview-x"))
        _ = try store.update("preview-x") { (r) throws(StoreError) in
            do throws(TransitionError) { try r.transition(to: .destroying, now: now) } catch { throw .transition(error) }
        }
        let state = Array(String(repeating: "{\"version\": 4}\n", count: 100).utf8)
        try s3.put(StateLayout.state("preview-x"), state, contentType: "application/json")
        try s3.put(StateLayout.outputs("preview-x"), Array("{}".utf8), contentType: "application/json")
        let lockID = "\(s3.bucket)/\(StateLayout.state("preview-x"))"
        for (id, attribute) in [(lockID, "Info"), (lockID + "-md5", "Digest")] {
            let value = attribute == "Info" ? #"{"ID":"1","Created":"2026-11-22T06:00:00Z"}"# : "abc"
            _ = try dynamo.call("PutItem", .object(["TableName": .string(table), "Item": .object([
                "LockID": .object(["S": .string(id)]), attribute: .object(["S": .string(value)])])]))
        }
        // A fresh lock means OpenTofu is still running: refuse.
        #expect(throws: StoreError.self) { try store.finalize("preview-x", locks: dynamo, now: now, staleAfter: 6 * 3600) }
        // So does a lock whose age cannot be read.
        _ = try dynamo.call("PutItem", .object(["TableName": .string(table), "Item": .object([
            "LockID": .object(["S": .string(lockID)]), "Info": .object(["S": .string(#"{"ID":"1"}"#)])])]))
        #expect(throws: StoreError.self) { try store.finalize("preview-x", locks: dynamo, now: now, staleAfter: 60) }
        #expect(try s3.get(StateLayout.state("preview-x")) != nil)
        _ = try dynamo.call("PutItem", .object(["TableName": .string(table), "Item": .object([
            "LockID": .object(["S": .string(lockID)]), "Info": .object(["S": .string(#"{"ID":"1","Created":"2026-11-22T06:00:00.123456789Z"}"#)])])]))
        let report = try store.finalize("preview-x", locks: dynamo, now: now, staleAfter: 3600)
        #expect(report.failures.isEmpty)
        #expect(Set(report.deletedKeys) == Set([StateLayout.state("preview-x"), StateLayout.outputs("preview-x"), StateLayout.metadata("preview-x")]))
        #expect(try s3.list(prefix: StateLayout.prefix("preview-x")).isEmpty)
        let backup = try #require(try s3.get(StateLayout.backup("preview-x", at: now)))
        #expect(try Gzip.decompress(backup.body) == state)
        #expect(try dynamo.getLock(lockID) == nil && dynamo.getLock(lockID + "-md5") == nil)
    }

    @Test func pruneTouchesOnlyTheEnvironmentsTags() throws {
        let repository = Moto.uniqueName("repo")
        let ecr = ECRClient(client: client)
        _ = try ecr.call("CreateRepository", .object(["repositoryName": .string(repository)]))
        // moto derives the digest from the layer digests: one layer per image makes them distinct.
        func push(_ tag: String, layer: String) throws {
            let manifest = JSONValue.object([
                "schemaVersion": .int(2), "mediaType": .string("application/vnd.docker.distribution.manifest.v2+json"),
                "config": .object(["mediaType": .string("application/vnd.docker.container.image.v1+json"), "size": .int(1), "digest": .string("sha256:" + String(repeating: "0", count: 64))]),
                "layers": .array([.object(["mediaType": .string("application/vnd.docker.image.rootfs.diff.tar.gzip"), "size": .int(1),
                                           "digest": .string("sha256:" + SHA256Hash.hex(Array(layer.utf8)))])]),
            ])
            _ = try ecr.call("PutImage", .object(["repositoryName": .string(repository), "imageTag": .string(tag),
                                                  "imageManifest": .string(manifest.rendered(pretty: false))]))
        }
        try push("preview-x-abc1234", layer: "1")
        try push("preview-x-def5678", layer: "2")
        try push("preview-x-b-abc1234", layer: "3")      // environment preview-x-b
        try push("preview-x-latest", layer: "4")          // not a sha tag
        try push("shared-release", layer: "5")
        try push("preview-x-0000000", layer: "5")         // same image as shared-release
        let env = try EnvironmentName("preview-x")
        let pruner = ImagePruner(ecr: ecr)
        let dry = try pruner.prune(repository: repository, environment: env, keep: 0, dryRun: true)
        #expect(dry.plan.deleteDigests.count == 2 && dry.plan.untagTags == ["preview-x-0000000"])
        #expect(try ecr.describeImages(repository: repository).count == 5, "dry run changes nothing")

        let report = try pruner.prune(repository: repository, environment: env, keep: 0, dryRun: false)
        #expect(report.failures.isEmpty)
        let left = try ecr.describeImages(repository: repository).flatMap(\.tags).sorted()
        #expect(left == ["preview-x-b-abc1234", "preview-x-latest", "shared-release"])
    }
}
