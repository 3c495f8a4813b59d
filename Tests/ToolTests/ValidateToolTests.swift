import Foundation
import Testing
import TestSupport

@Suite struct ValidateToolTests {
    let repo = ToolProcess.packageRoot.appendingPathComponent("Tests/ToolTests/Fixtures/repo")

    @Test func validInputsPass() throws {
        let run = try ToolProcess.run("idp-validate", [
            "--environment", "preview-payment-api", "--ttl", "7d", "--template", "api-service",
            "--certificate-arn", "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        ], environment: ["GITHUB_ACTIONS": "true"], directory: repo)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs == ["valid": "true", "errors": "0"])
    }

    @Test func everyProblemIsReportedAtOnceFromFlagsAndVariables() throws {
        let run = try ToolProcess.run("idp-validate", ["--environment", "Bad_Name", "--schedule", "rate(1 hours)"], environment: [
            "GITHUB_ACTIONS": "true", "IDP_TTL": "7w", "IDP_TEMPLATE": "scheduled-workr",
            "IDP_SECRET_ARNS": "arn:aws:secretsmanager:us-east-1:123456789012:secret:ok-AbCdEf\narn:aws:ssm:us-east-1:123456789012:parameter/x",
        ])
        #expect(run.status == 1)
        #expect(run.outputs == ["valid": "false", "errors": "5"])
        let titles = run.stderrLines.compactMap(RunnerCommandParser.parse).map { $0.properties["title"] ?? "" }
        #expect(titles == [
            "idp-validate [name.character]", "idp-validate [ttl.unit]", "idp-validate [template.unknown]",
            "idp-validate [schedule.rate-unit]", "idp-validate [arn.service]",
        ])
        #expect(run.stderr.contains(#"IDP_TTL: ttl "7w": unknown unit "w"; expected "h" or "d""#))
    }

    @Test func configProblemsCarryFileLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".idp"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "template: api-service\nttl: 0d\nmemroy: 512\n".write(to: dir.appendingPathComponent(".idp/config.yml"), atomically: true, encoding: .utf8)

        let plain = try ToolProcess.run("idp-validate", directory: dir)
        #expect(plain.status == 1)
        #expect(plain.stderrLines.prefix(2) == [
            #".idp/config.yml:2:6: error: ttl "0d" is zero; an environment must live at least 1h [ttl.zero]"#,
            #".idp/config.yml:3:1: error: unknown key "memroy"; did you mean "memory"? [config.unknown-key]"#,
        ])
        let actions = try ToolProcess.run("idp-validate", environment: ["GITHUB_ACTIONS": "true"], directory: dir)
        let first = try #require(actions.stderrLines.compactMap(RunnerCommandParser.parse).first)
        #expect(first.properties["file"] == ".idp/config.yml" && first.properties["line"] == "2" && first.properties["col"] == "6")
    }

    @Test func moreThanTenErrorsOverflowToTheStepSummary() throws {
        let arns = (1...12).map { "--secret-arn=arn:aws:secretsmanager:us-east-1:1:secret:s\($0)" }
        let run = try ToolProcess.run("idp-validate", arns, environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.status == 1)
        #expect(run.stderrLines.filter { $0.hasPrefix("::error") }.count == 10)
        #expect(run.summary.contains("more findings than GitHub annotates"))
        #expect(run.summary.components(separatedBy: "[arn.account]").count == 3)
    }

    @Test func aNamedConfigThatIsMissingIsNotFound() throws {
        let run = try ToolProcess.run("idp-validate", ["--config", "nope.yml"])
        #expect(run.status == 4)
        #expect(run.stderr.contains(#"config file "nope.yml" does not exist"#))
    }

    @Test func platformMaximumIsConfigurable() throws {
        #expect(try ToolProcess.run("idp-validate", ["--ttl", "40d"]).status == 1)
        #expect(try ToolProcess.run("idp-validate", ["--ttl", "40d"], environment: ["IDP_MAX_TTL": "60d"]).status == 0)
        #expect(try ToolProcess.run("idp-validate", ["--ttl", "1d", "--max-ttl", "x"]).status == 1)
    }

    /// Called workflows read the platform's settings from its own file, never the caller's `vars`.
    @Test func platformSettingsBecomeOutputsAndBoundTheTTL() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("platform.yml")
        try """
            aws_region: eu-west-1
            role_arn: arn:aws:iam::123456789012:role/idp/mini-idp-workflows
            state_bucket: acme-state
            ecr_repository: mini-idp-preview
            tofu_version: 1.10.6
            max_ttl: 3d
            """.write(to: file, atomically: true, encoding: .utf8)
        let ok = try ToolProcess.run("idp-validate", ["--platform", file.path, "--ttl", "2d"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.outputs["state_bucket"] == "acme-state" && ok.outputs["aws_region"] == "eu-west-1" && ok.outputs["lock_table"] == "")
        #expect(ok.outputs["max_ttl"] == "3d" && ok.outputs["valid"] == "true")
        let long = try ToolProcess.run("idp-validate", ["--platform", file.path, "--ttl", "5d"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(long.status == 1 && long.stderr.contains("5d"), "the platform's max_ttl bounds the TTL")

        try "aws_region: eu-west-1\nstate_bucket: Acme_State\n".write(to: file, atomically: true, encoding: .utf8)
        let bad = try ToolProcess.run("idp-validate", ["--platform", file.path], environment: ["GITHUB_ACTIONS": "true"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("file=\(file.path),line=2,col=15") && bad.stderr.contains("state_bucket"), "\(bad.stderr)")
        #expect(bad.outputs["state_bucket"] == nil, "no settings are handed on from an invalid file")
        #expect(try ToolProcess.run("idp-validate", ["--platform", dir.appendingPathComponent("nope.yml").path]).status == 4)
    }

    /// However many problems a file holds, a run prints at most 50 and counts the rest.
    @Test func atMostFiftyDiagnosticsArePrinted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("many-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("config.yml")
        try (0..<120).map { "unknown_\($0): 1\n" }.joined().write(to: file, atomically: true, encoding: .utf8)
        for environment in [[:], ["GITHUB_ACTIONS": "true"]] {
            let run = try ToolProcess.run("idp-validate", ["--config", file.path], environment: environment)
            #expect(run.status == 1)
            let lines = run.stderr.split(separator: "\n").filter { $0.contains("unknown key") }
            #expect(lines.count == 50, "\(environment): \(lines.count) printed")
            #expect(run.stderr.contains("idp-validate: and 70 more problems not shown (at most 50 per run)"))
            #expect(run.outputs["errors"] == nil || run.outputs["errors"] == "120")
        }
    }

    /// sleep.awake's zones must be in the machine's zone database (TZDIR), located at their line.
    @Test func anUnknownSleepZoneIsLocated() throws {
        // The sleep tests' settings with a second range whose zone does not exist (line 9).
        let settings = SleepToolTests.platform + "\n    - Sat 10:00-12:00 Europe/Atlantis"
        let path = try PullRequestControlsToolTests.file("platform.yml", settings)
        let zoneinfo = ToolProcess.packageRoot.appendingPathComponent("Tests/IDPCoreTests/Fixtures/zoneinfo").path
        let run = try ToolProcess.run("idp-validate", ["--platform", path], environment: ["GITHUB_ACTIONS": "true", "TZDIR": zoneinfo])
        #expect(run.status == 1 && run.outputs["valid"] == "false", "\(run.stderr)")
        #expect(run.stderr.contains("line=9") && run.stderr.contains(#"time zone "Europe/Atlantis" is not in the IANA time zone database"#), "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "::error").count == 2, "one problem: a zone that exists is fine")
    }

    /// `runners:` reaches the workflows only through `--workflows … --write`; until then the check
    /// fails (exit 1) at each out-of-date line, and a rendered folder passes.
    @Test func runnersAreCheckedThenRenderedIntoTheWorkflows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runners-\(UUID().uuidString)")
        let workflows = dir.appendingPathComponent("workflows")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let settings = try String(contentsOf: ToolProcess.packageRoot.appendingPathComponent("platform.yml"), encoding: .utf8)
            + "runners:\n  default: { group: idp, labels: [self-hosted, linux] }\n  build: ubuntu-24.04-arm\n"
        try settings.write(to: dir.appendingPathComponent("platform.yml"), atomically: true, encoding: .utf8)
        let shipped = ToolProcess.packageRoot.appendingPathComponent(".github/workflows/provision.yml")
        try FileManager.default.copyItem(at: shipped, to: workflows.appendingPathComponent("provision.yml"))
        let arguments = ["--platform", "platform.yml", "--workflows", "workflows"]

        let check = try ToolProcess.run("idp-validate", arguments, directory: dir)
        #expect(check.status == 1)
        #expect(check.stderrLines.filter { $0.contains("[runners.out-of-date]") }.count == 3, "\(check.stderr)")
        let line = try #require(try String(contentsOf: shipped, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "  prepare:")) + 2
        #expect(check.stderrLines.first?.hasPrefix("workflows/provision.yml:\(line):14: error: jobs.prepare.runs-on ubuntu-24.04 is not platform.yml's runners.default") == true)

        let write = try ToolProcess.run("idp-validate", arguments + ["--write"], directory: dir)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stdout.contains("workflows/provision.yml: jobs.build: ubuntu-24.04 -> ubuntu-24.04-arm"))
        let rendered = try String(contentsOf: workflows.appendingPathComponent("provision.yml"), encoding: .utf8)
        #expect(rendered.components(separatedBy: "runs-on: { group: idp, labels: [self-hosted, linux] }").count == 3)
        #expect(rendered.contains("    runs-on: ubuntu-24.04-arm\n"))
        #expect(try ToolProcess.run("idp-validate", arguments, directory: dir).status == 0)

        let alone = try ToolProcess.run("idp-validate", ["--workflows", "workflows"], directory: dir)
        #expect(alone.status == 2 && alone.stderr.contains("--workflows and --write need --platform"))
        let writeAlone = try ToolProcess.run("idp-validate", ["--platform", "platform.yml", "--write"], directory: dir)
        #expect(writeAlone.status == 2 && writeAlone.stderr.contains("--write needs --workflows DIR"))
    }
}
