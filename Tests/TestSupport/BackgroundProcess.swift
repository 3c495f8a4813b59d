import Foundation

/// A helper server started for one test and killed when the value goes away.
public final class BackgroundProcess: @unchecked Sendable {
    let process = Process()
    /// The first line the process printed (e.g. its port).
    public let firstLine: String

    public init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        firstLine = String(decoding: line, as: UTF8.self)
    }

    deinit {
        // SIGKILL: a child started from a Dispatch worker inherits its blocked signal mask, and
        // would sit through SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
