import Foundation
import Testing
import TestSupport
@testable import IDPHTTP

/// The libcurl transport against real sockets on 127.0.0.1: refused, silent, and moto.
@Suite struct CurlTransportTests {
    /// A listening socket that accepts connections and never answers.
    final class SilentServer {
        let fd: Int32
        let port: UInt16

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
            listen(fd, 8)
            _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
            self.fd = fd
            port = UInt16(bigEndian: addr.sin_port)
        }

        deinit { close(fd) }
    }

    @Test func connectionRefusedIsAConnectError() throws {
        // The server is gone (its socket closed once, by deinit) before the request: nothing
        // listens on the port any more. (Closing it here as well closed, at random, the socket
        // another test had just been given under the same descriptor number.)
        let port = try SilentServer().port
        let transport = CurlTransport(connectTimeout: 2, requestTimeout: 2)
        #expect(throws: TransportError.self) {
            try transport.send(HTTPRequest(method: "GET", endpoint: Endpoint("http://127.0.0.1:\(port)")!))
        }
    }

    @Test func aSilentServerTimesOut() throws {
        let server = try SilentServer()
        let transport = CurlTransport(connectTimeout: 2, requestTimeout: 1)
        let start = Date()
        // Keep the listening socket open until the request is over: Swift may end `server`'s
        // lifetime after its last use, and its deinit would reset the connection.
        withExtendedLifetime(server) {
            do {
                _ = try transport.send(HTTPRequest(method: "GET", endpoint: Endpoint("http://127.0.0.1:\(server.port)")!))
                Issue.record("no timeout")
            } catch {
                #expect(error as? TransportError == .timeout("Timeout was reached"))
            }
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test(.enabled(if: Moto.available))
    func talksHTTPToMoto() throws {
        let endpoint = Endpoint(Moto.url)!
        // moto's dashboard page: data.json fails (HTTP 500) while another suite holds an RDS instance.
        let response = try CurlTransport().send(HTTPRequest(method: "GET", endpoint: endpoint, path: "/moto-api/"))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") != nil)
    }
}
