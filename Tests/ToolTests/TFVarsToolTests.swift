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

    /// A platform team's fifth template, a folder beside the shipped ones and nothing else: its
    /// keys are validated and fed to its variables, its budget and workload are the outputs.
    @Test func aTemplateAddedAsAFolderNeedsNoChangeToTheTools() throws {
        let (folder, work) = try templatesWith(["queue-worker": try String(contentsOf: ToolProcess.packageRoot
            .appendingPathComponent("Tests/IDPConfigTests/Fixtures/templates/valid/queue-worker.yml"), encoding: .utf8)])
        let env = self.env.merging(["IDP_TEMPLATES_DIR": folder.path]) { $1 }
        try "template: queue-worker\nqueue_name: orders\nbatch_size: 7\n".write(to: work.appendingPathComponent("c.yml"), atomically: true, encoding: .utf8)
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "preview-orders", "--config", "c.yml", "--output", "-"], environment: env, directory: work)
        #expect(run.status == 0, "\(run.stderr)")
        let vars = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(vars["queue_name"] as? String == "orders" && vars["receive_batch_size"] as? Int == 7 && vars["tier"] as? String == "standard")
        #expect(vars["dead_letters"] as? Bool == true && vars["container_image"] != nil && vars["container_port"] == nil, "\(vars)")
        #expect(run.outputs["timeout_minutes"] == "25" && run.outputs["workload"] == "service" && run.outputs["access"] == "")
        #expect(run.outputs["working_directory"] == "infrastructure/templates/queue-worker")
        try "template: queue-worker\nbatch_size: 70\n".write(to: work.appendingPathComponent("c.yml"), atomically: true, encoding: .utf8)
        let bad = try ToolProcess.run("idp-validate", ["--config", "c.yml"], environment: ["IDP_TEMPLATES_DIR": folder.path], directory: work)
        #expect(bad.status == 1 && bad.stderr.contains("c.yml:2:13: error: batch_size: \"70\" is not an integer from 1 to 10 (template \"queue-worker\")"), "\(bad.stderr)")
        #expect(bad.stderr.contains("template \"queue-worker\" needs \"queue_name\" (a string of at most 80 characters): the SQS queue it reads [config.setting-missing]"))
    }

    /// A declaration with a mistake stops every tool that reads templates, naming its line: a
    /// template never silently goes missing.
    @Test func aBrokenDeclarationIsNamedWithItsLine() throws {
        let (folder, work) = try templatesWith(["queue-worker": "workload: service\ntimeout_minutes: 600\n"])
        let run = try ToolProcess.run("idp-validate", ["--templates", folder.path], directory: work)
        #expect(run.status == 1 && run.stderr.contains("queue-worker/template.yml:2:18: error: timeout_minutes must be a whole number from 1 to 60"), "\(run.stderr)")
    }

    /// static-site serves its URL from CloudFront, which holds it to no network and no sign-in: a
    /// platform whose access is narrower refuses it rather than open a preview wider.
    @Test func aTemplateThatCannotEnforceThePlatformsAccessIsRefused() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tfvars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let settings = try String(contentsOf: ToolProcess.packageRoot.appendingPathComponent("Tests/IDPConfigTests/Fixtures/settings/valid/minimal.yml"), encoding: .utf8)
        try "template: static-site\n".write(to: work.appendingPathComponent("c.yml"), atomically: true, encoding: .utf8)
        // Not offered until platform.yml lists it (opt_in: true in its declaration).
        try settings.write(to: work.appendingPathComponent("platform.yml"), atomically: true, encoding: .utf8)
        let unlisted = try ToolProcess.run("idp-tfvars", ["--environment", "preview-docs", "--config", "c.yml", "--platform", "platform.yml", "--output", "-"],
                                           environment: env, directory: work)
        #expect(unlisted.status == 1 && unlisted.stderr.contains("[template.not-allowed]") && unlisted.stderr.contains("not offered by this platform"), "\(unlisted.stderr)")
        let offered = settings + "templates: [api-service, static-site]\n"
        try (offered + "access:\n  cidrs: [10.0.0.0/8]\n").write(to: work.appendingPathComponent("platform.yml"), atomically: true, encoding: .utf8)
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "preview-docs", "--config", "c.yml", "--platform", "platform.yml", "--output", "-"],
                                      environment: env, directory: work)
        #expect(run.status == 1 && run.stdout.isEmpty, "\(run.stdout)")
        #expect(run.stderr.contains("template \"static-site\" can enforce only access public on its URL, and the access that applies (platform.yml's, narrowed by .idp/config.yml) is only from 10.0.0.0/8"), "\(run.stderr)")
        #expect(run.stderr.contains("[access.template]"))
        try (offered + "access: public\n").write(to: work.appendingPathComponent("platform.yml"), atomically: true, encoding: .utf8)
        let open = try ToolProcess.run("idp-tfvars", ["--environment", "preview-docs", "--config", "c.yml", "--platform", "platform.yml", "--output", "-"],
                                       environment: env, directory: work)
        #expect(open.status == 0 && open.outputs["workload"] == "none" && open.outputs["access"] == "everyone: the URL is public", "\(open.stderr)")
    }

    /// A copy of the shipped templates plus `extra` (folder name → template.yml), and a work folder.
    func templatesWith(_ extra: [String: String]) throws -> (URL, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("templates"), work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ToolProcess.packageRoot.appendingPathComponent("infrastructure/templates"), to: folder)
        for (name, text) in extra {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            try text.write(to: folder.appendingPathComponent(name).appendingPathComponent("template.yml"), atomically: true, encoding: .utf8)
        }
        return (folder, work)
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

    /// A second apply must not rewrite `created_at` (and every resource's `idp:created-at` tag):
    /// the times come from the environment's record.
    @Test func recordedTimesWinOverTheClock() throws {
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "preview-payment-api", "--output", "-",
                                                     "--created-at", "2026-11-20T08:00:00Z", "--expires-at", "2026-11-27T08:00:00Z"],
                                      environment: env, directory: repo)
        #expect(run.status == 0, "\(run.stderr)")
        let vars = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let tags = vars["tags"] as? [String: String]
        #expect(vars["created_at"] as? String == "2026-11-20T08:00:00Z" && tags?["idp:created-at"] == "2026-11-20T08:00:00Z")
        #expect(vars["expires_at"] as? String == "2026-11-27T08:00:00Z" && tags?["idp:expires-at"] == "2026-11-27T08:00:00Z")
        #expect(run.outputs["created_at"] == "2026-11-20T08:00:00Z" && run.outputs["expires_at"] == "2026-11-27T08:00:00Z")

        let bad = try ToolProcess.run("idp-tfvars", ["--environment", "x", "--output", "-", "--created-at", "yesterday"], environment: env, directory: repo)
        #expect(bad.status == 1 && bad.stderr.contains("\"yesterday\"") && bad.stdout.isEmpty)
    }

    /// The platform's settings reach the templates: the shared load balancer's domain and the alarm topic.
    @Test func platformSettingsReachTheTemplate() throws {
        let settings = ToolProcess.packageRoot.appendingPathComponent("Tests/IDPConfigTests/Fixtures/settings/valid/shared-alb.yml").path
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "preview-payment-api", "--output", "-", "--platform", settings],
                                      environment: env, directory: repo)
        #expect(run.status == 0, "\(run.stderr)")
        let vars = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(vars["preview_domain"] as? String == "preview.example.com")
        #expect(vars["alarm_topic_arn"] as? String == "arn:aws:sns:eu-west-1:123456789012:idp-preview-alarms")
        #expect((vars["acm_certificate_arn"] as? String)?.hasPrefix("arn:aws:acm:eu-west-1:") == true)

        let invalid = ToolProcess.packageRoot.appendingPathComponent("Tests/IDPConfigTests/Fixtures/settings/invalid/domain.yml").path
        let refused = try ToolProcess.run("idp-tfvars", ["--environment", "x", "--output", "-", "--platform", invalid], environment: env, directory: repo)
        #expect(refused.status == 1 && refused.stderr.contains("preview_domain") && refused.stdout.isEmpty)
    }

    /// The task execution role may read only the repository's own secrets (idp/<owner>/<repo>/…).
    @Test func secretsOutsideTheRepositorysPrefixAreRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tfvars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".idp"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            template: api-service
            secrets:
              API_KEY: arn:aws:secretsmanager:us-east-1:123456789012:secret:idp/acme/shop/api-key-AbCdEf
              OTHER: arn:aws:secretsmanager:us-east-1:123456789012:secret:idp/acme/payroll/db-AbCdEf
            """.write(to: dir.appendingPathComponent(".idp/config.yml"), atomically: true, encoding: .utf8)
        let run = try ToolProcess.run("idp-tfvars", ["--environment", "x", "--output", "-"], environment: env, directory: dir)
        #expect(run.status == 1 && run.stdout.isEmpty, "\(run.stderr)")
        #expect(run.stderr.contains("idp/acme/payroll/db") && run.stderr.contains("idp/acme/shop/"))
        #expect(!run.stderr.contains("api-key"))
    }

    @Test func missingEnvironmentIsAUsageError() throws {
        #expect(try ToolProcess.run("idp-tfvars", environment: env).status == 2)
    }

    /// access: the platform's, narrowed by the repository's config, reaches the template; a repository
    /// that widens it, or an oidc environment without HTTPS, is refused before anything is written.
    @Test func accessIsNarrowedNeverWidenedAndOIDCNeedsHTTPS() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".idp"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = "aws_region: us-east-1\nrole_arn: arn:aws:iam::123456789012:role/idp/r\nstate_bucket: acme-idp-state\necr_repository: mini-idp-preview\ntofu_version: 1.10.6\n"
        let oidc = "access:\n  oidc:\n    issuer: https://login.example.com\n    authorization_endpoint: https://login.example.com/a\n"
            + "    token_endpoint: https://login.example.com/t\n    user_info_endpoint: https://login.example.com/u\n    client_id: previews\n"
            + "    client_secret_arn: arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-platform/oidc-AbCdEf\n"
        func tfvars(platform: String, config: String) throws -> ToolRun {
            try (base + platform).write(to: dir.appendingPathComponent("platform.yml"), atomically: true, encoding: .utf8)
            try config.write(to: dir.appendingPathComponent(".idp/config.yml"), atomically: true, encoding: .utf8)
            return try ToolProcess.run("idp-tfvars", ["--environment", "preview-a", "--platform", "platform.yml", "--output", "-"], environment: env, directory: dir)
        }
        let narrowed = try tfvars(platform: "access:\n  cidrs: [10.0.0.0/8]\n", config: "access:\n  cidrs: [10.20.0.0/16]\n")
        #expect(narrowed.status == 0 && narrowed.stdout.contains("\"access_mode\": \"cidrs\"") && narrowed.stdout.contains("10.20.0.0/16"), "\(narrowed.stderr)")
        #expect(narrowed.outputs["access"] == "only from 10.20.0.0/16")
        let widened = try tfvars(platform: "access:\n  cidrs: [10.0.0.0/8]\n", config: "access: public\n")
        #expect(widened.status == 1 && widened.stderr.contains("[access.widen]") && widened.stdout.isEmpty, "\(widened.stderr)")
        let noHTTPS = try tfvars(platform: oidc, config: "template: api-service\n")
        #expect(noHTTPS.status == 1 && noHTTPS.stderr.contains("[access.https]"), "\(noHTTPS.stderr)")
        let shared = try tfvars(platform: oidc + "preview_domain: preview.example.com\n", config: "template: api-service\n")
        #expect(shared.status == 0 && shared.stdout.contains("\"issuer\": \"https://login.example.com\"") && !shared.stdout.contains("client_secret\""), "\(shared.stderr)")
        #expect(shared.outputs["access"] == "after signing in at https://login.example.com")
    }
}
