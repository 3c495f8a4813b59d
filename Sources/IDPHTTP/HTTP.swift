import IDPCore

/// An HTTP request as the clients build it; the transport sends exactly this.
public struct HTTPRequest: Sendable {
    public var method: String
    public var endpoint: Endpoint
    /// The path, already percent-encoded as it goes on the wire (the signer signs this string).
    public var path: String
    /// Query parameters, unencoded; encoded once by `queryString`.
    public var query: [(String, String)]
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, endpoint: Endpoint, path: String = "/", query: [(String, String)] = [],
                headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.endpoint = endpoint
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// `k=v&…` with RFC 3986 encoding, in the order given.
    public var queryString: String {
        query.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    public var url: String {
        endpoint.base + path + (query.isEmpty ? "" : "?" + queryString)
    }

    /// The value of the first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// A response; header names are lower-cased.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers.map { ($0.0.lowercased(), $0.1) }
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0 == lower }?.1
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A request that got no HTTP response at all.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case connect(String)
    case timeout(String)
    case other(String)

    public var description: String {
        switch self {
        case .connect(let m): "connection failed: \(m)"
        case .timeout(let m): "timed out: \(m)"
        case .other(let m): m
        }
    }
}

/// Sends requests. The libcurl transport is the real one; tests may pass any other.
public protocol HTTPTransport: AnyObject {
    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse
}

/// `scheme://host[:port][/base]`, parsed once from configuration.
public struct Endpoint: Sendable, Equatable {
    public var scheme: String
    /// Host as it goes in the `Host` header, with the port when it is not the scheme's default.
    public var host: String
    public var basePath: String

    public init?(_ text: String) {
        let parts = text.split(separator: "://", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["http", "https"].contains(parts[0].lowercased()) else { return nil }
        scheme = parts[0].lowercased()
        let rest = parts[1]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = String(rest[..<slash])
        guard !host.isEmpty, !host.contains("@") else { return nil }
        if (scheme == "https" && host.hasSuffix(":443")) || (scheme == "http" && host.hasSuffix(":80")) {
            host = String(host[..<host.lastIndex(of: ":")!])
        }
        self.host = host
        var base = String(rest[slash...])
        while base.hasSuffix("/") { base.removeLast() }
        basePath = base
    }

    public var base: String { "\(scheme)://\(host)\(basePath)" }
}

/// RFC 3986 percent-encoding as SigV4 and GitHub expect: everything but `A-Z a-z 0-9 - _ . ~`
/// (and `/` when `keepSlash`).
public func percentEncode(_ text: String, keepSlash: Bool = false) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        case UInt8(ascii: "/") where keepSlash:
            out += "/"
        default:
            out += "%" + hexString([byte]).uppercased()
        }
    }
    return out
}

/// Reverses percent-encoding; `+` stays a plus (see `S3Client`'s listing for the form-encoded case).
public func percentDecode(_ text: String) -> String {
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
        if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        } else {
            bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
