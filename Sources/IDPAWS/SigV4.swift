import IDPCore
import IDPHTTP

/// AWS Signature Version 4, header form. Signs exactly the bytes the transport sends: the encoded
/// path (libcurl runs with PATH_AS_IS), the query in `request.query` order, and every header
/// except those botocore also leaves out.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    /// Headers never signed (botocore's SIGNED_HEADERS_BLACKLIST).
    static let unsigned: Set<String> = ["expect", "user-agent", "x-amzn-trace-id", "authorization"]

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Adds `Host`, `X-Amz-Date`, `X-Amz-Security-Token` (when temporary credentials are used),
    /// `X-Amz-Content-SHA256` for S3, and `Authorization`.
    public func sign(_ request: inout HTTPRequest, at time: Timestamp) {
        let amzDate = time.basicISO8601
        let day = String(amzDate.prefix(8))
        let payloadHash = SHA256Hash.hex(request.body)
        request.headers.removeAll { ["host", "x-amz-date", "authorization", "x-amz-security-token", "x-amz-content-sha256"].contains($0.0.lowercased()) }
        request.headers.append(("Host", request.endpoint.host))
        request.headers.append(("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken { request.headers.append(("X-Amz-Security-Token", token)) }
        if service == "s3" { request.headers.append(("X-Amz-Content-SHA256", payloadHash)) }

        let (canonical, signedHeaders) = canonicalRequest(request, payloadHash: payloadHash)
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n" + SHA256Hash.hex(Array(canonical.utf8))
        // The signing key: HMAC chained over the date, region, service and "aws4_request".
        var key = Array(("AWS4" + credentials.secretAccessKey).utf8)
        for part in [day, region, service, "aws4_request"] {
            key = HMACSHA256.authenticationCode(Array(part.utf8), key: key)
        }
        let signature = hexString(HMACSHA256.authenticationCode(Array(stringToSign.utf8), key: key))
        request.headers.append(("Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"))
    }

    /// The canonical request and the `SignedHeaders` list, exposed for tests.
    func canonicalRequest(_ request: HTTPRequest, payloadHash: String) -> (String, String) {
        var headers: [String: [String]] = [:]
        for (name, value) in request.headers where !Self.unsigned.contains(name.lowercased()) {
            headers[name.lowercased(), default: []].append(collapseSpaces(value))
        }
        let names = headers.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(headers[$0]!.joined(separator: ","))\n" }.joined()
        let encoded: [(String, String)] = request.query.map { (percentEncode($0.0), percentEncode($0.1)) }
        let sorted = encoded.sorted { (a: (String, String), b: (String, String)) -> Bool in a.0 == b.0 ? a.1 < b.1 : a.0 < b.0 }
        let query = sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        // S3 signs the path as sent; other services sign it encoded once more.
        let path = service == "s3" ? request.path : percentEncode(request.path, keepSlash: true)
        let signed = names.joined(separator: ";")
        return ("\(request.method)\n\(path)\n\(query)\n\(canonicalHeaders)\n\(signed)\n\(payloadHash)", signed)
    }

    private func collapseSpaces(_ value: String) -> String {
        value.trimmingWhitespace.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
