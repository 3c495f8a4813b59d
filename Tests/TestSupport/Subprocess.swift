import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Child processes for the tests, through `posix_spawn` and `waitpid`.
///
/// Not Foundation's `Process`: on Linux its exit monitoring can miss a child that exits while other
/// `Process` objects run on other threads, and `waitUntilExit()` then blocks for ever on a zombie
/// (seen in this suite on a fresh clone). Here the thread that waits reaps its own child, output goes
/// to files (no pipe to drain, no reader thread), and the child starts with no signal blocked.
public enum Subprocess {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Where a standard stream of the child goes.
    public enum Stream {
        case null
        /// A file, created or truncated for output, read for input.
        case file(String)
        /// A descriptor of this process (e.g. a pipe's write end), duplicated into the child.
        case descriptor(Int32)
    }

    /// Starts `executable` (an absolute path) and returns its process id.
    /// - Parameters:
    ///   - environment: the child's whole environment; nil inherits this process's.
    ///   - directory: the child's working directory (through `env -C`, as glibc's
    ///     `posix_spawn_file_actions_addchdir_np` is not visible to Swift).
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String? = nil, stdin: Stream = .null, stdout: Stream = .null, stderr: Stream = .null
    ) throws -> pid_t {
        let argv = directory.map { ["/usr/bin/env", "-C", $0, "--", executable] } ?? [executable]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch stream {
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, fd == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Test threads (Dispatch workers) block signals; a child would inherit that and ignore SIGTERM.
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let env = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        var pid: pid_t = 0
        let status = withCStrings(argv + arguments) { cArgv in
            if let env {
                withCStrings(env) { cEnv in posix_spawn(&pid, argv[0], &actions, &attributes, cArgv, cEnv) }
            } else {
                posix_spawn(&pid, argv[0], &actions, &attributes, cArgv, environ)
            }
        }
        guard status == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))") }
        return pid
    }

    /// Waits for the child and returns its exit code (128 + the signal's number when killed, as
    /// shells report it).
    @discardableResult
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Runs a child to its end with `stdin` as its input; returns its exit code, stdout and stderr.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String? = nil, stdin: String = ""
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("idp-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("stdin"), output = scratch.appendingPathComponent("stdout"),
            errors = scratch.appendingPathComponent("stderr")
        try Data(stdin.utf8).write(to: input)
        let pid = try spawn(executable, arguments, environment: environment, directory: directory,
                            stdin: .file(input.path), stdout: .file(output.path), stderr: .file(errors.path))
        let status = wait(pid)
        let read = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return (status, read(output), read(errors))
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
