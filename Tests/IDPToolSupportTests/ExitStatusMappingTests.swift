import Testing
@testable import IDPAWS
@testable import IDPCore
@testable import IDPPlatform
@testable import IDPRuntime
@testable import IDPToolSupport

/// Every store and AWS failure ends on the row of the exit-code table docs/tools.md documents.
@Suite struct ExitStatusMappingTests {
    @Test(arguments: [
        (StoreError.notFound("x"), IDPRuntime.ExitStatus.notFound),
        (.ownedElsewhere("x", repository: "a/b", branch: "c"), .conflict),
        (.tenancy(.notOwner(environment: "x", owner: "a/b", caller: "c/d")), .conflict),
        (.tenancy(.unknownCaller(environment: "x")), .conflict),
        (.contention("x", attempts: 10), .conflict),
        (.locked("x", "held"), .conflict),
        (.notDestroying("x", .active), .conflict),
        (.transition(.notAllowed(name: "x", from: .active, to: .destroyed)), .conflict),
        (.transition(.unreadableTTL(name: "x", ttl: "?")), .invalidInput),
        (.unreadableObject("k", "gone"), .remote),
        (.backupUnverified("k", "differs"), .remote),
        (.compression("zlib"), .localIO),
    ])
    func storeErrorsMapToTheTable(_ error: StoreError, _ expected: IDPRuntime.ExitStatus) {
        #expect(error.exitStatus == expected)
        #expect(error.failure.status == expected && error.failure.diagnostics.count == 1)
    }

    @Test func aMissingObjectIsNotFoundAndAThrottleIsRemote() {
        #expect(AWSError.service(status: 404, code: "NoSuchKey", message: "", operation: "op").exitStatus == .notFound)
        #expect(AWSError.service(status: 400, code: "RepositoryNotFoundException", message: "", operation: "op").exitStatus == .notFound)
        #expect(AWSError.service(status: 503, code: "SlowDown", message: "", operation: "op").exitStatus == .remote)
    }

    @Test func aSessionWithoutARegionIsAUsageError() throws {
        let runtime = try Runtime(tool: "t", context: ActionsContext(environment: ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"]))
        do {
            _ = try AWSSession(runtime: runtime)
            Issue.record("a session without a region was made")
        } catch {
            #expect(error.status == .usage && error.diagnostics.first?.code == "aws.config")
        }
    }
}
