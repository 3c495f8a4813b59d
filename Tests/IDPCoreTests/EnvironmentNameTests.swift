import Foundation
import Testing
import TestSupport
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

    /// No name the templates derive from one environment's name may be another's: an api-service
    /// "<A>-db" would own the alarm "<A>-db-cpu" of api-database "<A>". Only new environments are
    /// refused (idp-ttl create); a record of such a name made before is still a valid name.
    @Test func theOnlyClashingEndingIsDb() throws {
        #expect(EnvironmentName.clashingEndings == ["-db"])
        #expect((try? EnvironmentName("preview-x-db")) != nil, "an older environment of such a name can still be read and destroyed")
        #expect(EnvironmentName.derivedNames["CloudWatch alarm"]?.contains("-db-cpu") == true && EnvironmentName.derivedNames["IAM role"]?.contains("-schedule") == true)
    }

    /// Every name a module derives from var.name (or var.environment_name) is declared in
    /// EnvironmentName.derivedNames, so a new resource cannot bring a clash in unnoticed.
    @Test func everyDerivedNameOfTheTemplatesIsDeclared() throws {
        let root = ToolProcess.packageRoot.appendingPathComponent("infrastructure/modules")
        let declared = Set(EnvironmentName.derivedNames.values.joined())
        var found: Set<String> = []
        for case let file as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! where file.pathExtension == "tf" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                for marker in ["name = \"${var.name}", "name = \"${var.environment_name}", "identifier = \"${var.name}", "family = var.name", "name = var.name"] {
                    let compact = line.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "=", with: " = ")
                    guard let range = compact.range(of: marker.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "=", with: " = ")) else { continue }
                    let rest = compact[range.upperBound...]
                    found.insert(marker.hasSuffix("var.name") ? "" : String(rest.prefix { $0 != "\"" && $0 != "$" }))
                }
            }
        }
        #expect(found.isSubset(of: declared), "not declared: \(found.subtracting(declared).sorted())")
        #expect(found.contains("-db-cpu") && found.contains("-task"), "\(found.sorted())")
    }
}

