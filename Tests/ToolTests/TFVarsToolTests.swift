import Foundation
import Testing
import TestSupport

@Suite struct TFVarsToolTests {
    let repo = ToolProcess.packageRoot.appendingPathComponent("Tests/ToolTests/Fixtures/repo")
    let env = ["GITHUB_ACTIONS": "true", "IDP_NOW": "2026-11-22T09:30:00Z", "GITHUB_ACTOR": "alice", "GITHUB_REPOSITORY": "acme/shop"]

    @Test func writesVariablesAndOutputs() throws {
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "preview-payment-api", "--output", "-"], environment: env, directory: repo)
        #expect(run.status == 0, "\(run.stderr)")
        let vars = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(vars["container_port"] as? Int == 3000)
        #expect(vars["expires_at"] as? String == "2026-11-25T09:30:00Z")
        #expect(vars["log_retention_days"] as? Int == 3)
        #expect((vars["tags"] as? [String: String])?["idp:owner"] == "alice")
        #expect(run.outputs["timeout_minutes"] == "20")
        #expect(run.outputs["working_directory"] == "infrastructure/templates/api-service")
        #expect(run.outputs["expires_at"] == "2026-11-25T09:30:00Z")
    }

    @Test func databaseTemplatesGetLongerTimeouts() throws {
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "db-test", "--template", "api-database", "--output", "-"], environment: env, directory: repo)
        #expect(run.outputs["timeout_minutes"] == "50")
    }

    @Test func invalidInputWritesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tfvars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "ok-name", "--template", "scheduled-worker", "--ttl", "99d"], environment: env, directory: dir)
        #expect(run.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("terraform.tfvars.json").path))
        #expect(run.outputs.isEmpty)
        #expect(run.stderr.contains("[ttl.maximum]") && run.stderr.contains("[schedule.missing]"))
    }

    @Test func writesTheFileForAWorker() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tfvars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "nightly", "--template", "scheduled-worker", "--schedule", "cron(0 3 * * ? *)"], environment: env, directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("terraform.tfvars.json"), encoding: .utf8)
        #expect(text.contains(#""schedule_expression": "cron(0 3 * * ? *)""#))
        #expect(!text.contains("container_port"))
    }

    @Test func missingEnvironmentIsAUsageError() throws {
        #expect(try ToolProcess.run("idp-tfvars", environment: env).status == 2)
    }
}
