import Testing
@testable import IDPCore

/// The preflight a job runs on its own token before it asks AWS.
@Suite struct OIDCSubjectTests {
    static let claims: [String: String] = [
        "repository": "acme/payments", "repository_owner": "acme", "repository_owner_id": "123", "repository_id": "456",
        "event_name": "pull_request", "ref": "refs/pull/7/merge", "runner_environment": "github-hosted",
        "job_workflow_ref": "acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0",
    ]
    static let customised = "repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted"

    @Test func theCustomisedSubjectPassesInBothRepositoryForms() {
        #expect(OIDCSubject.preflight(claims: Self.claims.merging(["sub": Self.customised]) { $1 }) == nil)
        let immutable = Self.customised.replacingOccurrences(of: "repo:acme/payments:", with: "repo:acme@123/payments@456:")
        #expect(OIDCSubject.preflight(claims: Self.claims.merging(["sub": immutable]) { $1 }) == nil)
    }

    @Test func githubsDefaultSubjectIsExplainedWithTheFix() throws {
        let problem = try #require(OIDCSubject.preflight(claims: Self.claims.merging(["sub": "repo:acme/payments:pull_request"]) { $1 }))
        #expect(problem.code == "oidc.subject")
        #expect(problem.message.contains(#"is "repo:acme/payments:pull_request""#))
        #expect(problem.message.contains(#"of the form "\#(Self.customised)""#))
        #expect(problem.message.contains("gh api -X PUT repos/acme/payments/actions/oidc/customization/sub -F use_default=false"))
        #expect(problem.message.contains("changes the subject of every workflow in acme/payments"))
    }

    @Test(arguments: [
        // Keys in another order, or one missing.
        "repo:acme/payments:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:pull_request:runner_environment:github-hosted",
        "repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0",
        // Another runner kind than the token's own claim, or no context at all.
        "repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:self-hosted",
        "repo:acme/payments:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted",
        // Another repository's name at the front.
        "repo:acme/payments-old:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted",
        "",
    ])
    func otherShapesAreFlagged(_ sub: String) {
        #expect(OIDCSubject.preflight(claims: Self.claims.merging(["sub": sub]) { $1 }) != nil, "\(sub)")
    }

    /// A consumer pinned to a branch or a commit has the right shape and is still refused by the trust.
    @Test(arguments: ["refs/heads/main", "0123456789abcdef0123456789abcdef01234567", "refs/pull/7/merge"])
    func aConsumersCallAtAnythingButATagIsExplained(_ ref: String) throws {
        let workflow = "acme/mini-idp/.github/workflows/provision.yml@\(ref)"
        let sub = "repo:acme/payments:pull_request:job_workflow_ref:\(workflow):runner_environment:github-hosted"
        let problem = try #require(OIDCSubject.preflight(claims: Self.claims.merging(["sub": sub, "job_workflow_ref": workflow]) { $1 }))
        #expect(problem.code == "oidc.ref" && problem.message.contains("at \"\(ref)\"") && problem.message.contains("pin acme/mini-idp/.github/workflows/provision.yml@v"))
        // The platform's own runs are on its default branch, which is theirs to be.
        let own = "acme/mini-idp/.github/workflows/ttl-cleanup.yml@refs/heads/main"
        #expect(OIDCSubject.preflight(claims: ["repository": "acme/mini-idp", "job_workflow_ref": own, "runner_environment": "github-hosted",
                                               "sub": "repo:acme/mini-idp:environment:idp-platform:job_workflow_ref:\(own):runner_environment:github-hosted"]) == nil)
    }

    @Test func theContextIsGitHubsRule() {
        #expect(OIDCSubject.context(claims: ["environment": "idp-platform", "event_name": "schedule", "ref": "refs/heads/main"]) == "environment:idp-platform")
        #expect(OIDCSubject.context(claims: ["event_name": "pull_request", "ref": "refs/pull/7/merge"]) == "pull_request")
        #expect(OIDCSubject.context(claims: ["event_name": "delete", "ref": "refs/heads/main"]) == "ref:refs/heads/main")
    }

    @Test func aTokensClaimsAreRead() throws {
        let payload = base64URLEncode(Array(#"{"sub":"repo:a/b:pull_request","iat":1700000000,"aud":"sts.amazonaws.com"}"#.utf8))
        let claims = try #require(OIDCSubject.claims(ofToken: "e30.\(payload).c2ln"))
        #expect(claims["sub"] == "repo:a/b:pull_request" && claims["iat"] == "1700000000")
        #expect(OIDCSubject.claims(ofToken: "not-a-jwt") == nil)
        #expect(OIDCSubject.claims(ofToken: "a.!!!.c") == nil)
    }

    @Test func base64DecodesBothAlphabetsAndGitHubsLineBreaks() {
        #expect(base64Decode("aGVsbG8gd29ybGQ=") == Array("hello world".utf8))
        #expect(base64Decode("aGVsbG8g\nd29ybGQ") == Array("hello world".utf8))
        #expect(base64Decode("-_8") == [0xFB, 0xFF])
        #expect(base64Decode("a") == nil && base64Decode("a$b=") == nil)
    }
}
