import Testing
@testable import IDPCore

@Suite struct BranchMappingTests {
    @Test(arguments: BranchMapping.examples)
    func documentedExamplesHold(_ example: (branch: String, name: String)) throws {
        #expect(try BranchMapping.environmentName(forBranch: example.branch).rawValue == example.name)
    }

    @Test(arguments: [
        ("refs/heads/feature/payment-api", "preview-payment-api"),
        ("main", "preview-main"),
        ("Feature/Foo", "preview-foo"),
        ("feature/feature/x", "preview-feature-x"),
        ("users/bob/fix_it", "preview-users-bob-fix-it"),
        ("--weird__branch--", "preview-weird-branch"),
        ("featurex/y", "preview-featurex-y"),
        ("zzz\";echo${IFS}\"hello\";#", "preview-zzz-echo-ifs-hello"),
    ])
    func mapsToValidNames(_ branch: String, _ expected: String) throws {
        #expect(try BranchMapping.environmentName(forBranch: branch).rawValue == expected)
    }

    @Test func longBranchesAreTruncatedWithAStableHash() throws {
        let a = try BranchMapping.environmentName(forBranch: "feature/add-payment-provider-integration-a").rawValue
        let b = try BranchMapping.environmentName(forBranch: "feature/add-payment-provider-integration-b").rawValue
        #expect(a != b)
        #expect(a.count <= EnvironmentName.maxLength && b.count <= EnvironmentName.maxLength)
        #expect(a.hasPrefix("preview-add-payment-"))
        #expect(a == (try BranchMapping.environmentName(forBranch: "feature/add-payment-provider-integration-a").rawValue))
        // The suffix is the sha256 of the branch, reproducible with sha256sum.
        #expect(a.hasSuffix("-" + BranchMapping.shortHash("feature/add-payment-provider-integration-a")))
    }

    @Test func branchesWithNothingUsableGetAHashName() throws {
        let name = try BranchMapping.environmentName(forBranch: "feature/日本語").rawValue
        #expect(name == "preview-" + BranchMapping.shortHash("feature/日本語"))
        #expect(name != (try BranchMapping.environmentName(forBranch: "feature/中文").rawValue))
    }

    @Test func shortHashMatchesSha256sum() {
        // printf %s main | sha256sum | cut -c1-6
        #expect(BranchMapping.shortHash("main") == "0d6e40")
    }

    @Test func rejectsNonBranches() {
        #expect(throws: BranchError.self) { try BranchMapping.environmentName(forBranch: "") }
        #expect(throws: BranchError.self) { try BranchMapping.environmentName(forBranch: "refs/tags/v1") }
        #expect(throws: BranchError.self) { try BranchMapping.branch(explicit: nil, headRef: nil, refName: "42/merge") }
    }

    @Test func prefersExplicitThenHeadRefThenRefName() throws {
        #expect(try BranchMapping.branch(explicit: "a", headRef: "b", refName: "c") == "a")
        #expect(try BranchMapping.branch(explicit: "", headRef: "b", refName: "42/merge") == "b")
        #expect(try BranchMapping.branch(explicit: nil, headRef: nil, refName: "c") == "c")
    }

    // MARK: naming: repository

    @Test(arguments: NamingScheme.repositoryExamples)
    func repositorySchemeExamplesHold(_ example: (repository: String, branch: String, name: String)) throws {
        #expect(try BranchMapping.environmentName(forBranch: example.branch, repository: example.repository, scheme: .repository).rawValue == example.name)
    }

    @Test func twoRepositoriesWithOneBranchGetTwoNames() throws {
        let a = try BranchMapping.environmentName(forBranch: "fix-typo", repository: "acme/payments", scheme: .repository)
        let b = try BranchMapping.environmentName(forBranch: "fix-typo", repository: "acme/billing", scheme: .repository)
        #expect(a != b)
        // Deterministic: the same repository and branch always give the same name.
        #expect(a == (try BranchMapping.environmentName(forBranch: "refs/heads/fix-typo", repository: "ACME/Payments", scheme: .repository)))
    }

    @Test func theMarkIsSha256OfTheLowerCasedRepository() {
        // printf %s acme/payments | sha256sum | cut -c1-6
        #expect(BranchMapping.repositoryMark("acme/payments") == "bf264d")
        #expect(BranchMapping.repositoryMark("Acme/Payments") == "bf264d")
        #expect(BranchMapping.repositoryMark("payments") == nil)
        #expect(BranchMapping.repositoryMark("acme/") == nil)
    }

    @Test(arguments: ["dependabot/npm_and_yarn/left-pad-1.3.0", "feature/日本語", "x", String(repeating: "ab-", count: 40)])
    func repositoryNamesAlwaysFitTheBudget(_ branch: String) throws {
        let name = try BranchMapping.environmentName(forBranch: branch, repository: "some-organisation/a-rather-long-repository-name", scheme: .repository)
        #expect(name.rawValue.count <= EnvironmentName.maxLength)
        #expect(name.rawValue.hasPrefix("preview-" + BranchMapping.repositoryMark("some-organisation/a-rather-long-repository-name")! + "-"))
    }

    @Test func theRepositorySchemeNeedsOwnerAndName() throws {
        let error = #expect(throws: BranchError.self) {
            try BranchMapping.environmentName(forBranch: "main", repository: "payments", scheme: .repository)
        }
        #expect(error?.code == "branch.repository" && error?.message.contains(#"repository "payments" is not owner/name"#) == true)
        #expect(throws: BranchError.self) { try BranchMapping.environmentName(forBranch: "main", repository: nil, scheme: .repository) }
        // The branch scheme ignores the repository.
        #expect(try BranchMapping.environmentName(forBranch: "main", repository: nil, scheme: .branch).rawValue == "preview-main")
    }
}
