import Testing
@testable import IDPCore

@Suite struct TenancyTests {
    static let platform = "acme/mini-idp"

    /// A run of `repository`; by default the platform's scheduled cleanup on its default branch.
    func caller(_ repository: String?, inActions: Bool = true, platform: String? = platform,
                workflowRef: String? = "acme/mini-idp/.github/workflows/ttl-cleanup.yml@refs/heads/main",
                defaultBranchRef: String? = "refs/heads/main") -> Caller {
        Caller(repository: repository, platformRepository: platform, inActions: inActions, workflowRef: workflowRef, defaultBranchRef: defaultBranchRef)
    }

    @Test func aConsumerChangesItsOwnEnvironments() throws {
        try caller("acme/payments").mayChange(environment: "preview-a", ownedBy: "acme/payments")
        // GitHub's names are case-insensitive.
        try caller("Acme/Payments").mayChange(environment: "preview-a", ownedBy: "acme/payments")
    }

    @Test func aConsumerIsRefusedAnotherRepositorysEnvironment() {
        #expect(throws: TenancyError.notOwner(environment: "preview-a", owner: "acme/payments", caller: "acme/intruder")) {
            try caller("acme/intruder").mayChange(environment: "preview-a", ownedBy: "acme/payments")
        }
    }

    @Test func theRefusalNamesTheOwnerAndTheCaller() {
        let message = TenancyError.notOwner(environment: "preview-a", owner: "acme/payments", caller: "acme/intruder").message
        #expect(message.contains("acme/payments") && message.contains("acme/intruder") && message.contains("nothing was changed"))
    }

    @Test func thePlatformRepositoryActsOnAny() throws {
        try caller("acme/mini-idp").mayChange(environment: "preview-a", ownedBy: "acme/payments")
        try caller("ACME/mini-idp").mayComment(on: "acme/payments", environment: "preview-a")
    }

    /// Any writer of the platform repository can push a branch whose workflow calls a release of
    /// destroy.yml: only the platform's own files on its default branch act for the platform.
    @Test func onlyThePlatformsOwnWorkflowOnItsDefaultBranchActsForIt() {
        #expect(caller("acme/mini-idp").actsForPlatform)
        #expect(caller("acme/mini-idp", workflowRef: "ACME/Mini-IDP/.github/workflows/sleep.yml@refs/heads/main").actsForPlatform)
        for (workflowRef, defaultBranchRef) in [
            ("acme/mini-idp/.github/workflows/evil.yml@refs/heads/evil", "refs/heads/main"),     // a branch's workflow
            ("acme/mini-idp/.github/workflows/destroy.yml@refs/tags/v1.4.0", "refs/heads/main"),  // a tag is not the branch
            ("acme/mini-idp/.github/workflows/ttl-cleanup.yml@refs/heads/main", nil),             // the default branch unknown
            ("acme/mini-idp-evil/.github/workflows/ttl-cleanup.yml@refs/heads/main", "refs/heads/main"),  // a name that extends it
            ("acme/payments/.github/workflows/ttl-cleanup.yml@refs/heads/main", "refs/heads/main"),  // another repository's file
            ("acme/mini-idp/.github/workflows/ttl-cleanup.yml", "refs/heads/main"),               // no ref at all
        ] as [(String, String?)] {
            #expect(!caller("acme/mini-idp", workflowRef: workflowRef, defaultBranchRef: defaultBranchRef).actsForPlatform, "\(workflowRef)")
        }
        #expect(!caller("acme/mini-idp", workflowRef: nil).actsForPlatform)
        #expect(throws: TenancyError.notOwner(environment: "preview-a", owner: "acme/payments", caller: "acme/mini-idp")) {
            try caller("acme/mini-idp", workflowRef: "acme/mini-idp/.github/workflows/evil.yml@refs/heads/evil")
                .mayChange(environment: "preview-a", ownedBy: "acme/payments")
        }
    }

    @Test func withoutAKnownPlatformOnlyOwnEnvironments() {
        // IDP_PLATFORM_REPOSITORY unset: nobody is the platform, not even a repository named like it.
        #expect(throws: TenancyError.self) {
            try caller("acme/mini-idp", platform: nil).mayChange(environment: "preview-a", ownedBy: "acme/payments")
        }
    }

    @Test func insideActionsAnUnknownRepositoryChangesNothing() {
        #expect(throws: TenancyError.unknownCaller(environment: "preview-a")) {
            try caller(nil).mayChange(environment: "preview-a", ownedBy: "acme/payments")
        }
    }

    @Test func aPersonAtATerminalManagesAny() throws {
        try caller(nil, inActions: false, platform: nil).mayChange(environment: "preview-a", ownedBy: "acme/payments")
        try Caller.operator_.mayChange(environment: "preview-a", ownedBy: "acme/payments")
    }
}
