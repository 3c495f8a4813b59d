import Testing
@testable import IDPCore

@Suite struct EnvironmentNameTests {
    @Test(arguments: EnvironmentName.validExamples)
    func acceptsValidExamples(_ text: String) throws {
        #expect(try EnvironmentName(text).rawValue == text)
    }

    @Test(arguments: EnvironmentName.invalidExamples)
    func rejectsInvalidExamples(_ text: String) {
        #expect(throws: NameError.self) { try EnvironmentName(text) }
    }

    @Test func lengthBoundLeavesRoomForTheLongestDerivedName() throws {
        #expect(EnvironmentName.maxLength == 28)
        let longest = String(repeating: "a", count: EnvironmentName.maxLength)
        #expect((try EnvironmentName(longest).rawValue + EnvironmentName.longestDerivedSuffix).count == 32)
        #expect(throws: NameError.tooLong(longest + "a", length: 29)) { try EnvironmentName(longest + "a") }
    }

    @Test(arguments: [
        ("", NameError.empty),
        ("a b", .character("a b", " ", position: 2)),
        ("é", .character("é", "é", position: 1)),
        ("9lives", .start("9lives")),
        ("-x", .start("-x")),
        ("a--b", .doubleHyphen("a--b")),
        ("ab-", .trailingHyphen("ab-")),
        ("internal-api", .reserved("internal-api")),
    ])
    func reportsWhy(_ text: String, _ expected: NameError) {
        #expect(throws: expected) { try EnvironmentName(text) }
    }
}
