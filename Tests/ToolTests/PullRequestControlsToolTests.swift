import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore

/// `idp-ttl event` and `idp-ttl answer` as processes: the first reads only files, the second a
/// local server that behaves as GitHub documents (permissions, pull requests, reactions) and moto.
@Suite struct PullRequestControlsToolTests {
    static func file(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let labelMode = """
        aws_region: eu-west-1
        role_arn: arn:aws:iam::123456789012:role/idp
        state_bucket: acme-idp-state
        ecr_repository: mini-idp-preview
        tofu_version: 1.10.6
        pull_requests:
          create: label
        """

    func event(_ payload: String, for workflow: String, name: String = "pull_request") throws -> ToolRun {
        try ToolProcess.run("idp-ttl", ["event", "--for", workflow, "--platform", try Self.file("platform.yml", Self.labelMode)], environment: [
            "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": try Self.file("event.json", payload),
        ])
    }

    @Test func labelModeProvisionsOnTheLabelAndDestroysWithoutIt() throws {
        let opened = #"{"action": "opened", "pull_request": {"number": 7, "labels": [{"name": "bug"}]}}"#
        #expect(try event(opened, for: "provision").outputs["run"] == "false")
        let added = #"{"action": "labeled", "label": {"name": "preview"}, "pull_request": {"number": 7, "labels": [{"name": "preview"}]}}"#
        let run = try event(added, for: "provision")
        #expect(run.status == 0 && run.outputs["run"] == "true" && run.outputs["reason"] == #"the label "preview" was added"#, "\(run.stderr)")
        #expect(try event(added, for: "destroy").outputs["run"] == "false", "one event, one workflow")
        let removed = #"{"action": "unlabeled", "label": {"name": "preview"}, "pull_request": {"number": 7, "labels": []}}"#
        #expect(try event(removed, for: "destroy").outputs["run"] == "true")
        #expect(try event(#"{"ref": "feature/x", "ref_type": "branch"}"#, for: "destroy", name: "delete").outputs["run"] == "true",
                "other events are the caller's choice")
    }

    /// Triage may label; only writers steer environments, by label as by comment.
    @Test func aLabelSetByTriageSteersNothing() throws {
        let server = try PRCommentToolTests.Server(["repo": "acme/shop", "comments": ["7": [[String: String]]()],
                                                     "collaborators": ["acme/shop": ["tina": "triage", "walt": "write"]]])
        func removed(by login: String) throws -> ToolRun {
            let payload = #"{"action": "unlabeled", "label": {"name": "preview"}, "sender": {"login": "\#(login)"}, "pull_request": {"number": 7, "labels": []}}"#
            return try ToolProcess.run("idp-ttl", ["event", "--for", "destroy", "--platform", try Self.file("platform.yml", Self.labelMode)], environment: [
                "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": try Self.file("event.json", payload),
                "GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": server.url, "GITHUB_TOKEN": "ghs_x",
            ])
        }
        let triage = try removed(by: "tina")
        #expect(triage.outputs["run"] == "false" && triage.outputs["reason"]?.contains(#"@tina has "read" permission"#) == true, "\(triage.stderr)")
        #expect(try removed(by: "walt").outputs["run"] == "true")
    }

    /// In label mode a push while the label is on provisions only when someone with write access set
    /// the label (its `labeled` event): a triage user's label, refused when it was added, stays
    /// refused on every push after.
    @Test func aLabelSetByTriageStaysRefusedOnEveryPush() throws {
        func pushed(labelSetBy login: String) throws -> ToolRun {
            let server = try PRCommentToolTests.Server(["repo": "acme/shop", "comments": ["7": [[String: String]]()],
                                                         "collaborators": ["acme/shop": ["tina": "triage", "walt": "write"]],
                                                         "pull_states": ["acme/shop#7": ["labels": ["preview"], "labelers": ["preview": login]]]])
            let payload = #"{"action": "synchronize", "sender": {"login": "walt"}, "pull_request": {"number": 7, "labels": [{"name": "preview"}]}}"#
            return try ToolProcess.run("idp-ttl", ["event", "--for", "provision", "--platform", try Self.file("platform.yml", Self.labelMode)], environment: [
                "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": try Self.file("event.json", payload),
                "GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": server.url, "GITHUB_TOKEN": "ghs_x",
            ])
        }
        let triage = try pushed(labelSetBy: "tina")
        #expect(triage.status == 0 && triage.outputs["run"] == "false", "\(triage.stderr)")
        #expect(triage.outputs["reason"]?.contains(#"set by @tina, who has "read" permission"#) == true, "\(triage.outputs)")
        #expect(try pushed(labelSetBy: "walt").outputs["run"] == "true")
    }

    /// pull_request_target runs in the base repository with its token and the platform's role for any
    /// pull request, a fork's too (whose branch name then names the caller's own environment): refused,
    /// for either workflow, whatever the action, before anything is decided.
    @Test func pullRequestTargetIsRefused() throws {
        for (payload, workflow) in [(#"{"action": "closed", "pull_request": {"number": 7, "head": {"ref": "feature/payment-api", "repo": {"full_name": "mallory/shop"}}}}"#, "destroy"),
                                    (#"{"action": "opened", "pull_request": {"number": 7, "head": {"ref": "x", "repo": null}}}"#, "provision")] {
            let refused = try event(payload, for: workflow, name: "pull_request_target")
            #expect(refused.status == 1 && refused.outputs["run"] == nil, "\(refused.stderr)")
            #expect(refused.stderr.contains(#"event "pull_request_target" is not accepted"#) && refused.stderr.contains("[event.pull-request-target]"),
                    "\(refused.stderr)")
        }
    }

    @Test func badInputIsNamed() throws {
        let wrong = try event("{}", for: "deploy")
        #expect(wrong.status == 2 && wrong.stderr.contains(#"--for "deploy" must be provision or destroy"#), "\(wrong.stderr)")
        let broken = try event("{not json", for: "provision")
        #expect(broken.status != 0 && broken.stderr.contains("is not JSON"), "\(broken.stderr)")
    }
}

/// `idp-ttl answer` against moto and the GitHub stand-in.
@Suite(.enabled(if: Moto.available)) struct AnswerToolTests {
    let bucket = Moto.uniqueName("state")
    let s3: S3Client
    let marker = "<!-- mini-idp:preview-environment:preview-pay -->"

    init() throws {
        let client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        s3 = S3Client(client: client, bucket: bucket)
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
    }

    /// A server with the environment's sticky comment (1001) and `command` by `login` (1002) on #7.
    func server(_ command: String, by login: String, head: String? = nil) throws -> PRCommentToolTests.Server {
        let server = try PRCommentToolTests.Server([
            "repo": "acme/shop",
            "comments": ["7": [["login": "github-actions[bot]", "body": marker + "\n### 🟢 ready\n"], ["login": login, "body": command]]],
            "collaborators": ["acme/shop": ["walt": "write", "rita": "read", "mona": "maintain"]],
        ])
        if let head { _ = try Python.run(Golden.fixtures().appendingPathComponent("fetch.py").path, arguments: [server.url + "/_pulls/acme/shop/7", #"{"head_repo": "\#(head)"}"#]) }
        return server
    }

    func run(_ tool: String, _ args: [String], server: PRCommentToolTests.Server? = nil, event: String? = nil) throws -> ToolRun {
        var environment = Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": "2026-11-22T09:30:00Z", "GITHUB_ACTOR": "alice",
            "GITHUB_REPOSITORY": "acme/shop", "IDP_PLATFORM_REPOSITORY": "acme/mini-idp", "GITHUB_HEAD_REF": "feature/pay",
            "GITHUB_TOKEN": "ghs_secret", "GITHUB_EVENT_NAME": "issue_comment",
        ]) { $1 }
        if let server { environment["GITHUB_API_URL"] = server.url }
        if let event { environment["GITHUB_EVENT_PATH"] = try PullRequestControlsToolTests.file("event.json", event) }
        return try ToolProcess.run(tool, args, environment: environment)
    }

    func environment() throws {
        #expect(try run("idp-ttl", ["create", "--environment", "preview-pay", "--ttl", "1d", "--pr", "7"]).status == 0)
        #expect(try run("idp-ttl", ["mark", "--environment", "preview-pay", "--status", "active"]).status == 0)
    }

    func commentEvent(_ body: String, by login: String) -> String {
        let escaped = body.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
        return #"{"action": "created", "issue": {"number": 7, "pull_request": {"url": "x"}}, "comment": {"id": 1002, "body": "\#(escaped)", "user": {"login": "\#(login)"}}}"#
    }

    func record() throws -> (json: [String: Any], etag: String) {
        let (body, etag) = try #require(try s3.get("environments/preview-pay/metadata.json"))
        return (try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any], etag)
    }

    @Test func aWriterExtendsAndTheAnswerLandsInTheStickyComment() throws {
        try environment()
        let server = try server("/preview extend 3d", by: "walt")
        let answered = try run("idp-ttl", ["answer"], server: server, event: commentEvent("/preview extend 3d", by: "walt"))
        #expect(answered.status == 0 && answered.outputs["action"] == "extended", "\(answered.stderr)")
        #expect(try record().json["expires_at"] as? String == "2026-11-25T09:30:00Z")
        let comments = server.state["7"]!
        #expect(comments.count == 2, "no second comment")
        let body = comments[0]["body"] as! String
        #expect(body.hasPrefix(marker) && body.contains("<!-- mini-idp:section:command -->") && body.contains("@walt asked"), "\(body)")
        #expect((comments[1]["reactions"] as! [String: Any])["+1"] as? Int == 1)
        #expect(!answered.stdout.contains("ghs_secret") && !answered.stderrLines.dropFirst().joined().contains("ghs_secret"))
    }

    @Test func aReaderIsRefusedAndNothingChanges() throws {
        try environment()
        let before = try record()
        let server = try server("/preview destroy", by: "rita")
        let refused = try run("idp-ttl", ["answer"], server: server, event: commentEvent("/preview destroy", by: "rita"))
        #expect(refused.status == 0 && refused.outputs["action"] == "refused" && refused.outputs["environment"] == "", "\(refused.stderr)")
        #expect(refused.stderr.contains("::warning") && refused.stderr.contains(#"@rita has "read" permission"#), "\(refused.stderr)")
        #expect(try record().etag == before.etag, "the record was written")
        #expect((server.state["7"]![1]["reactions"] as! [String: Any])["confused"] as? Int == 1)
    }

    @Test func aForkIsRefusedEvenForAMaintainer() throws {
        try environment()
        let before = try record()
        let server = try server("/preview extend 2d", by: "mona", head: "mallory/shop")
        let refused = try run("idp-ttl", ["answer"], server: server, event: commentEvent("/preview extend 2d", by: "mona"))
        #expect(refused.outputs["action"] == "refused" && refused.outputs["reason"]?.contains(#"the fork "mallory/shop""#) == true, "\(refused.stderr)")
        #expect(try record().etag == before.etag)
    }

    @Test func destroyIsHandedToTheDestroyWorkflow() throws {
        try environment()
        let before = try record()
        let server = try server("/preview destroy", by: "mona")
        let handed = try run("idp-ttl", ["answer"], server: server, event: commentEvent("/preview destroy", by: "mona"))
        #expect(handed.outputs["action"] == "destroy" && handed.outputs["environment"] == "preview-pay", "\(handed.stderr)")
        #expect(try record().etag == before.etag, "destroy.yml marks and destroys it, not answer")
    }

    @Test func wakeWakesOnlyASleepingEnvironment() throws {
        try environment()
        let server = try server("/preview wake", by: "walt")
        let awake = try run("idp-ttl", ["answer"], server: server, event: commentEvent("/preview wake", by: "walt"))
        #expect(awake.outputs["action"] == "refused" && awake.outputs["reason"] == "`preview-pay` is active, not asleep: there is nothing to wake.",
                "\(awake.stderr)")
        // As idp-ttl sleep leaves it (with no resources left to start: they are gone or never were).
        var asleep = try record().json
        asleep["status"] = "sleeping"
        asleep["sleep"] = ["since": "2026-11-21T20:00:00Z", "services": [String: Int](), "alarms": [String]()]
        try s3.put("environments/preview-pay/metadata.json", Array(try JSONSerialization.data(withJSONObject: asleep)), contentType: "application/json")
        let woken = try run("idp-ttl", ["answer"], server: server, event: commentEvent("/preview wake", by: "walt"))
        #expect(woken.outputs["action"] == "woken", "\(woken.stderr)")
        let now = try record().json
        #expect(now["status"] as? String == "active" && now["slept_seconds"] as? Int == 13 * 3_600 + 1_800, "\(now)")
    }

    @Test func anOrdinaryCommentAsksNothingOfGitHub() throws {
        let server = try server("looks good", by: "rita")
        let ignored = try run("idp-ttl", ["answer"], server: server, event: commentEvent("looks good to me\n/preview destroy", by: "rita"))
        #expect(ignored.status == 0 && ignored.outputs["action"] == "none", "\(ignored.stderr)")
        #expect(server.requests.isEmpty)
    }

    @Test func withoutAnEnvironmentTheAnswerIsThePullRequestsOneCommandsComment() throws {
        let server = try server("/preview status", by: "walt")
        for _ in 0..<2 {
            let answered = try run("idp-ttl", ["answer"], server: server, event: commentEvent("/preview status", by: "walt"))
            #expect(answered.outputs["action"] == "status", "\(answered.stderr)")
        }
        let ours = server.state["7"]!.filter { ($0["body"] as! String).hasPrefix(PRComment.commandsMarker) }
        #expect(ours.count == 1 && (ours[0]["body"] as! String).contains("There is no preview environment"), "\(ours)")
    }
}

/// The scan's budget for GitHub (`--budget`) and its fair order, against moto and a GitHub stand-in
/// that answers every look-up with `retry-after`: the scan stops waiting when the budget is spent,
/// says so, hands over what it decided, and the next run looks up first whom this one skipped.
@Suite(.enabled(if: Moto.available)) struct ScanBudgetToolTests {
    let bucket = Moto.uniqueName("state")

    init() throws {
        let client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        _ = try client.send(S3Client(client: client, bucket: bucket).request("PUT"), service: .s3, operation: "s3:CreateBucket")
    }

    func run(_ args: [String], server: PRCommentToolTests.Server? = nil, extra: [String: String] = [:]) throws -> ToolRun {
        var environment = Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": "2026-11-22T09:30:00Z", "GITHUB_ACTOR": "alice",
            "GITHUB_REPOSITORY": "acme/shop",
        ].merging(extra) { $1 }) { $1 }
        if let server { environment.merge(["GITHUB_API_URL": server.url, "IDP_GITHUB_TOKEN": "ghs_scan"].merging(PlatformRun.environment()) { $1 }) { $1 } }
        return try ToolProcess.run("idp-ttl", args, environment: environment)
    }

    @Test func aSlowGitHubSpendsTheBudgetAndTheNextRunStartsWithWhomItSkipped() throws {
        for (name, pr) in [("preview-a", "7"), ("preview-b", "8"), ("preview-c", "9")] {
            #expect(try run(["create", "--environment", name, "--ttl", "2d", "--pr", pr], extra: ["GITHUB_HEAD_REF": "feature/\(name)"]).status == 0)
            #expect(try run(["mark", "--environment", name, "--status", "active"]).status == 0)
        }
        func slowServer() throws -> PRCommentToolTests.Server {
            try PRCommentToolTests.Server(["repos": ["acme/shop": ["pulls": [7, 8, 9]]],
                                           "faults": [["method": "GET", "status": 403, "times": 3, "headers": ["retry-after": "1", "x-ratelimit-remaining": "0"]]]])
        }
        let first = try slowServer()
        let scan = try run(["scan", "--budget", "2s"], server: first)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(scan.stderr.contains("[scan.budget]") && scan.stderr.contains("were not looked up on GitHub and follow their TTL alone"), "\(scan.stderr)")
        let looked = first.requests.compactMap { $0["path"] as? String }.filter { $0.contains("/pulls/") }
        #expect(looked.first?.hasSuffix("/pulls/7") == true, "\(looked)")
        #expect(!looked.contains { $0.hasSuffix("/pulls/9") }, "past the budget nothing more is asked: \(looked)")

        let second = try slowServer()
        let again = try run(["scan", "--budget", "2s"], server: second)
        #expect(again.status == 0, "\(again.stderr)")
        let next = second.requests.compactMap { $0["path"] as? String }.filter { $0.contains("/pulls/") }
        #expect(next.first.map { !$0.hasSuffix("/pulls/7") } == true, "the longest unvisited first: \(next)")

        let bad = try run(["scan", "--budget", "2d"])
        #expect(bad.status == 1 && bad.stderr.contains(#"duration "2d" is not one such as 90s, 15m or 1h"#), "\(bad.stderr)")
    }
}
