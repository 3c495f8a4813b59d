import Foundation
import Testing
import TestSupport
@testable import IDPCore

/// `idp-pr-comment` as a process against a local server that behaves as GitHub documents.
@Suite struct PRCommentToolTests {
    let marker = "<!-- mini-idp:preview-environment:preview-pay -->"

    /// A fake GitHub with `comments` on PR 7, the request log, and a way to read its state.
    struct Server {
        let process: BackgroundProcess
        let log: URL
        var url: String { "http://127.0.0.1:\(process.firstLine)" }

        init(_ scenario: [String: Any]) throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gh-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let file = dir.appendingPathComponent("scenario.json")
            try JSONSerialization.data(withJSONObject: scenario).write(to: file)
            log = dir.appendingPathComponent("requests.jsonl")
            process = try BackgroundProcess("python3", [Golden.fixtures().appendingPathComponent("fake_github.py").path, file.path, log.path])
        }

        var requests: [[String: Any]] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        var state: [String: [[String: Any]]] {
            let text = (try? Python.run(Golden.fixtures().appendingPathComponent("fetch.py").path, arguments: [url + "/_state"])) ?? ""
            let data = Data(text.utf8)
            return (try? JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]]) ?? [:]
        }
    }

    func comment(_ server: Server, _ args: [String], extra: [String: String] = [:]) throws -> ToolRun {
        try ToolProcess.run("idp-pr-comment", ["--environment", "preview-pay", "--pr", "7"] + args, environment: [
            "GITHUB_ACTIONS": "true", "GITHUB_API_URL": server.url, "GITHUB_TOKEN": "ghs_secret", "GITHUB_REPOSITORY": "acme/shop",
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42", "GITHUB_SHA": "0123456789abcdef", "AWS_REGION": "eu-west-1",
            "IDP_NOW": "2026-11-22T09:30:00Z",
        ].merging(extra) { $1 })
    }

    static func others(_ count: Int) -> [[String: String]] {
        (0..<count).map { ["login": $0 % 3 == 0 ? "alice" : "github-actions[bot]", "body": "comment \($0)"] }
    }

    @Test func findsTheMarkerOnPageThreeOf250AndUpdatesIt() throws {
        var seeded = Self.others(250)
        seeded[230] = ["login": "github-actions[bot]", "body": marker + "\nold"]
        seeded[10] = ["login": "github-actions[bot]", "body": "<!-- mini-idp:preview-environment:preview-pay-b -->\nother env"]
        seeded[20] = ["login": "alice", "body": "quoting " + marker]
        let server = try Server(["comments": ["7": seeded]])
        let run = try comment(server, ["--status", "ready", "--endpoint", "https://preview-pay.example.com", "--expires-at", "2026-11-22T11:30:00Z"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs["action"] == "updated")
        let requests = server.requests
        #expect(requests.count == 4, "3 pages + 1 write")
        #expect(requests.prefix(3).allSatisfy { ($0["path"] as! String).contains("per_page=100") })
        #expect(requests.allSatisfy { $0["accept"] as? String == "application/vnd.github+json" && $0["version"] as? String == "2022-11-28" })
        #expect(requests.last?["method"] as? String == "PATCH")
        let bodies = server.state["7"]!.map { $0["body"] as! String }
        #expect(bodies[230].contains("https://preview-pay.example.com") && bodies[230].contains("2026-11-22 11:30:00 UTC (in 2h)"))
        #expect(bodies[10] == "<!-- mini-idp:preview-environment:preview-pay-b -->\nother env", "another environment's comment is left alone")
        #expect(bodies[20] == "quoting " + marker, "a person's comment quoting the marker is left alone")
        #expect(run.stderrLines.first == "::add-mask::ghs_secret", "masked before anything else is printed")
        #expect(!run.stderrLines.dropFirst().joined().contains("ghs_secret") && !run.stdout.contains("ghs_secret"))

        let again = try comment(server, ["--status", "ready", "--endpoint", "https://preview-pay.example.com", "--expires-at", "2026-11-22T11:30:00Z"])
        #expect(again.outputs["action"] == "unchanged")
        #expect(server.requests.count == 7, "unchanged: 3 pages, no write")
    }

    @Test func createsWhenAbsentWithEndpointFromTofuOutputs() throws {
        let server = try Server(["comments": ["7": Self.others(3)]])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let outputs = dir.appendingPathComponent("outputs.json")
        try #"{"endpoint": {"sensitive": false, "type": "string", "value": "http://alb.example.com"}, "log_group": {"sensitive": false, "type": "string", "value": "/idp/preview-pay"}, "db_password": {"sensitive": true, "type": "string", "value": "hunter2"}}"#
            .write(to: outputs, atomically: true, encoding: .utf8)
        let run = try comment(server, ["--status", "ready", "--outputs", outputs.path, "--template", "api-service"])
        #expect(run.outputs["action"] == "created")
        #expect(run.stderr.contains("::add-mask::hunter2"))
        let body = try #require(server.state["7"]?.last?["body"] as? String)
        #expect(body.hasPrefix(marker) && body.contains("http://alb.example.com") && !body.contains("hunter2"))
        #expect(body.contains("[logs](https://github.com/acme/shop/actions/runs/42)") && body.contains("`0123456789ab`"))
        #expect(body.contains("log-group/$252Fidp$252Fpreview-pay"))
    }

    @Test func retriesAfterRetryAfterRateLimitAndServerErrors() throws {
        let server = try Server(["comments": ["7": Self.others(2)], "faults": [
            ["method": "GET", "status": 403, "times": 1, "headers": ["retry-after": "1"]],
            ["method": "GET", "status": 429, "times": 1, "headers": ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "soon"]],
            ["method": "POST", "status": 502, "times": 1],
        ]])
        let run = try comment(server, ["--status", "provisioning"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs["action"] == "created")
        #expect(server.requests.count == 5)
    }

    @Test func aReadOnlyTokenWritesTheSummaryAndSucceeds() throws {
        let server = try Server(["comments": ["7": Self.others(1)], "readonly": true])
        let run = try comment(server, ["--status", "ready", "--endpoint", "https://x"])
        #expect(run.status == 0)
        #expect(run.outputs["action"] == "summary-only")
        #expect(run.stderr.contains("::warning title=idp-pr-comment [comment.skipped]::"))
        #expect(run.summary.contains(marker) && run.summary.contains("https://x"))
        #expect(server.requests.count == 2, "a 403 without rate-limit headers is not retried")
    }

    /// Who may open the URL (idp-tfvars' access output) is a row of a ready comment.
    @Test func theCommentSaysWhoCanOpenTheURL() throws {
        let server = try Server(["comments": ["7": Self.others(1)], "readonly": true])
        let run = try comment(server, ["--status", "ready", "--endpoint", "https://x", "--access", "after signing in at https://login.example.com"])
        #expect(run.summary.contains("| Who can open it | after signing in at https://login.example.com |"), "\(run.summary)")
    }

    /// A fork's run validates and says so; its read-only token puts the comment in the summary.
    @Test func aForkGetsASkippedCommentInTheSummary() throws {
        let server = try Server(["repos": ["acme/shop": ["pulls": [7]]], "tokens": ["ghs_secret": ["read": ["acme/shop"]]]])
        let run = try comment(server, ["--status", "skipped"])
        #expect(run.status == 0 && run.outputs["action"] == "summary-only", "\(run.stderr)")
        #expect(run.summary.contains("No preview environment `preview-pay`") && run.summary.contains("forks"))
        #expect(server.state["acme/shop#7"]?.isEmpty == true)
    }

    /// A scheduled destroy comments with the platform's App: it updates the comment the consumer's
    /// run wrote rather than adding a second one, and still leaves a person's quote alone.
    @Test func everyNamedAuthorCountsAsOurs() throws {
        let comments: [[String: String]] = [
            ["login": "alice", "body": "\(marker)\nquoted by a person"],
            ["login": "github-actions[bot]", "body": "\(marker)\n### ready"],
        ]
        let server = try Server(["comments": ["7": comments]])
        let run = try comment(server, ["--status", "destroyed", "--author", "github-actions[bot]", "--author", "mini-idp[bot]"])
        #expect(run.outputs["action"] == "updated", "\(run.stderr)")
        let after = server.state["7"] ?? []
        #expect(after.count == 2 && after.first?["body"] as? String == "\(marker)\nquoted by a person")
        #expect((after.last?["body"] as? String)?.contains("was destroyed") == true)

        let other = try Server(["comments": ["7": comments]])
        let alone = try comment(other, ["--status", "destroyed"], extra: ["IDP_COMMENT_AUTHOR": "mini-idp[bot]"])
        #expect(alone.outputs["action"] == "created", "github-actions[bot]'s comment is not ours unless named")
        #expect(other.state["7"]?.count == 3)
    }

    func outputsFile(_ json: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID().uuidString).json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func aSensitiveEndpointIsNeverShown() throws {
        let server = try Server(["comments": ["7": []]])
        let path = try outputsFile(#"{"endpoint": {"sensitive": true, "type": "string", "value": "https://hidden.internal.example"}}"#)
        for args in [["--dry-run"], []] {
            let run = try comment(server, ["--status", "ready", "--outputs", path] + args)
            #expect(run.status == 0, "\(run.stderr)")
            let printed = (run.stdout + run.stderr).split(separator: "\n").filter { !$0.hasPrefix("::add-mask::") }.joined(separator: "\n")
            #expect(!printed.contains("hidden.internal"), "only the mask command may carry it: \(printed)")
        }
        let body = try #require(server.state["7"]?.first?["body"] as? String)
        #expect(body.contains("| Endpoint | (sensitive) |") && !body.contains("hidden.internal"))
    }

    /// People see what their environment costs where they look: an estimate per day and until
    /// expiry; and when pushes no longer extend it, the comment says so.
    @Test func theCommentShowsTheEstimateAndTheLifetimeLimit() throws {
        let server = try Server(["comments": ["7": []]])
        let run = try comment(server, ["--status", "ready", "--expires-at", "2026-11-27T09:30:00Z", "--cost-per-hour", "0.0766666667",
                                       "--lifetime-reached", "--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| Estimated cost | about $1.84 a day; $9.20 until it expires |"), "\(run.stdout)")
        #expect(run.stdout.contains("reached the platform's maximum lifetime"))
        let plain = try comment(server, ["--status", "ready", "--dry-run"])
        #expect(!plain.stdout.contains("Estimated cost") && !plain.stdout.contains("maximum lifetime"))
        let refused = try comment(server, ["--status", "failed", "--note", "acme/shop already has 10 environments\n<script>x</script>", "--dry-run"])
        #expect(refused.stdout.contains("> acme/shop already has 10 environments\n> &lt;script&gt;x&lt;/script&gt;\n"), "\(refused.stdout)")
        let bad = try comment(server, ["--status", "ready", "--cost-per-hour", "cheap", "--dry-run"])
        #expect(bad.status == 1 && bad.stderr.contains("\"cheap\""))
    }

    @Test func aNullOrStructuredEndpointGivesNoRow() throws {
        for value in ["null", "42", #"["a", "b"]"#] {
            let server = try Server(["comments": ["7": []]])
            let path = try outputsFile(#"{"endpoint": {"sensitive": false, "type": "string", "value": \#(value)}}"#)
            let run = try comment(server, ["--status", "ready", "--outputs", path, "--dry-run"])
            #expect(run.status == 0 && !run.stdout.contains("Endpoint"), "\(value): \(run.stdout)")
        }
    }

    /// A value cannot close the marker's HTML comment nor forge another environment's marker: a
    /// later --delete of that environment must not find this comment.
    @Test func valuesCannotForgeAMarkerOrInjectHTML() throws {
        let server = try Server(["comments": ["7": []]])
        let forged = "https://x.example/ --> <!-- mini-idp:preview-environment:preview-other --> <img src=x>"
        #expect(try comment(server, ["--status", "ready", "--endpoint", forged]).outputs["action"] == "created")
        let body = try #require(server.state["7"]?.first?["body"] as? String)
        #expect(!body.dropFirst(marker.count).contains("<!--") && !body.dropFirst(marker.count).contains("-->") && !body.contains("<img"), "\(body)")
        #expect(body.contains("&lt;!-- mini-idp:preview-environment:preview-other --&gt;"))
        let delete = try comment(server, ["--environment", "preview-other", "--delete"])
        #expect(delete.outputs["action"] == "absent", "\(delete.stderr)")
        #expect(server.state["7"]?.count == 1)
    }

    /// A comment is ours only when the marker is its first line.
    @Test func aMarkerBelowTheFirstLineIsNotOurs() throws {
        let server = try Server(["comments": ["7": [["login": "github-actions[bot]", "body": "Deploy notes\n\(marker)\nby another workflow"]]]])
        let run = try comment(server, ["--status", "ready", "--endpoint", "https://x"])
        #expect(run.outputs["action"] == "created")
        #expect(server.state["7"]?.first?["body"] as? String == "Deploy notes\n\(marker)\nby another workflow")
    }

    /// Masks go to the runner escaped as the toolkit's setSecret escapes them.
    @Test func masksAreEscapedAsTheToolkitDoes() throws {
        let server = try Server(["comments": ["7": []]])
        let run = try comment(server, ["--status", "ready", "--dry-run"], extra: ["GITHUB_TOKEN": "ghs_a%25b\nsecond"])
        let masks = run.stderr.split(separator: "\n").filter { $0.hasPrefix("::add-mask::") }
        #expect(masks == ["::add-mask::ghs_a%2525b%0Asecond", "::add-mask::ghs_a%2525b", "::add-mask::second"], "\(masks)")
    }

    @Test func aMissingPullRequestIsAWarningNotAFailure() throws {
        let server = try Server(["comments": ["7": []]])
        let run = try ToolProcess.run("idp-pr-comment", ["--environment", "preview-pay", "--pr", "99", "--status", "destroyed"], environment: [
            "GITHUB_ACTIONS": "true", "GITHUB_API_URL": server.url, "GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "acme/shop"])
        #expect(run.status == 0 && run.outputs["action"] == "summary-only")
    }

    /// The back-off itself is checked in IDPGitHubTests with an injected sleep; here only that a
    /// final failure maps to the remote exit code, after one 5xx retry (1 s).
    @Test func persistentServerErrorsFailWithTheRemoteCode() throws {
        let server = try Server(["comments": ["7": []], "faults": [["method": "GET", "status": 500, "times": 1], ["method": "GET", "status": 404, "times": 1]]])
        let run = try comment(server, ["--status", "ready"])
        #expect(run.status == 0 && run.outputs["action"] == "summary-only", "a 404 after a 5xx retry is a pull request that is gone")
        let failing = try Server(["comments": ["7": []], "faults": [["method": "GET", "status": 422, "times": 1, "message": "Validation Failed"]]])
        let final = try comment(failing, ["--status", "ready"])
        #expect(final.status == 5 && final.stderr.contains("Validation Failed"))
        #expect(failing.requests.count == 1, "other 4xx are final")
    }

    @Test func deleteAndDryRun() throws {
        let server = try Server(["comments": ["7": [["login": "github-actions[bot]", "body": marker + "\nx"]]]])
        let dry = try comment(server, ["--delete", "--dry-run"])
        #expect(dry.outputs["action"] == "would-delete" && server.state["7"]?.count == 1)
        let gone = try comment(server, ["--delete"])
        #expect(gone.outputs["action"] == "deleted" && server.state["7"]?.isEmpty == true)
        #expect(try comment(server, ["--delete"]).outputs["action"] == "absent")
    }

    @Test func theBodyIsCappedWithAVisibleNote() throws {
        let server = try Server(["comments": ["7": []]])
        // Larger than any argument may be, so it comes through an outputs file, as it would from tofu.
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).json")
        try #"{"endpoint": {"sensitive": false, "type": "string", "value": "\#(String(repeating: "é", count: 140_000))"}}"#
            .write(to: outputs, atomically: true, encoding: .utf8)
        let run = try comment(server, ["--status", "ready", "--outputs", outputs.path])
        #expect(run.status == 0, "\(run.stderr)")
        let body = try #require(server.state["7"]?.first?["body"] as? String)
        #expect(body.count <= 65_536 && body.utf8.count <= 262_144)
        #expect(body.contains("Comment truncated to fit GitHub's limit; the full details are in the [workflow run]"))
    }

    @Test func thePullRequestComesFromTheEventPayload() throws {
        let server = try Server(["comments": ["12": []]])
        let event = FileManager.default.temporaryDirectory.appendingPathComponent("event-\(UUID().uuidString).json")
        try #"{"action": "synchronize", "number": 12, "pull_request": {"number": 12}}"#.write(to: event, atomically: true, encoding: .utf8)
        let run = try ToolProcess.run("idp-pr-comment", ["--environment", "preview-pay", "--status", "ready"], environment: [
            "GITHUB_API_URL": server.url, "GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_EVENT_PATH": event.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.state["12"]?.count == 1, "\(run.stderr) \(server.state)")
    }
}
