extension SetupRules {
    /// The role exists, trusts GitHub's OIDC provider (which exists and accepts `sts.amazonaws.com`),
    /// lets the platform's own runs and each consumer's calls in, and keeps out subjects no one should
    /// hold: a fork of the platform, a consumer's own workflow, a branch of the platform, a
    /// consumer calling at a branch, a runner of another kind, GitHub's default subject.
    static func role(_ facts: AWSSetupFacts, _ expected: SetupExpectations) -> [SetupFinding] {
        let subject = "role \(facts.role.arn)"
        guard facts.role.exists else {
            return [SetupFinding(code: "aws.role.missing", subject: subject, what: "the role \(quoted(facts.role.arn)) does not exist",
                                 why: "no workflow can assume it, so nothing reaches AWS",
                                 fix: "\(bootstrap) and set role_arn in platform.yml to its output role_arn")]
        }
        var findings: [SetupFinding] = []
        if facts.boundaryExists == false {
            findings.append(SetupFinding(code: "aws.role.boundary", subject: facts.boundaryARN ?? "idp-preview-boundary",
                                         what: "the permissions boundary \(quoted(facts.boundaryARN ?? "idp-preview-boundary")) does not exist",
                                         why: "the role may create task roles only with it attached, so every template's apply fails",
                                         fix: bootstrap))
        }
        guard let trust = facts.role.trust else {
            return findings + [SetupFinding(code: "aws.role.trust", subject: subject, what: "the role's trust policy cannot be read",
                                            why: "whom it lets in cannot be checked", fix: bootstrap)]
        }
        let providers = trust.federatedProviders.filter { $0.contains(":oidc-provider/") }
        guard let provider = providers.first else {
            return findings + [SetupFinding(code: "aws.role.provider", subject: subject, what: "the role trusts no OIDC provider",
                                            why: "GitHub's tokens cannot assume it", fix: bootstrap)]
        }
        for fact in facts.providers where providers.contains(fact.arn) {
            if !fact.exists {
                findings.append(SetupFinding(code: "aws.oidc.provider", subject: fact.arn, what: "the OIDC provider the role trusts does not exist",
                                             why: "AWS refuses every GitHub token", fix: "\(bootstrap) (or set oidc_provider_arn to the account's existing provider)"))
            } else if !fact.clientIDs.contains("sts.amazonaws.com") {
                findings.append(SetupFinding(code: "aws.oidc.audience", subject: fact.arn, what: "the OIDC provider's audiences are \(fact.clientIDs.joined(separator: ", ")), without sts.amazonaws.com",
                                             why: "the workflows ask for tokens with that audience, which AWS then refuses",
                                             fix: "aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn \(fact.arn) --client-id sts.amazonaws.com"))
            }
        }
        let issuer = String(provider.split(separator: "/", maxSplits: 1).last ?? "")
        func claims(_ sub: String) -> [String: String] { ["\(issuer):sub": sub, "\(issuer):aud": "sts.amazonaws.com"] }
        func admits(_ sub: String) -> Bool { trust.allows(provider: provider, claims: claims(sub)) }
        func mayAdmit(_ sub: String) -> Bool { trust.allows(provider: provider, claims: claims(sub), reading: .pessimistic) }
        let platform = expected.platform, runner = expected.runner
        let tag = "refs/tags/\(expected.releaseTag ?? "v1.0.0")"
        for (file, inEnvironment) in SetupExpectations.platformWorkflows {
            let context = inEnvironment ? "environment:idp-platform" : "ref:refs/heads/\(expected.defaultBranch)"
            let sub = OIDCSubject.subject(repository: platform, context: context, workflowRef: "\(platform)/.github/workflows/\(file)@refs/heads/\(expected.defaultBranch)", runner: runner)
            if !admits(sub) {
                findings.append(SetupFinding(code: "aws.role.trust-platform", subject: subject, what: "the trust refuses the platform's own \(file) (\(quoted(sub)))",
                                             why: "its scheduled runs cannot reach AWS: nothing expires, sleeps or is cleaned up",
                                             fix: "set platform_repository = \"\(platform)\", default_branch = \"\(expected.defaultBranch)\" and runner_environment = \"\(runner)\" in the bootstrap and apply it"))
                break
            }
        }
        for consumer in expected.consumers {
            let calls = [("provision.yml", "pull_request"), ("destroy.yml", "pull_request"), ("destroy.yml", "ref:refs/heads/\(consumer.defaultBranch)"),
                         ("command.yml", "ref:refs/heads/\(consumer.defaultBranch)")]
            for (file, context) in calls {
                let sub = OIDCSubject.subject(repository: consumer.repository, context: context, workflowRef: "\(platform)/.github/workflows/\(file)@\(tag)", runner: runner)
                if !admits(sub) {
                    findings.append(SetupFinding(code: "aws.role.trust-consumer", subject: subject, what: "the trust refuses \(consumer.repository)'s call of \(file) (\(quoted(sub)))",
                                                 why: "that repository's previews fail at \"Configure AWS credentials\" with AccessDenied",
                                                 fix: "add \"\(consumer.repository)\" to consumer_repositories (or its owner to consumer_owners) in the bootstrap and apply it"))
                    break
                }
            }
        }
        let someone = expected.consumers.first?.repository ?? "\(platform.split(separator: "/").first ?? "acme")/app"
        let owner = someone.split(separator: "/").first.map(String.init) ?? "acme"
        let name = platform.split(separator: "/").last.map(String.init) ?? "mini-idp"
        let other = runner == "github-hosted" ? "self-hosted" : "github-hosted"
        // The bootstrap's runner_environment = "any" admits both kinds on purpose: then the other kind is no finding.
        let anyRunner = admits(OIDCSubject.subject(repository: platform, context: "environment:idp-platform",
                                                   workflowRef: "\(platform)/.github/workflows/ttl-cleanup.yml@refs/heads/\(expected.defaultBranch)", runner: other))
        let call = { (repository: String, context: String, workflow: String, kind: String) in
            OIDCSubject.subject(repository: repository, context: context, workflowRef: workflow, runner: kind)
        }
        var hostile: [(String, String)] = [
            ("a fork of the platform in another account", call("\(owner)-fork/app", "pull_request", "\(owner)-fork/\(name)/.github/workflows/provision.yml@\(tag)", runner)),
            ("a repository outside the consumers calling the platform at a release", call("\(owner)-outsider/app", "pull_request", "\(platform)/.github/workflows/provision.yml@\(tag)", runner)),
            ("a repository's own workflow of the same name", call(someone, "pull_request", "\(someone)/.github/workflows/provision.yml@\(tag)", runner)),
            ("a look-alike of the platform's name", call(someone, "pull_request", "\(platform)-evil/.github/workflows/provision.yml@\(tag)", runner)),
            ("a branch of the platform repository", call(platform, "ref:refs/heads/feature", "\(platform)/.github/workflows/destroy.yml@refs/heads/feature", runner)),
            ("a branch of the platform calling its default branch's workflow", call(platform, "ref:refs/heads/feature", "\(platform)/.github/workflows/destroy.yml@refs/heads/\(expected.defaultBranch)", runner)),
            ("a consumer calling the platform at a branch", call(someone, "pull_request", "\(platform)/.github/workflows/provision.yml@refs/heads/\(expected.defaultBranch)", runner)),
            ("a consumer calling the platform at a commit", call(someone, "pull_request", "\(platform)/.github/workflows/provision.yml@0123456789abcdef0123456789abcdef01234567", runner)),
            ("the platform repository calling itself at a release tag", call(platform, "ref:refs/heads/feature", "\(platform)/.github/workflows/destroy.yml@\(tag)", runner)),
            ("GitHub's default subject, without the customisation", "repo:\(someone):pull_request"),
        ]
        if !anyRunner { hostile.append(("a runner of another kind (\(other))", call(someone, "pull_request", "\(platform)/.github/workflows/provision.yml@\(tag)", other))) }
        for (who, sub) in hostile where mayAdmit(sub) {
            findings.append(SetupFinding(code: "aws.role.trust-too-wide", subject: subject, what: "the trust admits \(who): \(quoted(sub))",
                                         why: "code the platform team did not review could act with the platform's role on every tenant's environments",
                                         fix: "render the trust from infrastructure/bootstrap (trust-subjects.json) and apply it; never trust repo:<owner>/* without job_workflow_ref, nor a * where a ref or repository goes"))
        }
        return findings
    }
}
