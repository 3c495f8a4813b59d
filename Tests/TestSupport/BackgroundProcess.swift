import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A helper server started for one test and killed when the value goes away.
public final class BackgroundProcess: @unchecked Sendable {
    let pid: pid_t
    /// The read end of the server's stdout, kept open so a later print cannot kill it with SIGPIPE.
    let stdout: Int32
    /// The first line the process printed (e.g. its port).
    public let firstLine: String

    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Subprocess.Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        // Only the server gets the write end (dup2 clears the flag there). A child spawned by another
        // thread in between may inherit it too: harmless, as nothing here waits for end of file.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        do {
            pid = try Subprocess.spawn("/usr/bin/env", [executable] + arguments, environment: environment, stdout: .descriptor(fds[1]))
        } catch {
            close(fds[0]); close(fds[1])
            throw error
        }
        close(fds[1])
        stdout = fds[0]
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(stdout, &byte, 1) == 1, byte != UInt8(ascii: "\n") { line.append(byte) }
        firstLine = String(decoding: line, as: UTF8.self)
    }

    /// Waits for the process to end: its exit status and what it printed after the first line.
    public func finish() -> (status: Int32, rest: String) {
        var rest: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(stdout, &buffer, buffer.count)
            if n <= 0 { break }
            rest += buffer[0..<n]
        }
        return (Subprocess.wait(pid), String(decoding: rest, as: UTF8.self))
    }

    deinit {
        kill(pid, SIGKILL)
        Subprocess.wait(pid)
        close(stdout)
    }
}
