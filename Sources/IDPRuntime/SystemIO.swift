import IDPCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the tools need, used directly instead of Foundation: measured with
/// `scripts/bench-local` (net of process spawn), a static tool without Foundation starts in about
/// 0.27 ms and the same tool with Foundation and ICU linked in took 0.65 ms (and 59 MB, not 9).
public enum SystemIO {
    /// A failed system call, with the path and `strerror` text for the message.
    public struct Failure: Error, CustomStringConvertible {
        public var operation: String
        public var path: String
        public var code: Int32
        public var description: String { "cannot \(operation) \(quoted(path)): \(String(cString: strerror(code)))" }
    }

    /// The process environment as a dictionary.
    public static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                result[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }

    /// Seconds since the epoch, from the system clock.
    public static func now() -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(time(nil)))
    }

    public static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The whole file, or (with `limit`) at most `limit + 1` bytes, so a caller can tell "too
    /// large" without reading a huge file to its end.
    public static func read(_ path: String, limit: Int? = nil) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(operation: "read", path: path, code: errno) }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "read", path: path, code: errno)
            }
            if n == 0 { return result }
            result.append(contentsOf: buffer[0..<n])
            if let limit, result.count > limit { return result }
        }
    }

    /// The names in a directory (not `.` or `..`), sorted.
    public static func list(_ directory: String) throws(Failure) -> [String] {
        guard let handle = opendir(directory) else { throw Failure(operation: "list", path: directory, code: errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Appends `text` in one `write` to an `O_APPEND` descriptor, creating the file if needed.
    public static func append(_ text: String, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(operation: "append to", path: path, code: errno) }
        defer { close(fd) }
        guard writeAll(fd, Array(text.utf8)) else { throw Failure(operation: "append to", path: path, code: errno) }
    }

    /// Writes a file atomically: a temporary file beside it, then `rename`, so a reader sees the
    /// old content or the new one, never half of it.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(Failure) {
        let temporary = "\(path).tmp-\(getpid())-\(randomHex(4))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(operation: "write", path: path, code: errno) }
        let written = writeAll(fd, bytes) && fsync(fd) == 0
        let code = errno
        close(fd)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(operation: "write", path: path, code: written ? errno : code)
        }
    }

    /// The folder of the running executable (Linux's /proc/self/exe), or nil where it cannot be read.
    public static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    }

    /// Writes to stdout (1) or stderr (2), retrying short writes.
    public static func write(_ text: String, to fd: Int32) {
        _ = writeAll(fd, Array(text.utf8))
    }

    /// `count` random bytes as hex, from the system's CSPRNG.
    public static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return hexString((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}
