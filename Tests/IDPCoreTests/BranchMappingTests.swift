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
}
