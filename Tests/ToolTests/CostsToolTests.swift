import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore

/// `idp-ttl costs` and `list` against moto's Cost Explorer, whose answers are queued through moto's
/// API (`/moto-api/static/ce/cost-and-usage-results`) as GetCostAndUsage would give them. Serialized:
/// moto hands each new request the next queued answer.
@Suite(.enabled(if: Moto.available), .serialized) struct CostsToolTests {
    let bucket = Moto.uniqueName("state")
    let s3: S3Client

    init() throws {
        let client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        s3 = S3Client(client: client, bucket: bucket)
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
    }

    /// One GetCostAndUsage answer with these groups (tag value → dollars).
    func queue(_ groups: [(String, String)]) throws {
        let answer: [String: Any] = [
            "GroupDefinitions": [["Type": "TAG", "Key": "idp:environment"]],
            "ResultsByTime": [["TimePeriod": ["Start": "2026-12-01", "End": "2026-12-16"], "Total": [String: Any](), "Estimated": true,
                               "Groups": groups.map { ["Keys": ["idp:environment$\($0.0)"], "Metrics": ["UnblendedCost": ["Amount": $0.1, "Unit": "USD"]]] }]],
            "DimensionValueAttributes": [Any](),
        ]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["results": [answer]]), as: UTF8.self)
        _ = try Python.run(Golden.fixtures().appendingPathComponent("fetch.py").path, arguments: [Moto.url + "/moto-api/static/ce/cost-and-usage-results", body])
    }

    func run(_ args: [String], at now: String) throws -> ToolRun {
        try ToolProcess.run("idp-ttl", args, environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": now, "GITHUB_ACTOR": "walt", "GITHUB_REPOSITORY": "acme/shop",
        ]) { $1 })
    }

    @Test func theMonthSoFarBesideTheEstimatesAskedOnceADay() throws {
        #expect(try run(["create", "--environment", "preview-pay", "--ttl", "7d", "--branch", "feature/pay"], at: "2026-12-14T09:00:00Z").status == 0)
        try queue([("preview-pay", "12.34"), ("preview-gone", "1.50"), ("", "200.00")])
        let asked = try run(["costs"], at: "2026-12-15T08:00:00Z")
        #expect(asked.status == 0 && asked.outputs["asked"] == "true" && asked.outputs["activated"] == "true", "\(asked.stderr)")
        #expect(asked.outputs["tagged"] == "13.84" && asked.outputs["untagged"] == "200.0" && asked.outputs["month"] == "2026-12")
        let kept = try run(["costs"], at: "2026-12-15T20:00:00Z")
        #expect(kept.outputs["asked"] == "false" && kept.outputs["tagged"] == "13.84", "a second request within a day costs $0.01 for nothing")
        let listed = try run(["list", "--format", "json"], at: "2026-12-15T20:00:00Z")
        let entries = try JSONValue.parse(listed.stdout)
        guard case .array(let rows) = entries, let row = rows.first else { Issue.record("\(listed.stdout)"); return }
        #expect(row["actual_cost_month_to_date"] == .number(12.34) && row["estimated_cost_per_day"] != nil, "\(row)")
        let markdown = try run(["list", "--format", "markdown"], at: "2026-12-15T20:00:00Z").stdout
        #expect(markdown.contains("| actual this month |") && markdown.contains("$12.34"), "\(markdown)")
        #expect(markdown.contains("Actual spend this month (Cost Explorer, as of 2026-12-15T08:00:00Z"), "\(markdown)")
    }

    @Test func aTagNotActivatedIsSaidNotShownAsZeros() throws {
        try queue([("", "321.00")])
        let asked = try run(["costs"], at: "2026-12-20T08:00:00Z")
        #expect(asked.status == 0 && asked.outputs["activated"] == "false", "\(asked.stderr)")
        #expect(asked.stderr.contains("::warning") && asked.stderr.contains("Cost-allocation tags count only once activated"), "\(asked.stderr)")
        let markdown = try run(["list", "--format", "markdown"], at: "2026-12-20T09:00:00Z").stdout
        #expect(!markdown.contains("actual this month") && markdown.contains("Billing and Cost Management → Cost allocation tags"), "\(markdown)")
    }
}
