import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore

/// `idp-ecr-prune` as a process against moto.
@Suite(.enabled(if: Moto.available)) struct ECRPruneToolTests {
    let repository = Moto.uniqueName("repo")

    init() throws {
        let ecr = ECRClient(client: AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment)))
        _ = try ecr.call("CreateRepository", .object(["repositoryName": .string(repository)]))
        for (tag, layer) in [("preview-pay-1111111", "1"), ("preview-pay-2222222", "2"), ("preview-pay-b-3333333", "3"), ("main-4444444", "4")] {
            let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"sha256:\#(String(repeating: "0", count: 64))"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":1,"digest":"sha256:\#(SHA256Hash.hex(Array(layer.utf8)))"}]}"#
            _ = try ecr.call("PutImage", .object(["repositoryName": .string(repository), "imageTag": .string(tag), "imageManifest": .string(manifest)]))
        }
    }

    func prune(_ args: [String]) throws -> ToolRun {
        try ToolProcess.run("idp-ecr-prune", ["--repository", repository] + args, environment: Moto.environment.merging([
            // As the platform's own runs (ttl-cleanup) call it: no record to check (TenancyToolTests covers consumers).
            "GITHUB_ACTIONS": "true",
        ].merging(PlatformRun.environment()) { $1 }) { $1 })
    }

    @Test func dryRunThenPrune() throws {
        let dry = try prune(["--environment", "preview-pay", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.outputs == ["deleted": "2", "untagged": "0", "kept": "0", "failed": "0"])
        #expect(dry.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("would delete sha256:") })

        let real = try prune(["--environment", "preview-pay", "--keep", "0"])
        #expect(real.status == 0)
        #expect(real.summary.contains("| deleted (whole image) | 2 |"))
        let again = try prune(["--environment", "preview-pay-b"])
        #expect(again.outputs["deleted"] == "1", "the longer environment's image survived the first prune")
    }

    /// After a deploy: older images go, the running one stays (given as the full image reference).
    @Test func theImageInUseIsSpared() throws {
        let run = try prune(["--environment", "preview-pay", "--spare", "123456789012.dkr.ecr.us-east-1.amazonaws.com:443/\(repository):preview-pay-1111111"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs["deleted"] == "1" && run.outputs["kept"] == "1")
        #expect(run.stdout.contains("kept sha256:") && run.stdout.contains("(preview-pay-1111111)"))
    }

    @Test func badInputIsRefusedBeforeAnyCall() throws {
        let run = try prune(["--environment", "Preview_Pay"])
        #expect(run.status == 1 && run.stderr.contains("::error title=idp-ecr-prune [name.character]"))
        #expect(try prune(["--environment", "preview-pay", "--keep", "-1"]).status == 1)
        #expect(try ToolProcess.run("idp-ecr-prune", ["--environment", "x"], environment: Moto.environment).status == 2)
    }

    @Test func missingRepositoryIsNotFound() throws {
        let run = try ToolProcess.run("idp-ecr-prune", ["--repository", "nope-\(repository)", "--environment", "preview-pay"], environment: Moto.environment)
        #expect(run.status == 4 && run.stderr.contains("RepositoryNotFoundException"))
    }

    /// A guardrail's refusal removes only the image that run pushed, never another run's under the same name.
    @Test func onlyTheNamedImageGoes() throws {
        let run = try prune(["--environment", "preview-pay", "--only", "123456789012.dkr.ecr.us-east-1.amazonaws.com/\(repository):preview-pay-2222222"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs["deleted"] == "1" && run.outputs["kept"] == "1")
        #expect(run.stdout.contains("(preview-pay-2222222)") && run.stdout.contains("kept sha256:"))
    }
}
