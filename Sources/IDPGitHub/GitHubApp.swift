import CLibcrypto
import IDPCore
import IDPHTTP

/// The platform's GitHub App, minting installation tokens itself: the TTL scan reads the pull
/// requests of every consumer owner, each through that owner's installation, with one key.
public struct GitHubApp {
    public let appID: String
    let privateKey: String
    public let api: Endpoint
    let transport: any HTTPTransport

    public init(appID: String, privateKey: String, api: Endpoint, transport: any HTTPTransport = CurlTransport()) {
        self.appID = appID
        self.privateKey = privateKey
        self.api = api
        self.transport = transport
    }

    /// The App's JWT for `now`, signed RS256 with its private key.
    public func jwt(now: Timestamp) throws(GitHubError) -> String {
        let input = GitHubAppJWT.signingInput(appID: appID, now: now)
        var signature = [UInt8](repeating: 0, count: 1024)
        var reason = [CChar](repeating: 0, count: 256)
        let message = Array(input.utf8), key = Array(privateKey.utf8)
        let length = key.withUnsafeBufferPointer { k in
            idp_rs256_sign(UnsafeRawPointer(k.baseAddress!).assumingMemoryBound(to: CChar.self), k.count, message, message.count,
                           &signature, signature.count, &reason, reason.count)
        }
        guard length > 0 else {
            throw .malformed(String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                             operation: "sign the GitHub App \(appID)'s token")
        }
        return GitHubAppJWT.token(signingInput: input, signature: Array(signature.prefix(length)))
    }

    /// A token of the App's installation on `owner` (an organisation or a user) that may read
    /// contents and read, or with `commenting` write, pull requests (the scan's warning before
    /// expiry edits their comments), or nil when the App is not installed there.
    public func installationToken(owner: String, now: Timestamp, commenting: Bool = false) throws(GitHubError) -> String? {
        let client = GitHubClient(api: api, token: try jwt(now: now), transport: transport)
        var installation: Int?
        for kind in ["orgs", "users"] where installation == nil {
            do {
                let found = try client.send("GET", "/\(kind)/\(owner)/installation", operation: "GET the App's installation on \(owner)")
                installation = (try? JSONValue.parse(found.body))?["id"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } }
            } catch where error.httpStatus == 404 {
                continue
            }
        }
        guard let installation else { return nil }
        let body = JSONValue.object(["permissions": .object(["pull_requests": .string(commenting ? "write" : "read"), "contents": .string("read")])])
        let response = try client.send("POST", "/app/installations/\(installation)/access_tokens", body: body,
                                       operation: "POST an installation token for \(owner)")
        guard let token = (try? JSONValue.parse(response.body))?["token"]?.stringValue else {
            throw .malformed("no token in the answer", operation: "POST an installation token for \(owner)")
        }
        return token
    }
}
