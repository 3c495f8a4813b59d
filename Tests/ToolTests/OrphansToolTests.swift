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

        let table = try run(["orphans"])
        #expect(table.stderr.contains("would delete ecs:cluster arn:aws:ecs:us-east-1:123456789012:cluster/\(never)-cluster (\(never))"), "\(table.stderr)")
        #expect(table.stdout.contains("\(young): young, left alone") && !table.stderr.contains("would delete ecs:cluster arn:aws:ecs:us-east-1:123456789012:cluster/\(young)"), "\(table.stdout)")
        let text = table.stdout
        #expect(!text.contains("platform-shared\(suffix)"), "the platform's own parts are never an environment's")
        #expect(try s3.list(prefix: "").map(\.key).sorted() == before, "a report changes nothing")
        let clusters = try client.callJSON(.ecs, version: "1.1", target: "AmazonEC2ContainerServiceV20141113.ListClusters", .object([:]))
        #expect(clusters["clusterArns"].map { "\($0)" }?.contains("\(never)-cluster") == true, "nothing was deleted")
    }

    /// --clean removes orphans by their tags, in dependency order, in an account of its own (a sweep
    /// can never reach another test's resources): one environment's whole set as the templates make
    /// it, the roles, rule and subnet group the Tagging API does not list found by name; a live
    /// environment's, a young one's, the platform's own group and a role tagged as another's stay;
    /// a dry run lists exactly what goes; a second run finds nothing.
    @Test func cleanDeletesOrphansByTheirTagsAndASecondRunFindsNothing() throws {
        let gone = "preview-gone\(suffix)", live = "preview-live\(suffix)", young = "preview-new\(suffix)"
        let now = "2026-12-01T12:00:00Z"
        struct Setup: Decodable { var env: [String: String] }
        let script = Golden.fixtures().appendingPathComponent("orphan_setup.py").path
        let setup = try JSONDecoder().decode(Setup.self, from: Data(try Python.run(script, arguments: ["setup", Moto.url, now, gone, live, young]).utf8))
        let account = AWSClient(configuration: try AWSConfiguration.fromEnvironment(setup.env))
        let sweepBucket = Moto.uniqueName("sweep")  // bucket names are global, as on AWS
        _ = try account.send(S3Client(client: account, bucket: sweepBucket).request("PUT"), service: .s3, operation: "s3:CreateBucket")
        func left() throws -> [String] {
            let json = String(decoding: try JSONSerialization.data(withJSONObject: setup.env), as: UTF8.self)
            return try JSONDecoder().decode([String].self, from: Data(try Python.run(script, arguments: ["left", Moto.url, json, gone, live, young]).utf8))
        }
        func orphans(_ args: [String], platform: Bool = true) throws -> ToolRun {
            try ToolProcess.run("idp-ttl", args, environment: setup.env.merging([
                "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": sweepBucket, "IDP_NOW": now, "GITHUB_ACTOR": "walt", "GITHUB_HEAD_REF": "feature/live",
            ].merging(platform ? PlatformRun.environment(workflow: "orphans.yml") : ["GITHUB_REPOSITORY": "acme/shop"]) { $1 }) { $1 })
        }
        #expect(try orphans(["create", "--environment", live, "--ttl", "2d"], platform: false).status == 0)
        let everything = try left()
        let theirs = everything.filter { $0.contains(gone) }
        #expect(theirs.count == 18, "\(everything)")

        let dry = try orphans(["orphans"])
        #expect(dry.status == 0 && dry.outputs["deleted"] == "0", "\(dry.stderr)")
        let planned = dry.stderr.split(separator: "\n").filter { $0.contains("would delete") }
        #expect(planned.count == 17 && planned.allSatisfy { $0.contains("(\(gone))") }, "\(planned)")
        #expect(dry.stdout.contains("\(young): young, left alone") && dry.stdout.contains("--clean deletes the 17 resources listed"), "\(dry.stdout)")
        #expect(try left() == everything, "a dry run changes nothing")
        let tenant = try orphans(["orphans", "--clean"], platform: false)
        #expect(tenant.status == 3 && tenant.stderr.contains("[tenancy.not-platform]"), "\(tenant.stderr)")

        let cleaned = try orphans(["orphans", "--clean"])
        #expect(cleaned.status == 0 && cleaned.outputs["deleted"] == "17" && cleaned.outputs["failed"] == "0", "\(cleaned.stderr)")
        // Services before their cluster, the load balancer before its target group, the database
        // before its subnet group, security groups and roles last.
        let order = cleaned.stderr.split(separator: "\n").filter { $0.contains("idp-ttl orphans: deleted ") }.map { String($0.split(separator: " ")[3]) }
        for (first, then) in [("ecs:service", "ecs:cluster"), ("elasticloadbalancing:loadbalancer", "elasticloadbalancing:targetgroup"),
                              ("rds:db", "rds:subgrp"), ("rds:db", "ec2:security-group"), ("ecs:task-definition", "iam:role")] {
            #expect((order.firstIndex(of: first) ?? .max) < (order.firstIndex(of: then) ?? -1), "\(first) before \(then): \(order)")
        }
        let remaining = try left()
        #expect(remaining.filter { $0.contains(gone) } == ["\(gone)-schedule"], "only the role named like its rule but tagged as another's: \(remaining)")
        #expect(remaining.contains("\(live)-cluster") && remaining.contains("\(young)-cluster") && remaining.contains("idp-shared-alb"), "\(remaining)")

        let again = try orphans(["orphans", "--clean"])
        #expect(again.status == 0 && again.outputs["deleted"] == "0" && !(again.outputs["environments"] ?? "").contains(gone), "\(again.outputs) \(again.stderr)")
    }
}
