#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-purpose HTTP server on 127.0.0.1 for a browser step of a command (GitHub's App manifest
/// flow redirects there): it answers GET requests one at a time until the handler says it is done.
/// Loopback only, so nothing outside this machine can reach it.
public final class LoopbackServer {
    public struct Request: Sendable {
        public var path: String
        public var query: [String: String]
    }

    public let port: Int
    private let socketFD: Int32

    /// Listens on 127.0.0.1:`port` (0: any free port).
    public init(port: Int = 0) throws(SystemIO.Failure) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SystemIO.Failure(operation: "open a socket for", path: "127.0.0.1", code: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 8) == 0 else {
            let code = errno
            close(fd)
            throw SystemIO.Failure(operation: "listen on", path: "127.0.0.1:\(port)", code: code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        socketFD = fd
    }

    deinit { close(socketFD) }

    /// Serves until `handle` returns `done: true` (after answering that request).
    public func serve(_ handle: (Request) -> (status: Int, contentType: String, body: String, done: Bool)) {
        while true {
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { if errno == EINTR { continue } else { return } }
            // A browser's idle pre-connection sends nothing: give up on it after 5 s and serve the next.
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var head: [UInt8] = []
            var byte: UInt8 = 0
            while head.count < 16_384, read(client, &byte, 1) == 1 {
                head.append(byte)
                if head.suffix(4) == [13, 10, 13, 10] { break }
            }
            let line = String(decoding: head.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
            let target = line.count >= 2 ? String(line[1]) : "/"
            let (path, rest) = target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) } ?? (target, "")
            var query: [String: String] = [:]
            for pair in rest.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { Self.percentDecode(String($0)) }
                guard let key = parts.first, !key.isEmpty else { continue }
                query[key] = parts.count > 1 ? parts[1] : ""
            }
            let answer: (status: Int, contentType: String, body: String, done: Bool) =
                line.first == "GET" ? handle(Request(path: path, query: query)) : (405, "text/plain", "only GET\n", false)
            let reason = answer.status == 200 ? "OK" : answer.status == 404 ? "Not Found" : "Error"
            let body = Array(answer.body.utf8)
            let response = "HTTP/1.1 \(answer.status) \(reason)\r\nContent-Type: \(answer.contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
                + "Cache-Control: no-store\r\n\r\n"
            _ = (Array(response.utf8) + body).withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            close(client)
            if answer.done { return }
        }
    }

    static func percentDecode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let c = iterator.next() {
            if c == UInt8(ascii: "%"), let h = iterator.next(), let l = iterator.next(), let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                bytes.append(v)
            } else {
                bytes.append(c == UInt8(ascii: "+") ? UInt8(ascii: " ") : c)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
