import Foundation

/// Compares `actual` with an expected file beside a fixture; `IDP_RECORD=1` rewrites the file
/// instead, so a change in output is reviewed as a git diff.
public enum Golden {
    /// The `Fixtures` folder beside the calling test file.
    public static func fixtures(_ file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// Nil when `actual` equals the recorded file, else a message saying how to re-record.
    /// (Returns rather than asserts so this target needs no test framework and release builds skip it.)
    public static func mismatch(_ actual: String, against expected: URL) throws -> String? {
        if ProcessInfo.processInfo.environment["IDP_RECORD"] == "1" {
            try actual.write(to: expected, atomically: true, encoding: .utf8)
            return nil
        }
        let recorded = try String(contentsOf: expected, encoding: .utf8)
        guard actual != recorded else { return nil }
        return "\(expected.lastPathComponent) differs; rerun with IDP_RECORD=1 to re-record.\n--- expected\n\(recorded)\n--- actual\n\(actual)"
    }

    /// The fixture files with `ext` in a folder below the caller's `Fixtures`, sorted.
    /// A missing or empty folder gives one case that names it, so the test fails instead of
    /// passing with nothing checked.
    public static func cases(_ folder: String, ext: String, file: String = #filePath) -> [URL] {
        let dir = fixtures(file).appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        let found = names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.appendingPathComponent($0) }
        return found.isEmpty ? [dir.appendingPathComponent("no-\(ext)-cases-in-\(folder.replacing("/", with: "-")).\(ext)")] : found
    }

    /// Expected files (`x.out`) whose input (`x.<ext>`) is gone: each is a case nobody runs.
    public static func orphans(_ folder: String, ext: String, file: String = #filePath) -> [String] {
        let dir = fixtures(file).appendingPathComponent(folder)
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        return names.filter { $0.hasSuffix(".out") && !names.contains(String($0.dropLast(4)) + "." + ext) }.sorted()
    }
}
