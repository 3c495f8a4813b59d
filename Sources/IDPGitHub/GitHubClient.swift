import IDPCore
import IDPHTTP
#if canImport(Glibc)
import Glibc
#endif

/// A GitHub REST failure after the documented retries.
public enum GitHubError: DiagnosticConvertible, Equatable {
    case status(Int, String, operation: String)
    case transport(TransportError, operation: String)
    case malformed(String, operation: String)
    case rateLimited(waitSeconds: Int, operation: String)

    public var code: String {
        switch self {
        case .status(let s, _, _): "github.http-\(s)"
        case .transport: "github.transport"
        case .malformed: "github.response"
        case .rateLimited: "github.rate-limit"
        }
    }

    public var message: String {
        switch self {
        case .status(let s, let m, let op): "\(op) failed: HTTP \(s)" + (m.isEmpty ? "" : ": \(m)")
        case .transport(let e, let op): "\(op) failed: \(e)"
        case .malformed(let why, let op): "\(op) returned an unreadable response: \(why)"
        case .rateLimited(let wait, let op): "\(op): rate limit exhausted for another \(wait) s; giving up rather than wait that long"
        }
    }

    public var httpStatus: Int? {
        if case .status(let s, _, _) = self { return s }
        return nil
    }
}

/// GitHub's REST API with the documented headers, `Link` paging and retry rules: on 403/429
/// honour `retry-after`, else wait for `x-ratelimit-reset` when `x-ratelimit-remaining` is 0,
/// else (429) wait a minute; 5xx back off exponentially; other 4xx are final.
public final class GitHubClient {
    public let api: Endpoint
    let token: String?
    let transport: any HTTPTransport
    let sleep: (Double) -> Void
    let clock: () -> Int64
    /// Attempts per request, the first included.
    public var maxAttempts = 4
    /// The longest single wait the client accepts before giving up (seconds).
    public var maxWait = 900
    /// Requests sent, retries included.
    public private(set) var requestCount = 0

    public static let apiVersion = "2022-11-28"

    public init(api: Endpoint, token: String?, transport: any HTTPTransport = CurlTransport(),
                sleep: @escaping (Double) -> Void = { usleep(UInt32(min($0, 4000) * 1_000_000)) },
                clock: @escaping () -> Int64 = { Int64(time(nil)) }) {
        self.api = api
        self.token = token
        self.transport = transport
        self.sleep = sleep
        self.clock = clock
    }

    /// Sends one request (a path below the API base, or an absolute URL from a `Link` header).
    public func send(_ method: String, _ pathOrURL: String, body: JSONValue? = nil, operation: String) throws(GitHubError) -> HTTPResponse {
        var endpoint = api
        var path = pathOrURL
        if pathOrURL.hasPrefix("http://") || pathOrURL.hasPrefix("https://") {
            let afterScheme = pathOrURL.firstRange(of: "://")!.upperBound
            let slash = pathOrURL[afterScheme...].firstIndex(of: "/") ?? pathOrURL.endIndex
            guard let parsed = Endpoint(String(pathOrURL[..<slash])), parsed.host == api.host else {
                throw .malformed("next page \(quoted(pathOrURL)) is not on \(api.host)", operation: operation)
            }
            endpoint = parsed
            endpoint.basePath = ""
            path = String(pathOrURL[slash...])
        }
        var headers = [("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", Self.apiVersion), ("User-Agent", "mini-idp/\(IDPVersion.current)")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        var payload: [UInt8] = []
        if let body {
            headers.append(("Content-Type", "application/json"))
            payload = Array(body.rendered(pretty: false).utf8)
        }
        let request = HTTPRequest(method: method, endpoint: endpoint, path: path, headers: headers, body: payload)
        var attempt = 1
        while true {
            requestCount += 1
            let response: HTTPResponse
            do { response = try transport.send(request) } catch {
                guard attempt < maxAttempts else { throw .transport(error, operation: operation) }
                sleep(Double(1 << (attempt - 1)))
                attempt += 1
                continue
            }
            if response.status < 300 { return response }
            let failure = GitHubError.status(response.status, Self.message(response), operation: operation)
            guard attempt < maxAttempts, let wait = retryDelay(response, attempt: attempt) else { throw failure }
            guard wait <= Double(maxWait) else { throw .rateLimited(waitSeconds: Int(wait), operation: operation) }
            sleep(wait)
            attempt += 1
        }
    }

    /// Seconds to wait before retrying, or nil when the response must not be retried.
    func retryDelay(_ response: HTTPResponse, attempt: Int) -> Double? {
        let status = response.status
        if status == 403 || status == 429 {
            if let after = response.header("retry-after").flatMap(Double.init) { return max(after, 0) }
            if response.header("x-ratelimit-remaining") == "0", let reset = response.header("x-ratelimit-reset").flatMap(Int64.init) {
                return Double(max(reset - clock(), 0) + 1)
            }
            // A 403 without rate-limit signs is a permission problem (e.g. a read-only token): final.
            return status == 429 ? 60 * Double(1 << (attempt - 1)) : nil
        }
        if (500...599).contains(status) { return min(Double(1 << (attempt - 1)), 30) }
        return nil
    }

    static func message(_ response: HTTPResponse) -> String {
        (try? JSONValue.parse(response.body))?["message"]?.stringValue ?? ""
    }

    /// The `rel="next"` URL of a `Link` header, if any.
    public static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { String($0).trimmingWhitespace }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">"),
                  pieces.dropFirst().contains(where: { $0.replacing(" ", with: "") == "rel=\"next\"" })
            else { continue }
            return String(target.dropFirst().dropLast())
        }
        return nil
    }

    /// Every item of a list endpoint, `per_page=100`, following only `Link: rel="next"`.
    public func list(_ path: String, operation: String, each: (JSONValue) -> Void) throws(GitHubError) {
        var next: String? = path + (path.contains("?") ? "&" : "?") + "per_page=100"
        while let url = next {
            let response = try send("GET", url, operation: operation)
            guard case .array(let items) = (try? JSONValue.parse(response.body)) ?? .null else {
                throw .malformed("expected a JSON list", operation: operation)
            }
            items.forEach(each)
            next = Self.nextLink(response.header("link"))
        }
    }
}
