import IDPCore
import IDPHTTP

/// The job's own OIDC token, from the Actions runtime as GitHub documents it: a job with
/// `id-token: write` has ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN; a GET of the
/// URL plus `&audience=…`, with `Authorization: bearer <request token>`, answers `{"value": "<JWT>"}`.
public enum ActionsOIDC {
    public static func token(requestURL: String, requestToken: String, audience: String,
                             transport: any HTTPTransport = CurlTransport()) throws(GitHubError) -> String {
        let operation = "GET OIDC token"
        let (address, query) = requestURL.firstIndex(of: "?").map { (String(requestURL[..<$0]), String(requestURL[requestURL.index(after: $0)...])) } ?? (requestURL, "")
        guard let endpoint = Endpoint(address) else { throw .malformed("ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL", operation: operation) }
        var pairs: [(String, String)] = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { percentDecode(String($0)) }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
        pairs.append(("audience", audience))
        var request = HTTPRequest(method: "GET", endpoint: endpoint, path: "", query: pairs, headers: [("Authorization", "bearer \(requestToken)")])
        request.endpoint.basePath = ""
        request.path = endpoint.basePath.isEmpty ? "/" : endpoint.basePath
        let response: HTTPResponse
        do { response = try transport.send(request) } catch { throw .transport(error, operation: operation) }
        guard response.status < 300 else { throw .status(response.status, "the Actions runtime refused the token request", operation: operation) }
        guard let value = (try? JSONValue.parse(response.body))?["value"]?.stringValue, !value.isEmpty else {
            throw .malformed("no \"value\" in the answer", operation: operation)
        }
        return value
    }
}
