import Testing
@testable import IDPCore

@Suite struct TenancyTests {
    static let platform = "acme/mini-idp"

    func caller(_ repository: String?, inActions: Bool = true, platform: String? = platform) -> Caller {
        Caller(repository: repository, platformRepository: platform, inActions: inActions)
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
