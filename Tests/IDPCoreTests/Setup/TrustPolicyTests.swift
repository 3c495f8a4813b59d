import Testing
@testable import IDPCore

/// IAM's evaluation as TrustPolicy models it, on the kind of policy the bootstrap writes and on
/// hostile subjects (a fork, a look-alike name, an escaped context, GitHub's default form).
@Suite struct TrustPolicyTests {
    static let issuer = "token.actions.githubusercontent.com"
    static let provider = "arn:aws:iam::123456789012:oidc-provider/\(issuer)"
    static let policy = TrustPolicy(try! JSONValue.parse("""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
          "Principal": {"Federated": "\(provider)"},
          "Condition": {"StringEquals": {"\(issuer):aud": "sts.amazonaws.com"},
            "StringLike": {"\(issuer):sub": ["repo:acme/*:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v*:runner_environment:github-hosted"]},
            "StringNotLike": {"\(issuer):sub": ["repo:acme/mini-idp:*@refs/tags/v*", "*:job_workflow_ref:acme/mini-idp/.github/workflows/*@refs/tags/v1.2.0:runner_environment:github-hosted"]}}}]}
        """))!

    static func admits(_ sub: String, audience: String = "sts.amazonaws.com", provider: String = provider) -> Bool {
        policy.allows(provider: provider, claims: ["\(issuer):sub": sub, "\(issuer):aud": audience])
    }

    static let good = "repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted"

    @Test func theConsumersCallAtAReleaseIsAdmitted() {
        #expect(Self.admits(Self.good))
        #expect(Self.policy.federatedProviders == [Self.provider])
    }

    @Test(arguments: [
        // Another organisation's fork of the platform.
        "repo:mallory/app:pull_request:job_workflow_ref:mallory/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted",
        // A repository's own workflow that shares the file name.
        "repo:acme/payments:pull_request:job_workflow_ref:acme/payments/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted",
        // A look-alike platform name (mini-idp-evil) under the same owner.
        "repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp-evil/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted",
        // A branch instead of a release tag.
        "repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/heads/main:runner_environment:github-hosted",
        // A self-hosted runner under a GitHub-hosted label.
        "repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:self-hosted",
        // The platform repository calling itself at a tag (StringNotLike).
        "repo:acme/mini-idp:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted",
        // A revoked release (StringNotLike).
        "repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.2.0:runner_environment:github-hosted",
        // GitHub's default subject.
        "repo:acme/payments:pull_request",
        // A context carrying a whole subject, escaped as github.com escapes ':' in claim values.
        "repo:acme/payments:environment:x%3Apull_request%3Ajob_workflow_ref%3Aacme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:job_workflow_ref:acme/payments/.github/workflows/x.yml@refs/heads/x:runner_environment:github-hosted",
        // Case matters.
        "repo:ACME/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v1.4.0:runner_environment:github-hosted",
    ])
    func hostileSubjectsAreRefused(_ sub: String) {
        #expect(!Self.admits(sub), "\(sub)")
    }

    @Test func anotherAudienceOrProviderIsRefused() {
        #expect(!Self.admits(Self.good, audience: "sigstore"))
        #expect(!Self.admits(Self.good, provider: "arn:aws:iam::123456789012:oidc-provider/ghes.example.com/_services/token"))
    }

    @Test func anExplicitDenyWins() throws {
        var policy = Self.policy
        var deny = policy.statements[0]
        deny.allows = false
        deny.conditions = [.init(operation: "StringLike", key: "\(Self.issuer):sub", values: ["repo:acme/payments:*"])]
        policy.statements.append(deny)
        #expect(!policy.allows(provider: Self.provider, claims: ["\(Self.issuer):sub": Self.good, "\(Self.issuer):aud": "sts.amazonaws.com"]))
    }

    @Test(arguments: [("a*c", "abbbc", true), ("a*c", "ac", true), ("a?c", "abc", true), ("a?c", "ac", false), ("*", "", true),
                      ("a*b*c", "aXbYc", true), ("a*b*c", "aXcYb", false), ("abc", "abcd", false), ("*@refs/tags/v*", "x@refs/tags/v1", true)])
    func wildcardsMatchAsIAMDoes(_ pattern: String, _ value: String, _ matches: Bool) {
        #expect(TrustPolicy.like(pattern, value) == matches)
    }

    /// An operator the model does not know never counts as admitting the platform's own runs, but
    /// may admit a hostile subject: doctor never calls a trust narrow that it cannot read.
    @Test func anOperatorNotModelledIsReadBothWays() throws {
        let policy = try #require(TrustPolicy(try JSONValue.parse("""
            {"Statement": {"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "p"},
              "Condition": {"ForAnyValue:StringLike": {"k": "*"}}}}
            """)))
        #expect(!policy.allows(provider: "p", claims: ["k": "x"]))
        #expect(policy.allows(provider: "p", claims: ["k": "x"], reading: .pessimistic))
    }

    @Test func anyPrincipalNotActionAndTheActionsCaseAreIAMs() throws {
        let star = try #require(TrustPolicy(try JSONValue.parse("""
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "STS:AssumeRoleWith*"}]}
            """)))
        #expect(star.allows(provider: Self.provider, claims: [:]))
        let notAction = try #require(TrustPolicy(try JSONValue.parse("""
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "\(Self.provider)"}, "NotAction": "sts:TagSession"}]}
            """)))
        #expect(notAction.allows(provider: Self.provider, claims: [:]))
        let other = try #require(TrustPolicy(try JSONValue.parse("""
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "\(Self.provider)"}, "NotAction": "sts:AssumeRoleWith*"}]}
            """)))
        #expect(!other.allows(provider: Self.provider, claims: [:]))
    }
}
