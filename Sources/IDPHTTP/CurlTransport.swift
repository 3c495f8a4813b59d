import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// The one owner of a libcurl easy handle. Reusing the handle keeps connections alive between
/// requests (one TLS handshake per host per run), which matters for paged listings.
public final class CurlTransport: HTTPTransport {
    /// Made at the first request, when libcurl is loaded (`idp_curl_load`): a run that sends
    /// nothing never loads it.
    private var handle: UnsafeMutableRawPointer?
    /// Seconds to wait for a connection, and for a whole request.
    public let connectTimeout: Int, requestTimeout: Int

    public init(connectTimeout: Int = 10, requestTimeout: Int = 60) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }

    deinit { if let handle { idp_curl_easy_cleanup(handle) } }

    /// The easy handle, loading libcurl first; a machine without libcurl is a transport error
    /// that says what to install.
    private func easyHandle() throws(TransportError) -> UnsafeMutableRawPointer {
        if let handle { return handle }
        var reason = [CChar](repeating: 0, count: 256)
        guard idp_curl_load(&reason, reason.count) == 0 else {
            throw .other(String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        guard let made = idp_curl_easy_init() else { throw .other("curl_easy_init failed") }
        handle = made
        return made
    }

    /// Collects the response while libcurl calls back.
    private final class Sink {
        var body: [UInt8] = []
        var headers: [(String, String)] = []
    }

    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let handle = try easyHandle()
        idp_curl_easy_reset(handle)
        let sink = Sink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        // libcurl adds "Expect: 100-continue" to large bodies and waits for it; AWS does not need it.
        // An empty value ("Expect:") tells libcurl to leave the header out.
        for (name, value) in request.headers + [("Expect", "")] {
            headerList = idp_curl_slist_append(headerList, value.isEmpty ? "\(name):" : "\(name): \(value)")
        }
        defer { idp_curl_slist_free_all(headerList) }

        _ = idp_setopt_str(handle, CURLOPT_URL, request.url)
        _ = idp_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = idp_setopt_long(handle, CURLOPT_PATH_AS_IS, 1)
        idp_restrict_protocols(handle)
        _ = idp_setopt_str(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = idp_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, connectTimeout)
        _ = idp_setopt_long(handle, CURLOPT_TIMEOUT, requestTimeout)
        _ = idp_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = idp_setopt_str(handle, CURLOPT_CUSTOMREQUEST, request.method)
        if request.method == "HEAD" { _ = idp_setopt_long(handle, CURLOPT_NOBODY, 1) }
        _ = idp_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        _ = idp_setopt_ptr(handle, CURLOPT_WRITEDATA, sinkPointer)
        _ = idp_setopt_write(handle) { data, size, count, user in
            let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            data!.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }
        _ = idp_setopt_ptr(handle, CURLOPT_HEADERDATA, sinkPointer)
        _ = idp_setopt_header(handle) { data, size, count, user in
            let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            let line = data!.withMemoryRebound(to: UInt8.self, capacity: n) { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) }
            if line.hasPrefix("HTTP/") {
                sink.headers.removeAll()  // a new response (after 100 Continue or a proxy CONNECT)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                let value = String(line[line.index(after: colon)...]).trimmingWhitespace
                sink.headers.append((name, value))
            }
            return n
        }
        let body = request.body
        let code: CURLcode = body.withUnsafeBufferPointer { buffer in
            if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
                _ = idp_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                _ = idp_setopt_ptr(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!))
            }
            return idp_curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let message = String(cString: idp_curl_easy_strerror(code))
            switch code {
            case CURLE_OPERATION_TIMEDOUT: throw .timeout(message)
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: throw .connect(message)
            default: throw .other(message)
            }
        }
        var status = 0
        _ = idp_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }
}
