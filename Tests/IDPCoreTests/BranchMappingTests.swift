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
    func repositorySchemeExamplesHold(_ example: (repositoryID: String, branch: String, name: String)) throws {
        #expect(try BranchMapping.environmentName(forBranch: example.branch, repositoryID: example.repositoryID, scheme: .repository).rawValue == example.name)
    }

    @Test func twoRepositoriesWithOneBranchGetTwoNames() throws {
        let a = try BranchMapping.environmentName(forBranch: "fix-typo", repositoryID: "123456789", scheme: .repository)
        let b = try BranchMapping.environmentName(forBranch: "fix-typo", repositoryID: "123456790", scheme: .repository)
        #expect(a != b)
        // Deterministic: the same repository and branch always give the same name.
        #expect(a == (try BranchMapping.environmentName(forBranch: "refs/heads/fix-typo", repositoryID: "123456789", scheme: .repository)))
    }

    /// The mark used to be 24 bits of SHA-256 of owner/name: initech/tool-952856 shared
    /// acme/payments' "bf264d", so whoever could create a repository could take another's names.
    /// GitHub's repository id is unique, and its base-36 form is read back exactly: no two
    /// repositories can share a mark, whatever they are called (a rename keeps it).
    @Test func marksAreGitHubsRepositoryIDsSoNoTwoRepositoriesShareOne() throws {
        var seen: [String: UInt64] = [:]
        var generator = SystemRandomNumberGenerator()
        let ids: [UInt64] = Array(1...20_000) + (0..<20_000).map { _ in UInt64.random(in: 1...UInt64.max, using: &generator) } + [UInt64.max]
        for id in ids {
            let mark = try #require(BranchMapping.repositoryMark(id: String(id)))
            #expect(mark.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
            #expect(seen.updateValue(id, forKey: mark) == nil || seen[mark] == id, "\(id) shares \(mark)")
            #expect(UInt64(mark, radix: 36) == id)
        }
        #expect(BranchMapping.repositoryMark(id: "0") == nil && BranchMapping.repositoryMark(id: "acme/payments") == nil)
        #expect(BranchMapping.repositoryMark(id: "18446744073709551616") == nil && BranchMapping.repositoryMark(id: "-5") == nil)
        #expect(BranchMapping.repositoryMark(id: "") == nil && BranchMapping.repositoryMark(id: "0012") == nil)
    }

    @Test(arguments: ["dependabot/npm_and_yarn/left-pad-1.3.0", "feature/日本語", "x", String(repeating: "ab-", count: 40)])
    func repositoryNamesAlwaysFitTheBudget(_ branch: String) throws {
        let id = String(UInt64.max)  // the longest mark (13 characters)
        let name = try BranchMapping.environmentName(forBranch: branch, repositoryID: id, scheme: .repository)
        #expect(name.rawValue.count <= EnvironmentName.maxLength)
        #expect(name.rawValue.hasPrefix("preview-" + BranchMapping.repositoryMark(id: id)! + "-"))
    }

    @Test func theRepositorySchemeNeedsGitHubsRepositoryID() throws {
        let error = #expect(throws: BranchError.self) {
            try BranchMapping.environmentName(forBranch: "main", repositoryID: "acme/payments", scheme: .repository)
        }
        #expect(error?.code == "branch.repository-id" && error?.message.contains(#"repository id "acme/payments" is not"#) == true)
        #expect(throws: BranchError.self) { try BranchMapping.environmentName(forBranch: "main", repositoryID: nil, scheme: .repository) }
        // The branch scheme ignores it.
        #expect(try BranchMapping.environmentName(forBranch: "main", repositoryID: nil, scheme: .branch).rawValue == "preview-main")
    }

    /// A branch whose name would end like a name the templates derive from another environment's
    /// ("add-db" → alarm "…-add-db-cpu", which is "…-add"'s database alarm) gets its hash instead.
    @Test(arguments: ["feature/add-db", "fix/cron-task", "db", "task"])
    func aNameNeverEndsLikeAnotherEnvironmentsResource(_ branch: String) throws {
        for scheme in NamingScheme.allCases {
            let name = try BranchMapping.environmentName(forBranch: branch, repositoryID: "123456789", scheme: scheme)
            #expect(!EnvironmentName.clashingEndings.contains { name.rawValue.hasSuffix($0) }, "\(name)")
        }
    }
}
