import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore
@testable import IDPHTTP

/// `idp-ttl`'s S3 subcommands as processes against moto.
@Suite(.enabled(if: Moto.available)) struct LifecycleToolTests {
    let bucket = Moto.uniqueName("state")

    init() throws {
        let client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        let s3 = S3Client(client: client, bucket: bucket)
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
    }

    func ttl(_ args: [String], now: String = "2026-11-22T09:30:00Z", extra: [String: String] = [:]) throws -> ToolRun {
        try ToolProcess.run("idp-ttl", args, environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": now,
            "GITHUB_ACTOR": "alice", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_HEAD_REF": "feature/x",
        ].merging(extra) { $1 }) { $1 })
    }

    /// Cancelled destroys (a tenant may cancel its own) start attempts but count no failure; only a
    /// destroy whose work ran and failed (--destroy-ran) counts toward the scan's "needs a person".
    @Test func onlyADestroyThatRanCountsAsAFailure() throws {
        #expect(try ttl(["create", "--environment", "preview-c", "--ttl", "2h"]).status == 0)
        for _ in 0..<3 {
            #expect(try ttl(["mark", "--environment", "preview-c", "--status", "destroying"]).status == 0)
            #expect(try ttl(["mark", "--environment", "preview-c", "--status", "destroy_failed"]).status == 0)
        }
        let due = try ttl(["scan", "--dry-run"], now: "2026-11-22T13:00:00Z")
        #expect(due.stdout.contains("would destroy preview-c: destroy stuck"), "three cancelled destroys: still the platform's to destroy\n\(due.stdout)\(due.stderr)")
        for _ in 0..<3 {
            #expect(try ttl(["mark", "--environment", "preview-c", "--status", "destroying"]).status == 0)
            #expect(try ttl(["mark", "--environment", "preview-c", "--status", "destroy_failed", "--destroy-ran"]).status == 0)
        }
        let s3 = S3Client(client: AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment)), bucket: bucket)
        let record = try JSONValue.parse(String(decoding: try #require(try s3.get("environments/preview-c/metadata.json")).body, as: UTF8.self))
        #expect(record["destroy_failures"] == .number(3) && record["destroy_attempts"] == .number(6), "\(record)")
        let reported = try ttl(["scan", "--dry-run"], now: "2026-11-22T13:00:00Z")
        #expect(reported.stdout.contains("report preview-c: destroy failed 3 times; needs a person"), "\(reported.stdout)")
    }

    @Test func wholeLifecycle() throws {
        let created = try ttl(["create", "--environment", "preview-x", "--template", "api-database", "--ttl", "2h", "--pr", "7"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.outputs["created"] == "true" && created.outputs["expires_at"] == "2026-11-22T11:30:00Z")

        let again = try ttl(["create", "--environment", "preview-x", "--template", "api-database", "--ttl", "2h"])
        #expect(again.status == 0 && again.outputs["created"] == "false", "\(again.stderr)")

        let hijack = try ttl(["create", "--environment", "preview-x"], extra: ["GITHUB_HEAD_REF": "feature/other"])
        #expect(hijack.status == 3)
        #expect(hijack.stderr.contains("already belongs to acme/shop branch"))

        #expect(try ttl(["mark", "--environment", "preview-x", "--status", "active"]).outputs["status"] == "active")
        let bad = try ttl(["mark", "--environment", "preview-x", "--status", "destroyed"])
        #expect(bad.status == 3 && bad.stderr.contains("cannot go from"))

        let extended = try ttl(["extend", "--environment", "preview-x"], now: "2026-11-22T11:00:00Z")
        #expect(extended.outputs["expires_at"] == "2026-11-22T13:00:00Z" && extended.outputs["ttl"] == "2h")
        // idp-tfvars takes this, so a later apply keeps the resources' idp:created-at tag.
        #expect(extended.outputs["created_at"] == created.outputs["created_at"] && created.outputs["created_at"] != nil)

        // destroy.yml sizes its job from the record's template: RDS needs far longer than 15 minutes.
        let shown = try ttl(["show", "--environment", "preview-x"], now: "2026-11-22T14:00:00Z")
        #expect(shown.status == 0, "\(shown.stderr)")
        let row = shown.stdout.split(separator: "\n").last.map { $0.split(separator: " ").joined(separator: " ") }
        #expect(row == "preview-x active api-database alice 2026-11-22T13:00:00Z expired 1h ago $1.87 destroy", "the row `list` shows")
        #expect(shown.outputs["template"] == "api-database" && shown.outputs["timeout_minutes"] == "50" && shown.outputs["status"] == "active")

        let dry = try ttl(["scan", "--dry-run"], now: "2026-11-22T14:00:00Z")
        #expect(dry.outputs["count"] == "1")
        let scan = try ttl(["scan"], now: "2026-11-22T14:00:00Z")
        let matrix = try JSONValue.parse(try #require(scan.outputs["matrix"]))
        #expect(matrix == .object(["include": .array([.object(["environment": .string("preview-x"), "template": .string("api-database")])])]))
        #expect(scan.summary.contains("| preview-x | destroying | api-database |"))

        let listed = try ttl(["list", "--format", "json"], now: "2026-11-22T14:30:00Z")
        let entries = try JSONValue.parse(listed.stdout)
        #expect(entries == .array([try #require(entries.arrayFirst)]) && entries.arrayFirst?["status"] == .string("destroying"))

        let finalized = try ttl(["finalize", "--environment", "preview-x"], now: "2026-11-22T15:00:00Z")
        #expect(finalized.status == 0, "\(finalized.stderr)")
        #expect(finalized.outputs["deleted"] == "1")
        // destroy.yml runs again when the branch is deleted after the pull request closed.
        let refinalized = try ttl(["finalize", "--environment", "preview-x"], now: "2026-11-22T15:05:00Z")
        #expect(refinalized.status == 0 && refinalized.stdout.contains("already finalized"), "\(refinalized.stderr)")
        #expect(try ttl(["extend", "--environment", "preview-x"]).status == 4)
        let gone = try ttl(["show", "--environment", "preview-x"])
        #expect(gone.status == 4 && gone.stderr.contains("has no metadata.json") && gone.outputs.isEmpty)
    }

    /// finalize deletes only what is being destroyed: a live environment, or one nobody can read, keeps everything.
    /// A platform.yml with guardrails, written for one test.
    func platform(_ guardrails: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("platform-\(UUID().uuidString).yml").path
        try """
            aws_region: us-east-1
            role_arn: arn:aws:iam::123456789012:role/idp/idp-github-actions
            state_bucket: \(bucket)
            ecr_repository: mini-idp-preview
            tofu_version: 1.10.6
            guardrails:
            \(guardrails)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Guardrails refuse a new environment before anything is recorded, say which limit and how to
    /// make room; an environment that exists is never refused; the estimate is recorded and listed.
    @Test func guardrailsRefuseNewEnvironmentsOnly() throws {
        let limits = try platform("  max_environments_per_repository: 2\n  max_ttl:\n    api-database: 2d")
        defer { try? FileManager.default.removeItem(atPath: limits) }
        for (name, branch) in [("preview-a", "feature/a"), ("preview-b", "feature/b")] {
            let run = try ttl(["create", "--environment", name, "--platform", limits], extra: ["GITHUB_HEAD_REF": branch])
            #expect(run.status == 0, "\(run.stderr)")
            // The default api-service (0.25 vCPU, 0.5 GB) with its own load balancer, us-east-1.
            #expect(run.outputs["cost_per_hour"].flatMap(Double.init).map { abs($0 - 0.058130171) < 1e-6 } == true, "\(run.outputs)")
        }
        let refused = try ttl(["create", "--environment", "preview-c", "--platform", limits], extra: ["GITHUB_HEAD_REF": "feature/c"])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("::error title=idp-ttl [guardrail.repository]::")
            && refused.stderr.contains("acme/shop already has 2 environments") && refused.stderr.contains("idp-ttl list --repository acme/shop"))
        #expect(try ttl(["show", "--environment", "preview-c"]).status == 4, "nothing was recorded")
        // A push to an existing environment is not refused; its estimate follows the config it pushes.
        let bigger = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).yml").path
        try "cpu: 1024\nmemory: 2048\n".write(toFile: bigger, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: bigger) }
        let again = try ttl(["create", "--environment", "preview-a", "--platform", limits, "--config", bigger], extra: ["GITHUB_HEAD_REF": "feature/a"])
        #expect(again.status == 0 && again.outputs["created"] == "false", "\(again.stderr)")
        let biggerHourly: Double = 0.04048 + 2 * 0.004445 + 0.0325 + (0.4 + 31 * 0.30) / 730
        let recorded = again.outputs["cost_per_hour"].flatMap(Double.init) ?? 0
        #expect(abs(recorded - biggerHourly) < 1e-6, "\(again.outputs)")
        let longDatabase = try ttl(["create", "--environment", "preview-pg", "--template", "api-database", "--ttl", "3d", "--platform", limits],
                                   extra: ["GITHUB_REPOSITORY": "acme/web", "GITHUB_HEAD_REF": "feature/db"])
        #expect(longDatabase.status == 3 && longDatabase.stderr.contains("ttl 3d is longer than max_ttl for api-database (2d)"))

        let listed = try ttl(["list", "--repository", "acme/shop"])
        #expect(listed.outputs["count"] == "2" && listed.stdout.contains("EST. COST/DAY") && listed.stdout.contains("$1.40"))
        // $1.40 + (1 vCPU, 2 GB: 0.04048 + 0.00889 + 0.0325 + 4 alarm metrics + 31 Container Insights metrics) × 24 = $1.40 + $2.28.
        #expect(listed.summary.contains("about $3.68 a day"), "\(listed.summary)")
        #expect(try ttl(["list", "--repository", "acme/web"]).outputs["count"] == "0")
    }

    /// A push that asks for another template, or raises the estimate past the monthly cap, is refused
    /// (exit 3, `kept=true`) and the record stays as it was; a push that lowers the cost goes through.
    @Test func pushesMayNotChangeTheTemplateNorRaiseTheCostPastTheCap() throws {
        let limits = try platform("  max_monthly_cost_per_repository: 100")
        defer { try? FileManager.default.removeItem(atPath: limits) }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).yml").path
        defer { try? FileManager.default.removeItem(atPath: config) }
        func push(_ yaml: String, template: String = "api-service") throws -> ToolRun {
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
            return try ttl(["create", "--environment", "preview-p", "--template", template, "--platform", limits, "--config", config],
                           extra: ["GITHUB_HEAD_REF": "feature/p"])
        }
        #expect(try push("cpu: 256\nmemory: 512\n").outputs["created"] == "true")
        let s3 = S3Client(client: AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment)), bucket: bucket)
        let before = try #require(try s3.get("environments/preview-p/metadata.json"))

        let changed = try push("cpu: 256\nmemory: 512\n", template: "api-database")
        #expect(changed.status == 3 && changed.outputs["kept"] == "true" && changed.stderr.contains("[template.changed]"), "\(changed.stderr)")
        let huge = try push("cpu: 16384\nmemory: 122880\n")
        #expect(huge.status == 3 && huge.outputs["kept"] == "true" && huge.stderr.contains("[guardrail.cost]")
                && huge.stderr.contains("over max_monthly_cost_per_repository ($100.00)"), "\(huge.stderr)")
        let after = try #require(try s3.get("environments/preview-p/metadata.json"))
        #expect(after.etag == before.etag && after.body == before.body, "a refused push changes nothing")

        let smaller = try push("cpu: 256\nmemory: 512\n")
        #expect(smaller.status == 0 && smaller.outputs["created"] == "false", "\(smaller.stderr)")
    }

    /// Pushes extend, until the lifetime since creation: then the expiry stays, with a warning.
    @Test func extendStopsAtTheMaximumLifetime() throws {
        let limits = try platform("  max_lifetime: 3d")
        defer { try? FileManager.default.removeItem(atPath: limits) }
        #expect(try ttl(["create", "--environment", "preview-old", "--ttl", "2d"]).status == 0)
        let early = try ttl(["extend", "--environment", "preview-old", "--platform", limits], now: "2026-11-22T21:30:00Z")
        #expect(early.status == 0 && early.outputs["lifetime_reached"] == "false" && early.outputs["expires_at"] == "2026-11-24T21:30:00Z")
        let late = try ttl(["extend", "--environment", "preview-old", "--platform", limits], now: "2026-11-24T09:30:00Z")
        #expect(late.status == 0 && late.outputs["lifetime_reached"] == "true", "\(late.stderr)")
        #expect(late.outputs["expires_at"] == "2026-11-25T09:30:00Z" && late.outputs["lifetime_ends_at"] == "2026-11-25T09:30:00Z")
        #expect(late.stderr.contains("::warning title=idp-ttl [lifetime.reached]::") && late.stderr.contains("maximum lifetime (3d"))

        // An explicit --ttl is held to the template's limit, as at creation.
        let perTemplate = try platform("  max_ttl:\n    api-service: 1d")
        defer { try? FileManager.default.removeItem(atPath: perTemplate) }
        let held = try ttl(["extend", "--environment", "preview-old", "--ttl", "5d", "--platform", perTemplate], now: "2026-11-26T09:30:00Z")
        #expect(held.status == 0 && held.outputs["expires_at"] == "2026-11-27T09:30:00Z", "\(held.stderr)")
        #expect(held.stderr.contains("[guardrail.ttl]") && held.stderr.contains("extended by 1d"))
    }

    @Test func finalizeRefusesWhatIsNotBeingDestroyed() throws {
        #expect(try ttl(["create", "--environment", "preview-live", "--ttl", "3d"]).status == 0)
        #expect(try ttl(["mark", "--environment", "preview-live", "--status", "active"]).status == 0)
        let refused = try ttl(["finalize", "--environment", "preview-live"])
        #expect(refused.status == 3 && refused.stderr.contains("is active, not destroying"), "\(refused.stderr)")
        #expect(try ttl(["show", "--environment", "preview-live"]).outputs["status"] == "active", "nothing was deleted")

        let client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        let s3 = S3Client(client: client, bucket: bucket)
        try s3.put("environments/preview-torn/metadata.json", Array("{\"name\":".utf8), contentType: "application/json")
        try s3.put("environments/preview-torn/terraform.tfstate", Array("{}".utf8), contentType: "application/json")
        let unreadable = try ttl(["finalize", "--environment", "preview-torn"])
        #expect(unreadable.status == 1, "\(unreadable.stderr)")
        #expect(try s3.list(prefix: "environments/preview-torn/").count == 2)
    }

    /// Reads in flight together give the same answer as one at a time.
    @Test func concurrentReadsGiveTheSequentialAnswer() throws {
        for i in 0..<40 {
            #expect(try ttl(["create", "--environment", "preview-c\(i)", "--ttl", i % 3 == 0 ? "1h" : "3d"], extra: ["GITHUB_HEAD_REF": "feature/c\(i)"]).status == 0)
        }
        let one = try ttl(["list", "--format", "json"], now: "2026-11-22T12:00:00Z", extra: ["IDP_MAX_CONCURRENCY": "1"])
        let many = try ttl(["list", "--format", "json"], now: "2026-11-22T12:00:00Z", extra: ["IDP_MAX_CONCURRENCY": "32"])
        #expect(one.status == 0 && many.status == 0 && one.stdout == many.stdout && one.outputs["count"] == "40")
        let dry = try ttl(["scan", "--dry-run"], now: "2026-11-22T12:00:00Z")
        #expect(dry.outputs["count"] == "14" && dry.outputs["count_1"] == "14" && dry.outputs["count_2"] == "0")
        #expect(try ttl(["list"], extra: ["IDP_MAX_CONCURRENCY": "0"]).status == 2)
    }

    /// A run cancelled or lost mid-apply never marks its record; the scan does, and nothing else.
    @Test func scanMarksAnAbandonedProvisionFailed() throws {
        #expect(try ttl(["create", "--environment", "preview-gone", "--ttl", "3d"]).status == 0)
        #expect(try ttl(["create", "--environment", "preview-busy", "--ttl", "3d"], now: "2026-11-22T11:00:00Z",
                        extra: ["GITHUB_HEAD_REF": "feature/busy"]).status == 0)
        let dry = try ttl(["scan", "--dry-run"], now: "2026-11-22T11:30:00Z")
        #expect(dry.status == 0 && dry.stdout.contains("abandoned preview-gone"))
        #expect(try ttl(["show", "--environment", "preview-gone"], now: "2026-11-22T11:30:00Z").outputs["status"] == "provisioning")

        let scan = try ttl(["scan"], now: "2026-11-22T11:30:00Z")
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(scan.outputs["count"] == "0", "an abandoned provision is not destroyed before it expires")
        #expect(scan.stderr.contains("lifecycle.abandoned"))
        #expect(try ttl(["show", "--environment", "preview-gone"], now: "2026-11-22T11:30:00Z").outputs["status"] == "failed")
        #expect(try ttl(["show", "--environment", "preview-busy"], now: "2026-11-22T11:30:00Z").outputs["status"] == "provisioning")
    }

    /// destroy.yml runs twice for one environment (pull request closed, then branch deleted).
    @Test func showIfExistsMakesAMissingRecordANoOp() throws {
        let missing = try ttl(["show", "--environment", "preview-never"])
        #expect(missing.status == 4)
        let quiet = try ttl(["show", "--environment", "preview-never", "--if-exists"])
        // The destroy job that decides again inside the group gets the longest template's budget.
        #expect(quiet.status == 0 && quiet.outputs == ["found": "false", "timeout_minutes": "60"], "\(quiet.stderr)")
        let mark = try ttl(["mark", "--environment", "preview-never", "--status", "destroying", "--if-exists"])
        #expect(mark.status == 0 && mark.outputs == ["found": "false"] && mark.stdout.contains("no record of preview-never: nothing to do"))
        #expect(try ttl(["mark", "--environment", "preview-never", "--status", "destroying"]).status == 4)

        #expect(try ttl(["create", "--environment", "preview-here", "--pr", "12"]).status == 0)
        let found = try ttl(["show", "--environment", "preview-here", "--if-exists"])
        #expect(found.outputs["found"] == "true" && found.outputs["repository"] == "acme/shop" && found.outputs["pr_number"] == "12")
        #expect(found.outputs["repository_owner"] == "acme" && found.outputs["repository_name"] == "shop" && found.outputs["branch"] == "feature/x")
    }

    /// Every read reaches the tool late (through `scripts/lib/latency_proxy.py --stale-reads 80`), so writers overtake each other;
    /// only conditional writes with re-read and retry keep every update.
    @Test func parallelExtendsAndScansLoseNoUpdate() throws {
        #expect(try ttl(["create", "--environment", "preview-busy", "--ttl", "1h"]).status == 0)
        #expect(try ttl(["create", "--environment", "preview-done", "--ttl", "1h"]).status == 0)
        let proxy = try BackgroundProcess("python3", [ToolProcess.packageRoot.appendingPathComponent("scripts/lib/latency_proxy.py").path, Moto.url, "0", "--stale-reads", "80"])
        let slow = ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(proxy.firstLine)", "AWS_MAX_ATTEMPTS": "3"]
        let results = LockedArray<ToolRun>()
        DispatchQueue.concurrentPerform(iterations: 20) { i in
            // 16 extends of preview-busy, the longest first so later, shorter ones race it; and 4 scans
            // that find preview-done expired.
            let run = i < 16
                ? try? ttl(["extend", "--environment", "preview-busy", "--ttl", "\(16 - i)h"], now: "2026-11-22T10:00:00Z", extra: slow)
                : try? ttl(["scan"], now: "2026-11-22T10:45:00Z", extra: slow.merging(["IDP_MAX_DESTROYS": "10"]) { $1 })
            if let run { results.append(run) }
        }
        #expect(results.values.count == 20 && results.values.allSatisfy { $0.status == 0 })
        let list = try JSONValue.parse(try ttl(["list", "--format", "json"], now: "2026-11-22T10:50:00Z").stdout)
        guard case .array(let entries) = list else { Issue.record("not a list"); return }
        let busy = try #require(entries.first { $0["name"] == .string("preview-busy") })
        #expect(busy["expires_at"] == .string("2026-11-23T02:00:00Z"), "the 16h extend must survive every race")
        #expect(busy["ttl"] == .string("1h"))
        let done = try #require(entries.first { $0["name"] == .string("preview-done") })
        #expect(done["status"] == .string("destroying") && done["destroy_attempts"] == .number(1), "exactly one scan marks it")
        let matrices = results.values.compactMap { $0.outputs["matrix"] }.filter { $0.contains("preview-done") }
        #expect(matrices.count == 1, "only one scan hands it to destroy")
    }

    @Test func unreachableAWSFailsWithTheRemoteExitCode() throws {
        let run = try ttl(["extend", "--environment", "preview-x"], extra: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_MAX_ATTEMPTS": "2"])
        #expect(run.status == 5)
        #expect(run.stderr.contains("s3:GetObject environments/preview-x/metadata.json failed: connection failed"))
    }

    @Test func missingConfigurationIsAUsageError() throws {
        let run = try ToolProcess.run("idp-ttl", ["scan", "--bucket", bucket], environment: ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"])
        #expect(run.status == 2 && run.stderr.contains("no AWS region"))
    }

    @Test func secretsAreMaskedInActions() throws {
        let run = try ttl(["list"], extra: ["AWS_SESSION_TOKEN": "session-token-value"])
        #expect(run.stderr.contains("::add-mask::testing") && run.stderr.contains("::add-mask::session-token-value"))
    }

    /// A TTL cleanup that stopped running is noticed: the scan leaves a mark, `list` shows it, and a
    /// push (extend) warns once it is overdue.
    @Test func aStoppedCleanupIsNoticed() throws {
        #expect(try ttl(["create", "--environment", "preview-beat", "--ttl", "3d"]).status == 0)
        let never = try ttl(["list"])
        #expect(never.stdout.contains("has never run"), "\(never.stdout)")
        let scan = try ttl(["scan"], extra: ["GITHUB_RUN_ID": "99", "GITHUB_SERVER_URL": "https://github.com"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let fresh = try ttl(["list", "--format", "markdown"], now: "2026-11-22T11:30:00Z")
        #expect(fresh.stdout.contains("TTL cleanup last ran 2h ago (2026-11-22T09:30:00Z)"), "\(fresh.stdout)")
        #expect(!(try ttl(["extend", "--environment", "preview-beat"], now: "2026-11-22T21:30:00Z")).stderr.contains("cleanup.overdue"))
        let late = try ttl(["extend", "--environment", "preview-beat"], now: "2026-11-24T09:30:00Z")
        #expect(late.status == 0)
        #expect(late.stderr.contains("::warning title=idp-ttl [cleanup.overdue]::the platform's TTL cleanup (ttl-cleanup.yml) has not run since 2026-11-22T09:30:00Z (2d ago)"),
                "\(late.stderr)")
    }
}

extension JSONValue {
    var arrayFirst: JSONValue? {
        if case .array(let items) = self { return items.first }
        return nil
    }
}

/// Collects results from concurrent work.
final class LockedArray<T>: @unchecked Sendable {
    private var items: [T] = []
    private let lock = NSLock()
    func append(_ item: T) { lock.lock(); items.append(item); lock.unlock() }
    var values: [T] { lock.lock(); defer { lock.unlock() }; return items }

}
