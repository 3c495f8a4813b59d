import Foundation
import Testing

/// Compares `actual` with the expected file beside a fixture; `IDP_RECORD=1` rewrites the file
/// instead, so a change in output is reviewed as a git diff.
enum Golden {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func check(_ actual: String, against expected: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["IDP_RECORD"] == "1" {
            try actual.write(to: expected, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: expected, encoding: .utf8)
        #expect(actual == recorded, "\(expected.lastPathComponent) differs; rerun with IDP_RECORD=1 to re-record", sourceLocation: sourceLocation)
    }

    /// The fixture files with `ext` in a folder below `Fixtures`, sorted.
    static func cases(_ folder: String, ext: String) -> [URL] {
        let dir = fixtures.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.appendingPathComponent($0) }
    }
}
