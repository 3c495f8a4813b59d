import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore

/// `idp-ttl orphans` against moto: resources tagged as the templates tag them (ECS clusters here,
/// which moto's Tagging API returns), of a live environment, of a finalized one (no record, a
/// state backup) and of one that never had a record.
@Suite(.enabled(if: Moto.available)) struct OrphansToolTests {
    let bucket = Moto.uniqueName("state")
    let suffix = Moto.uniqueName("o").suffix(6).lowercased()
    let client: AWSClient
    let s3: S3Client

    init() throws {
        client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        s3 = S3Client(client: client, bucket: bucket)
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
    }

    func cluster(_ name: String, environment: String?, createdAt: String) throws {
        var tags: [JSONValue] = [.object(["key": .string("idp:managed"), "value": .string("true")]),
                                 .object(["key": .string("idp:created-at"), "value": .string(createdAt)])]
        if let environment { tags.append(.object(["key": .string("idp:environment"), "value": .string(environment)])) }
        _ = try client.callJSON(.ecs, version: "1.1", target: "AmazonEC2ContainerServiceV20141113.CreateCluster",
                                .object(["clusterName": .string(name), "tags": .array(tags)]))
    }

    func run(_ args: [String]) throws -> ToolRun {
        try ToolProcess.run("idp-ttl", args, environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": "2026-12-01T12:00:00Z", "GITHUB_ACTOR": "walt",
            "GITHUB_REPOSITORY": "acme/shop", "GITHUB_HEAD_REF": "feature/live",
        ]) { $1 })
    }

    @Test func onlyResourcesWithoutALiveRecordAreReportedAndNothingChanges() throws {
        let live = "preview-live\(suffix)", finalized = "preview-done\(suffix)", never = "preview-none\(suffix)", young = "preview-new\(suffix)"
        #expect(try run(["create", "--environment", live, "--ttl", "2d"]).status == 0)
        try s3.put("backups/\(finalized)/20261130T100000Z.tfstate.gz", [0x1f, 0x8b], contentType: "application/gzip")
        try cluster("\(live)-cluster", environment: live, createdAt: "2026-11-30T09:00:00Z")
        try cluster("\(finalized)-cluster", environment: finalized, createdAt: "2026-11-28T09:00:00Z")
        try cluster("\(never)-cluster", environment: never, createdAt: "2026-11-20T09:00:00Z")
        try cluster("\(young)-cluster", environment: young, createdAt: "2026-12-01T11:30:00Z")
        try cluster("platform-shared\(suffix)", environment: nil, createdAt: "2026-01-01T00:00:00Z")
        let before = try s3.list(prefix: "").map(\.key).sorted()

        let report = try run(["orphans", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        guard case .array(let rows) = try JSONValue.parse(report.stdout) else { Issue.record("\(report.stdout)"); return }
        let ours = rows.filter { ($0["environment"]?.stringValue ?? "").hasSuffix(suffix) }
        #expect(Set(ours.compactMap { $0["environment"]?.stringValue }) == [finalized, never, young], "\(ours)")
        #expect(ours.allSatisfy { $0["type"]?.stringValue == "ecs:cluster" && $0["reason"]?.stringValue?.hasPrefix("no record of") == true })
        #expect(ours.first { $0["environment"]?.stringValue == young }?["young"] == .bool(true))
        #expect(report.outputs["environments"]?.contains(finalized) == true)

        let table = try run(["orphans"]).stdout
        #expect(table.contains("\(finalized): state backup backups/\(finalized)/20261130T100000Z.tfstate.gz: OpenTofu knows what it made"), "\(table)")
        #expect(table.contains("\(never): no state backup: remove the resources above by hand") && table.contains("\(young): young, left alone"), "\(table)")
        #expect(!table.contains("platform-shared\(suffix)"), "the platform's own parts are never an environment's")
        #expect(try s3.list(prefix: "").map(\.key).sorted() == before, "a report changes nothing")
        let clusters = try client.callJSON(.ecs, version: "1.1", target: "AmazonEC2ContainerServiceV20141113.ListClusters", .object([:]))
        #expect(clusters["clusterArns"].map { "\($0)" }?.contains("\(never)-cluster") == true, "nothing was deleted")
    }

    /// `gzip -c` of `text`, as finalize stores a state backup.
    func gzipped(_ text: String) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    /// --clean: an environment finalized with its variables kept is put back for the destroy path;
    /// one without a backup, or with a state but no variables, is left for a person; nothing else changes.
    @Test func cleanRestoresWhatOpenTofuKnowsAndListsTheRest() throws {
        let kept = "preview-kept\(suffix)", old = "preview-old\(suffix)", never = "preview-never\(suffix)"
        let state = #"{"version":4,"resources":[{"type":"aws_ecs_cluster","name":"this"}]}"#
        try s3.put("backups/\(kept)/20261130T100000Z.tfstate.gz", try gzipped(state), contentType: "application/gzip")
        try s3.put("backups/\(kept)/20261130T100000Z.tfvars.json", Array(#"{"environment_name":"x"}"#.utf8), contentType: "application/json")
        try s3.put("backups/\(old)/20261101T100000Z.tfstate.gz", try gzipped(state), contentType: "application/gzip")
        for name in [kept, old, never] { try cluster("\(name)-cluster", environment: name, createdAt: "2026-11-20T09:00:00Z") }
        _ = try client.callJSON(.ecs, version: "1.1", target: "AmazonEC2ContainerServiceV20141113.TagResource", .object([
            "resourceArn": .string("arn:aws:ecs:us-east-1:123456789012:cluster/\(kept)-cluster"),
            "tags": .array([.object(["key": .string("idp:repository"), "value": .string("acme/shop")]),
                            .object(["key": .string("idp:template"), "value": .string("api-service")])]),
        ]))
        let consumer = try run(["orphans", "--clean"])
        #expect(consumer.status == 3 && consumer.stderr.contains("[tenancy.not-platform]"), "\(consumer.stderr)")

        let cleaned = try ToolProcess.run("idp-ttl", ["orphans", "--clean"], environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": "2026-12-01T12:00:00Z",
        ].merging(PlatformRun.environment(workflow: "orphans.yml")) { $1 }) { $1 })
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        #expect(cleaned.outputs["restored"] == "1" && cleaned.outputs["matrix"] == #"{"include":[{"environment":"\#(kept)","template":"api-service"}]}"#,
                "\(cleaned.outputs)")
        let record = try JSONValue.parse(try #require(try s3.get("environments/\(kept)/metadata.json")).body)
        #expect(record["status"]?.stringValue == "destroying" && record["repository"]?.stringValue == "acme/shop", "\(record)")
        #expect(try s3.get("environments/\(kept)/terraform.tfstate")?.body == Array(state.utf8))
        #expect(try s3.get("environments/\(kept)/terraform.tfvars.json") != nil)
        #expect(cleaned.stdout.contains("\(old): its state backup has no variables beside it"), "\(cleaned.stdout)")
        #expect(cleaned.stdout.contains("\(never): no state backup: remove the resources above by hand"), "\(cleaned.stdout)")
        #expect(try s3.list(prefix: "environments/\(old)/").isEmpty && s3.list(prefix: "environments/\(never)/").isEmpty)
        let again = try ToolProcess.run("idp-ttl", ["orphans", "--clean"], environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": "2026-12-01T12:05:00Z",
        ].merging(PlatformRun.environment(workflow: "orphans.yml")) { $1 }) { $1 })
        #expect(again.outputs["restored"] == "0" && !(again.outputs["environments"] ?? "").contains(kept), "a live record again: no longer an orphan")
    }
}
