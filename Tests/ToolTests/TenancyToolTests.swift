import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore

/// A second tenant of the same platform, as processes against moto: a run started from
/// `acme/intruder` names `acme/payments`' environment to every state-changing tool, and each one
/// refuses with exit 3, naming the owner, and changes nothing.
@Suite(.enabled(if: Moto.available)) struct TenancyToolTests {
    let bucket = Moto.uniqueName("state")
    let repository = Moto.uniqueName("images")
    let s3: S3Client
    let ecr: ECRClient
    static let platform = "acme/mini-idp"

    init() throws {
        let client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        s3 = S3Client(client: client, bucket: bucket)
        ecr = ECRClient(client: client)
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
        _ = try ecr.call("CreateRepository", .object(["repositoryName": .string(repository)]))
        let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"sha256:\#(String(repeating: "0", count: 64))"},"layers":[]}"#
        _ = try ecr.call("PutImage", .object(["repositoryName": .string(repository), "imageTag": .string("preview-pay-1111111"), "imageManifest": .string(manifest)]))
    }

    /// A tool run as the reusable workflows run it: GitHub's GITHUB_REPOSITORY (the caller) and the
    /// platform repository the workflow resolved for itself.
    func run(_ tool: String, _ args: [String], as caller: String, extra: [String: String] = [:]) throws -> ToolRun {
        try ToolProcess.run(tool, args, environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": "2026-11-22T09:30:00Z", "GITHUB_ACTOR": "alice",
            "GITHUB_REPOSITORY": caller, "IDP_PLATFORM_REPOSITORY": Self.platform, "GITHUB_HEAD_REF": "feature/pay",
            "IDP_ECR_REPOSITORY": repository,
        ].merging(caller == Self.platform ? PlatformRun.environment() : [:]) { $1 }.merging(extra) { $1 }) { $1 })
    }

    func metadata() throws -> (body: [UInt8], etag: String)? { try s3.get("environments/preview-pay/metadata.json") }

    func tags() throws -> [String] {
        try ecr.describeImages(repository: repository).flatMap(\.tags).sorted()
    }

    /// acme/payments' live environment, with a state object.
    func paymentsEnvironment() throws {
        let created = try run("idp-ttl", ["create", "--environment", "preview-pay", "--ttl", "2h", "--pr", "7"], as: "acme/payments")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try run("idp-ttl", ["mark", "--environment", "preview-pay", "--status", "active"], as: "acme/payments").status == 0)
        try s3.put("environments/preview-pay/terraform.tfstate", Array(#"{"version":4,"resources":[]}"#.utf8), contentType: "application/json")
    }

    @Test func anotherRepositoryChangesNothing() throws {
        try paymentsEnvironment()
        let before = try #require(try metadata())
        for args in [["extend", "--environment", "preview-pay", "--ttl", "1d"],
                     ["mark", "--environment", "preview-pay", "--status", "destroying"],
                     ["finalize", "--environment", "preview-pay"]] {
            let refused = try run("idp-ttl", args, as: "acme/intruder")
            #expect(refused.status == 3, "idp-ttl \(args[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("[tenancy.not-owner]") && refused.stderr.contains("belongs to acme/payments, not to acme/intruder"),
                    "\(refused.stderr)")
        }
        let pruned = try run("idp-ecr-prune", ["--environment", "preview-pay"], as: "acme/intruder")
        #expect(pruned.status == 3 && pruned.stderr.contains("belongs to acme/payments"), "\(pruned.stderr)")
        let comment = try run("idp-pr-comment", ["--environment", "preview-pay", "--repository", "acme/payments", "--pr", "7", "--status", "destroyed"],
                              as: "acme/intruder", extra: ["GITHUB_TOKEN": "ghs_intruder", "GITHUB_API_URL": "http://127.0.0.1:9"])
        #expect(comment.status == 3 && comment.stderr.contains("belongs to acme/payments"), "\(comment.stderr)")

        // Nothing was written: the record's bytes and ETag, the state and the image are as they were.
        let after = try #require(try metadata())
        #expect(after.etag == before.etag && after.body == before.body)
        #expect(try s3.get("environments/preview-pay/terraform.tfstate") != nil)
        #expect(try tags() == ["preview-pay-1111111"])
    }

    @Test func theOwnerAndThePlatformMayChangeIt() throws {
        try paymentsEnvironment()
        #expect(try run("idp-ttl", ["extend", "--environment", "preview-pay"], as: "acme/payments").status == 0)
        // The platform's own runs (scheduled cleanup) act on any environment.
        #expect(try run("idp-ttl", ["mark", "--environment", "preview-pay", "--status", "destroying"], as: Self.platform).status == 0)
        let pruned = try run("idp-ecr-prune", ["--environment", "preview-pay"], as: "acme/payments")
        #expect(pruned.status == 0 && pruned.outputs["deleted"] == "1", "\(pruned.stderr)")
        let finalized = try run("idp-ttl", ["finalize", "--environment", "preview-pay"], as: Self.platform)
        #expect(finalized.status == 0, "\(finalized.stderr)")
        #expect(try metadata() == nil)
    }

    @Test func aRepositoryNamedLikeThePlatformIsNotThePlatform() throws {
        try paymentsEnvironment()
        // Without IDP_PLATFORM_REPOSITORY (set only by the platform's own jobs) no run is the platform's.
        let refused = try run("idp-ttl", ["mark", "--environment", "preview-pay", "--status", "destroying"], as: Self.platform,
                              extra: ["IDP_PLATFORM_REPOSITORY": ""])
        #expect(refused.status == 3 && refused.stderr.contains("[tenancy.not-owner]"), "\(refused.stderr)")
    }

    /// A writer of the platform repository pushes a branch whose workflow calls `destroy.yml@v1.4.0`
    /// (or dispatches one from that branch): the run is the platform repository's, but not the
    /// platform's own workflow on its default branch, so it is a tenant like any other.
    @Test func aBranchWorkflowOfThePlatformRepositoryIsATenant() throws {
        try paymentsEnvironment()
        let branchRun: [String: String] = ["GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/heads/evil",
                                           "GITHUB_WORKFLOW_REF": "\(Self.platform)/.github/workflows/evil.yml@refs/heads/evil"]
        let dispatched = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-\(UUID().uuidString).json")
        try #"{"ref": "refs/heads/evil", "repository": {"full_name": "acme/mini-idp", "default_branch": "main"}}"#
            .write(to: dispatched, atomically: true, encoding: .utf8)
        for extra in [branchRun,
                      // a schedule names its workflow at GITHUB_REF; a workflow at another ref is not the schedule's
                      ["GITHUB_EVENT_NAME": "schedule", "GITHUB_REF": "refs/heads/main",
                       "GITHUB_WORKFLOW_REF": "\(Self.platform)/.github/workflows/ttl-cleanup.yml@refs/heads/evil"],
                      // the platform's own file, dispatched on a branch a writer pushed
                      ["GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_REF": "refs/heads/evil", "GITHUB_EVENT_PATH": dispatched.path,
                       "GITHUB_WORKFLOW_REF": "\(Self.platform)/.github/workflows/destroy.yml@refs/heads/evil"],
                      // a consumer's workflow file named as if it were the platform's
                      ["GITHUB_WORKFLOW_REF": "acme/payments/.github/workflows/ttl-cleanup.yml@refs/heads/main"]] {
            let refused = try run("idp-ttl", ["mark", "--environment", "preview-pay", "--status", "destroying"], as: Self.platform, extra: extra)
            #expect(refused.status == 3 && refused.stderr.contains("[tenancy.not-owner]"), "\(extra): \(refused.stderr)")
        }
        #expect(try JSONValue.parse(String(decoding: try #require(try metadata()).body, as: UTF8.self))["status"]?.stringValue == "active")
        // The same file dispatched on the default branch is the platform's.
        let onMain = ["GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_REF": "refs/heads/main", "GITHUB_EVENT_PATH": dispatched.path,
                      "GITHUB_WORKFLOW_REF": "\(Self.platform)/.github/workflows/destroy.yml@refs/heads/main"]
        #expect(try run("idp-ttl", ["mark", "--environment", "preview-pay", "--status", "destroying"], as: Self.platform, extra: onMain).status == 0)
    }

    /// destroy.yml shows the record before it marks anything: another tenant's run must read nothing
    /// of it, not even whose it is, in its own log.
    @Test func anotherRepositorySeesNothingOfIt() throws {
        try paymentsEnvironment()
        let shown = try run("idp-ttl", ["show", "--environment", "preview-pay", "--if-exists"], as: "acme/intruder")
        #expect(shown.status == 3 && shown.stderr.contains("[tenancy.not-shown]"), "\(shown.stderr)")
        for leak in ["acme/payments", "feature/pay", "alice"] {
            #expect(!shown.stdout.contains(leak) && !shown.stderr.contains(leak) && !shown.outputs.values.contains { $0.contains(leak) },
                    "\(leak) shown to another tenant: \(shown.stdout)\(shown.stderr)\(shown.outputs)")
        }
        #expect(try run("idp-ttl", ["show", "--environment", "preview-pay"], as: "acme/payments").outputs["repository"] == "acme/payments")
        #expect(try run("idp-ttl", ["show", "--environment", "preview-pay"], as: Self.platform).outputs["repository"] == "acme/payments")
    }

    @Test func insideActionsTheRecordedRepositoryIsGitHubs() throws {
        let spoofed = try run("idp-ttl", ["create", "--environment", "preview-pay", "--repository", "acme/payments"], as: "acme/intruder")
        #expect(spoofed.status == 3 && spoofed.stderr.contains("[tenancy.repository]"), "\(spoofed.stderr)")
        #expect(try metadata() == nil)
    }

    @Test func aPruneFromAConsumerNeedsTheRecord() throws {
        let run = try run("idp-ecr-prune", ["--environment", "preview-pay"], as: "acme/payments", extra: ["IDP_STATE_BUCKET": ""])
        #expect(run.status == 2 && run.stderr.contains("[tenancy.bucket]"), "\(run.stderr)")
        #expect(try tags() == ["preview-pay-1111111"])
    }
}
