import Foundation
import Testing
import TestSupport

/// `idp doctor` as a process against a live setup: the bootstrap's resources in moto (an account of
/// their own) and the repositories' settings served by the GitHub stand-in, as
/// Fixtures/doctor_setup.py makes them. Each case file of Fixtures/doctor/ names the mistakes made
/// and the findings expected, no more and no fewer: a check that is missing, or that fires on a
/// healthy setup, fails its case.
@Suite(.enabled(if: Moto.available, "needs the moto server scripts/test starts")) struct DoctorToolTests {
    struct Case: Decodable {
        var mistakes: [String]
        var codes: [String]
        /// Whether doctor should call the set-up ready (default: when no finding is expected).
        var ready: Bool?
        /// Words the findings must say (which hostile subject, which branch).
        var says: [String]?
    }

    static let cases: [URL] = {
        let folder = Golden.fixtures().appendingPathComponent("doctor")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }()

    struct Setup: Decodable, Sendable {
        var env: [String: String]
        var platform: String
        var scenario: String
        var checksums: String
    }

    /// The setup with `mistakes`, and `idp doctor` run on it (platform acme/mini-idp, consumer acme/payments).
    static func doctor(_ mistakes: [String], token: String? = "ghp_doctor", extra: [String] = []) throws -> ToolRun {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
        let json = try Python.run(Golden.fixtures().appendingPathComponent("doctor_setup.py").path, arguments: [Moto.url, work.path] + mistakes)
        let setup = try JSONDecoder().decode(Setup.self, from: Data(json.utf8))
        let github = try BackgroundProcess("python3", [Golden.fixtures().appendingPathComponent("fake_github.py").path, setup.scenario,
                                                       work.appendingPathComponent("requests.jsonl").path])
        var environment = setup.env.merging(["GITHUB_ACTIONS": "true", "GITHUB_API_URL": "http://127.0.0.1:\(github.firstLine)"]) { $1 }
        environment["GITHUB_TOKEN"] = token
        return try withExtendedLifetime(github) {
            try ToolProcess.run("idp", ["doctor", "--platform", setup.platform, "--repository", "acme/mini-idp", "--consumer", "acme/payments",
                                        "--checksums", setup.checksums] + extra, environment: environment)
        }
    }

    /// The codes of the annotations (`::error title=idp-doctor [aws.bucket.versioning]::…`).
    static func codes(_ run: ToolRun) -> Set<String> {
        Set(run.stderrLines.compactMap { line in
            guard line.hasPrefix("::error") || line.hasPrefix("::warning"), let close = line.range(of: "]::"),
                  let open = line[..<close.lowerBound].lastIndex(of: "[") else { return nil }
            return String(line[line.index(after: open)..<close.lowerBound])
        })
    }

    @Test(arguments: cases) func eachMistakeIsFoundAndNamesItsFix(_ file: URL) throws {
        let expected = try JSONDecoder().decode(Case.self, from: Data(contentsOf: file))
        let run = try Self.doctor(expected.mistakes)
        #expect(Self.codes(run) == Set(expected.codes), "\(file.lastPathComponent): \(run.stderr)")
        let ready = expected.ready ?? expected.codes.isEmpty
        #expect(run.status == (ready ? 0 : 1), "\(run.stderr)")
        #expect(run.outputs["ready"] == String(ready))
        for words in expected.says ?? [] { #expect(run.stderr.contains(words), "\(file.lastPathComponent) should say \(words): \(run.stderr)") }
        // Every finding says why it matters and what fixes it.
        for line in run.stderrLines where line.hasPrefix("::error") || line.hasPrefix("::warning") { #expect(line.contains("; fix: "), "\(line)") }
    }

    @Test func withoutAGitHubTokenNothingThereIsCheckedAndItSaysSo() throws {
        let run = try Self.doctor([], token: nil)
        #expect(run.status == 1)
        #expect(Self.codes(run) == ["github.token"], "\(run.stderr)")
        #expect(run.stderr.contains("gh auth token"))
    }

    @Test func theTokenIsNeverPrinted() throws {
        let run = try Self.doctor(["oidc-default"])
        let lines = (run.stdout + run.stderr).split(separator: "\n").filter { $0.contains("ghp_doctor") }
        #expect(lines == ["::add-mask::ghp_doctor"], "masked before anything could print it, and printed nowhere else")
    }
}
