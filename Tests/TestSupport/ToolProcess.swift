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

        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent(tool)
        process.arguments = arguments
        var env = ["PATH": "/usr/bin:/bin", "HOME": scratch.path]
        if environment["GITHUB_ACTIONS"] == "true" {
            env["GITHUB_OUTPUT"] = outputPath
            env["GITHUB_STEP_SUMMARY"] = summaryPath
        }
        env.merge(environment) { $1 }
        process.environment = env
        process.currentDirectoryURL = directory ?? scratch
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting so a chatty tool cannot block on a full pipe. A thread of
        // its own, not Dispatch's pool: callers run many tools from concurrentPerform.
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var stderrData = Data()
        let reader = Thread {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        reader.start()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()

        let outputText = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let pairs = try RunnerFileParser.parse(outputText)
        return ToolRun(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self),
            outputs: Dictionary(pairs, uniquingKeysWith: { $1 }),
            summary: (try? String(contentsOfFile: summaryPath, encoding: .utf8)) ?? "")
    }
}
