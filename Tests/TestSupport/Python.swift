import Foundation

/// Runs a Python helper (botocore signer, fake servers) and returns its stdout.
public enum Python {
    public struct Failure: Error, CustomStringConvertible {
        public var status: Int32
        public var stderr: String
        public var description: String { "python exited \(status): \(stderr)" }
    }

    public static func run(_ script: String, arguments: [String] = [], stdin: String = "") throws -> String {
        let run = try Subprocess.run("/usr/bin/env", ["python3", script] + arguments, stdin: stdin)
        guard run.status == 0 else { throw Failure(status: run.status, stderr: run.stderr) }
        return run.stdout
    }
}
