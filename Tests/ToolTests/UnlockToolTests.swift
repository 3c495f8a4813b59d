import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore

/// `idp-ttl unlock` as a process against moto: what a killed runner left is removed, what a live
/// run may hold is not.
@Suite(.enabled(if: Moto.available)) struct UnlockToolTests {
    let bucket = Moto.uniqueName("state")
    let table = Moto.uniqueName("locks")
    let s3: S3Client
    let dynamo: DynamoDBClient
    var lockID: String { "\(bucket)/environments/preview-lock/terraform.tfstate" }
    static let now = "2026-11-22T12:00:00Z"

    init() throws {
        let client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        s3 = S3Client(client: client, bucket: bucket)
        dynamo = DynamoDBClient(client: client, table: table)
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
        _ = try dynamo.call("CreateTable", try JSONValue.parse("""
            {"TableName": "\(table)", "KeySchema": [{"AttributeName": "LockID", "KeyType": "HASH"}],
             "AttributeDefinitions": [{"AttributeName": "LockID", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}
            """))
    }

    func info(_ created: String) -> String {
        #"{"ID":"lock-\#(created)","Operation":"OperationTypeApply","Who":"runner@fv-az7","Version":"1.10.6","Created":"\#(created)","Path":"x"}"#
    }

    func putLockItem(created: String) throws {
        _ = try dynamo.call("PutItem", .object(["TableName": .string(table), "Item": .object([
            "LockID": .object(["S": .string(lockID)]), "Info": .object(["S": .string(info(created))])])]))
    }

    func unlock(as repository: String = "acme/payments") throws -> ToolRun {
        try ToolProcess.run("idp-ttl", ["unlock", "--environment", "preview-lock"], environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_LOCK_TABLE": table, "IDP_NOW": Self.now,
            "GITHUB_REPOSITORY": repository, "IDP_PLATFORM_REPOSITORY": "acme/mini-idp",
        ].merging(repository == PlatformRun.repository ? PlatformRun.environment() : [:]) { $1 }) { $1 })
    }

    @Test func aLockOlderThanAnyJobIsRemoved() throws {
        try putLockItem(created: "2026-11-22T09:00:00.123456789Z")  // 3 h: a killed apply's
        try s3.put("environments/preview-lock/terraform.tfstate.tflock", Array(info("2026-11-22T08:00:00Z").utf8), contentType: "application/json")
        let run = try unlock()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs["removed"] == "2" && run.outputs["held"] == "0")
        #expect(run.stdout.contains("removed orphaned lock: DynamoDB \(table)/\(lockID) is held by runner@fv-az7 (OperationTypeApply, lock ID lock-2026-11-22T09:00:00.123456789Z) since 2026-11-22T09:00:00Z (3h ago)"),
                "\(run.stdout)")
        #expect(try dynamo.getLock(lockID) == nil)
        #expect(try s3.get("environments/preview-lock/terraform.tfstate.tflock") == nil)
    }

    @Test func aYoungLockIsLeftWithWhoAndWhatToRun() throws {
        try putLockItem(created: "2026-11-22T11:59:00Z")  // a minute ago: a run may be inside its apply
        let run = try unlock()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs["removed"] == "0" && run.outputs["held"] == "1")
        #expect(run.stderr.contains("::notice title=idp-ttl [state.locked]::DynamoDB \(table)/\(lockID) is held by runner@fv-az7"), "\(run.stderr)")
        #expect(run.stderr.contains("tofu force-unlock lock-2026-11-22T11:59:00Z"))
        #expect(try dynamo.getLock(lockID)?["Info"] == info("2026-11-22T11:59:00Z"))
    }

    @Test func aLockOfUnreadableAgeIsLeft() throws {
        _ = try dynamo.call("PutItem", .object(["TableName": .string(table), "Item": .object([
            "LockID": .object(["S": .string(lockID)]), "Info": .object(["S": .string(#"{"ID":"x","Created":"sometime"}"#)])])]))
        let run = try unlock()
        #expect(run.outputs["held"] == "1" && run.stderr.contains("its age cannot be read"), "\(run.stderr)")
        #expect(try dynamo.getLock(lockID) != nil)
    }

    @Test func anotherRepositoryMayNotBreakTheLocks() throws {
        try putLockItem(created: "2026-11-22T09:00:00Z")
        let created = try ToolProcess.run("idp-ttl", ["create", "--environment", "preview-lock"], environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": Self.now, "GITHUB_REPOSITORY": "acme/payments",
            "GITHUB_ACTOR": "alice", "GITHUB_HEAD_REF": "feature/lock",
        ]) { $1 })
        #expect(created.status == 0, "\(created.stderr)")
        let run = try unlock(as: "acme/intruder")
        #expect(run.status == 3 && run.stderr.contains("[tenancy.not-owner]"), "\(run.stderr)")
        #expect(try dynamo.getLock(lockID) != nil)
    }
}
