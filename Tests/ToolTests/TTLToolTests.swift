import Foundation
import Testing
import TestSupport

@Suite struct TTLToolTests {
    @Test func parsePrintsSeconds() throws {
        let run = try ToolProcess.run("idp-ttl", ["parse", "7d"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.stdout == "604800\n")
        #expect(run.outputs == ["ttl": "7d", "seconds": "604800"])
    }

    @Test(arguments: ["7w", " 7d", "0h", "٧d", "1.5d", "31d"])
    func parseRejectsBadTTLs(_ ttl: String) throws {
        let run = try ToolProcess.run("idp-ttl", ["parse", ttl])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: ttl"))
    }

    @Test func expiresAtUsesFromOrThePinnedClock() throws {
        #expect(try ToolProcess.run("idp-ttl", ["expires-at", "24h", "--from", "2026-01-31T12:00:00Z"]).stdout == "2026-02-01T12:00:00Z\n")
        let pinned = try ToolProcess.run("idp-ttl", ["expires-at"], environment: ["IDP_TTL": "2h", "IDP_NOW": "2026-01-31T23:00:00Z"])
        #expect(pinned.stdout == "2026-02-01T01:00:00Z\n")
        #expect(try ToolProcess.run("idp-ttl", ["expires-at", "2h"], environment: ["IDP_NOW": "yesterday"]).status == 2)
    }

    @Test func statusDecidesFromMetadata() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = """
            {"schema_version": 1, "name": "preview-x", "template": "api-service", "owner": "alice",
             "repository": "acme/shop", "branch": "feature/x", "ttl": "1d", "created_at": "2026-11-01T00:00:00Z",
             "expires_at": "2026-11-02T00:00:00Z", "status": "active", "status_changed_at": "2026-11-01T00:00:00Z",
             "destroy_attempts": 0}
            """
        try record.write(to: dir.appendingPathComponent("metadata.json"), atomically: true, encoding: .utf8)
        try "{not json".write(to: dir.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let env = ["GITHUB_ACTIONS": "true", "IDP_NOW": "2026-11-02T03:00:00Z"]

        let expired = try ToolProcess.run("idp-ttl", ["status", "--metadata", "metadata.json"], environment: env, directory: dir)
        #expect(expired.stdout == "destroy preview-x: expired 3h ago\n")
        #expect(expired.outputs["action"] == "destroy")

        let broken = try ToolProcess.run("idp-ttl", ["status", "--metadata", "broken.json"], environment: env, directory: dir)
        #expect(broken.status == 1)
        #expect(broken.outputs["action"] == "report")
    }

    @Test func noSubcommandShowsHelpAndFails() throws {
        let run = try ToolProcess.run("idp-ttl")
        #expect(run.status == 2)
        #expect(run.stderr.contains("SUBCOMMANDS"))
    }
}
