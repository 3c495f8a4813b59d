import Foundation
import Testing

/// Compares `actual` with an expected file beside a fixture; `IDP_RECORD=1` rewrites the file
/// instead, so a change in output is reviewed as a git diff.
public enum Golden {
    /// The `Fixtures` folder beside the calling test file.
    public static func fixtures(_ file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    public static func check(_ actual: String, against expected: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["IDP_RECORD"] == "1" {
            try actual.write(to: expected, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: expected, encoding: .utf8)
        #expect(actual == recorded, "\(expected.lastPathComponent) differs; rerun with IDP_RECORD=1 to re-record", sourceLocation: sourceLocation)
    }

    /// The fixture files with `ext` in a folder below the caller's `Fixtures`, sorted.
    public static func cases(_ folder: String, ext: String, file: String = #filePath) -> [URL] {
        let dir = fixtures(file).appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.appendingPathComponent($0) }
    }
}
