import Foundation

/// Runs a built `idp-*` binary as a process with a clean environment, a fresh `$GITHUB_OUTPUT`
/// and `$GITHUB_STEP_SUMMARY`, and returns everything it produced.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// `$GITHUB_OUTPUT` as the runner parses it.
    public var outputs: [String: String]
    public var summary: String

    public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

public enum ToolProcess {
    /// The folder holding the built tools: `IDP_BIN_DIR`, else `.build/debug` of this package.
    public static let binDirectory: URL = {
        if let dir = ProcessInfo.processInfo.environment["IDP_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }()

    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func run(
        _ tool: String, _ arguments: [String] = [], environment: [String: String] = [:],
        directory: URL? = nil, stdin: String? = nil
    ) throws -> ToolRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("idp-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputPath = scratch.appendingPathComponent("output").path
        let summaryPath = scratch.appendingPathComponent("summary").path

        // The platform's templates, as the platform's action sets them for every step.
        var env = ["PATH": "/usr/bin:/bin", "HOME": scratch.path,
                   "IDP_TEMPLATES_DIR": packageRoot.appendingPathComponent("infrastructure/templates").path].merging(FakedClock.environment) { $1 }
        if environment["GITHUB_ACTIONS"] == "true" {
            env["GITHUB_OUTPUT"] = outputPath
            env["GITHUB_STEP_SUMMARY"] = summaryPath
        }
        env.merge(environment) { $1 }
        let run = try Subprocess.run(binDirectory.appendingPathComponent(tool).path, arguments, environment: env,
                                     directory: (directory ?? scratch).path, stdin: stdin ?? "")

        let outputText = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let pairs = try RunnerFileParser.parse(outputText)
        return ToolRun(
            status: run.status,
            stdout: run.stdout,
            stderr: run.stderr,
            outputs: Dictionary(pairs, uniquingKeysWith: { $1 }),
            summary: (try? String(contentsOfFile: summaryPath, encoding: .utf8)) ?? "")
    }
}
