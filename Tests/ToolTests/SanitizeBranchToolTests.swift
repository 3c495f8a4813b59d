import Testing
import TestSupport

@Suite struct SanitizeBranchToolTests {
    @Test func printsAndOutputsTheName() throws {
        let run = try ToolProcess.run("idp-sanitize-branch", ["feature/payment-api"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.status == 0)
        #expect(run.stdout == "preview-payment-api\n")
        #expect(run.outputs == ["name": "preview-payment-api"])
    }

    @Test func readsTheHeadRefOnPullRequests() throws {
        let run = try ToolProcess.run("idp-sanitize-branch", environment: [
            "GITHUB_ACTIONS": "true", "GITHUB_HEAD_REF": "HOTFIX/Critical_Issue", "GITHUB_REF_NAME": "12/merge",
        ])
        #expect(run.stdout == "preview-critical-issue\n")
    }

    @Test func aHostileBranchBecomesAPlainName() throws {
        let run = try ToolProcess.run("idp-sanitize-branch", ["zzz\";echo${IFS}\"hello\";#"])
        #expect(run.status == 0 && run.stdout == "preview-zzz-echo-ifs-hello\n")
    }

    @Test func mergeRefIsRefusedWithAnAnnotation() throws {
        let run = try ToolProcess.run("idp-sanitize-branch", environment: ["GITHUB_ACTIONS": "true", "GITHUB_REF_NAME": "12/merge"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty && run.outputs.isEmpty)
        let annotation = try #require(run.stderrLines.compactMap(RunnerCommandParser.parse).first)
        #expect(annotation.name == "error" && annotation.properties["title"] == "idp-sanitize-branch [branch.ref]")
    }

    @Test func noBranchAtAllIsAnError() throws {
        let run = try ToolProcess.run("idp-sanitize-branch")
        #expect(run.status == 1)
        #expect(run.stderr.contains("branch name is empty"))
    }

    @Test func unknownFlagsAreUsageErrors() throws {
        let run = try ToolProcess.run("idp-sanitize-branch", ["--nope"])
        #expect(run.status == 2)
        #expect(run.stderr.contains(#"unknown option "--nope" [usage]"#))
    }

    @Test func helpShowsExamplesAndExitCodes() throws {
        let run = try ToolProcess.run("idp-sanitize-branch", ["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("idp-sanitize-branch release/v2.0    # preview-v2-0"))
        #expect(run.stdout.contains("EXIT CODES:"))
        #expect(try ToolProcess.run("idp-sanitize-branch", ["--version"]).stdout == "0.1.0\n")
    }

    @Test func theRepositorySchemeMarksTheRepository() throws {
        let env = ["GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/payments", "GITHUB_REPOSITORY_ID": "123456789", "GITHUB_HEAD_REF": "feature/payment-api"]
        let run = try ToolProcess.run("idp-sanitize-branch", ["--naming", "repository"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs["name"] == "preview-21i3v9-payment-api")
        // initech/tool-952856 and acme/payments once shared a 24-bit mark; their ids never do.
        let other = try ToolProcess.run("idp-sanitize-branch", [], environment: env.merging(["IDP_NAMING": "repository", "GITHUB_REPOSITORY": "initech/tool-952856", "GITHUB_REPOSITORY_ID": "987654321"]) { $1 })
        #expect(other.outputs["name"] == "preview-gc0uy9-payment-api")
        // The default is the seed's branch-only scheme.
        #expect(try ToolProcess.run("idp-sanitize-branch", [], environment: env).outputs["name"] == "preview-payment-api")
        let bad = try ToolProcess.run("idp-sanitize-branch", ["--naming", "repo"], environment: env)
        #expect(bad.status == 1 && bad.stderr.contains(#"naming "repo" is not one of branch, repository"#), "\(bad.stderr)")
        let noID = try ToolProcess.run("idp-sanitize-branch", ["--naming", "repository"], environment: env.filter { $0.key != "GITHUB_REPOSITORY_ID" })
        #expect(noID.status == 1 && noID.stderr.contains("[branch.repository-id]") && noID.stderr.contains("GITHUB_REPOSITORY_ID"), "\(noID.stderr)")
    }
}
