import IDPCore
import IDPHTTP

/// One object of a listing.
public struct S3Object: Sendable, Equatable {
    public var key: String
    public var etag: String
    public var size: Int
    public var lastModified: Timestamp?
}

/// The S3 calls the lifecycle needs: conditional reads and writes, paged listings, batch deletes.
public struct S3Client {
    public let client: AWSClient
    public let bucket: String

    /// DeleteObjects takes at most this many keys per call; enforced here, as moto does not.
    public static let deleteBatchLimit = 1000
    /// ListObjectsV2 returns at most this many keys per page.
    public static let pageSize = 1000

    public init(client: AWSClient, bucket: String) {
        self.client = client
        self.bucket = bucket
    }

    public enum WriteCondition: Sendable, Equatable {
        case none
        /// Create only: 412 when the key exists.
        case ifNoneMatch
        /// Replace only that version: 412 when the ETag changed.
        case ifMatch(String)
    }

    /// Path-style with a custom endpoint (or a dotted bucket name), virtual-hosted otherwise.
    func request(_ method: String, key: String? = nil, query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = []) -> HTTPRequest {
        var endpoint = client.configuration.endpoint(for: .s3)
        let encodedKey = key.map { "/" + percentEncode($0, keepSlash: true) } ?? "/"
        let path: String
        if client.configuration.s3PathStyle || bucket.contains(".") {
            path = "/\(bucket)" + (key == nil ? "" : encodedKey)
        } else {
            endpoint.host = "\(bucket).\(endpoint.host)"
            path = encodedKey
        }
        return HTTPRequest(method: method, endpoint: endpoint, path: path, query: query, headers: headers, body: body)
    }

    /// The object and its ETag, or nil when it does not exist.
    public func get(_ key: String) throws(AWSError) -> (body: [UInt8], etag: String)? {
        do {
            let response = try client.send(request("GET", key: key), service: .s3, operation: "s3:GetObject \(key)")
            return (response.body, response.header("etag") ?? "")
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
    }

    /// Writes the object under `condition` and returns its new ETag. A lost condition throws
    /// `AWSError.service` with status 412 (or 409 for a concurrent conditional write).
    @discardableResult
    public func put(_ key: String, _ body: [UInt8], contentType: String, condition: WriteCondition = .none) throws(AWSError) -> String {
        var headers = [("Content-Type", contentType), ("Content-MD5", base64Encode(MD5Hash.digest(body)))]
        switch condition {
        case .none: break
        case .ifNoneMatch: headers.append(("If-None-Match", "*"))
        case .ifMatch(let etag): headers.append(("If-Match", etag))
        }
        let operation = "s3:PutObject \(key)"
        let sentBefore = client.requestCount
        do {
            let response = try client.send(request("PUT", key: key, headers: headers, body: body), service: .s3, operation: operation)
            return response.header("etag") ?? ""
        } catch where error.status == 412 && condition == .ifNoneMatch && client.requestCount - sentBefore > 1 {
            // A retry after a lost response finds the object its first attempt wrote: that is a
            // success. A single-part object's ETag is the hex MD5 of its bytes. (Without a retry
            // a 412 always means someone else's object, even with the same bytes.)
            let sent = "\"" + hexString(MD5Hash.digest(body)) + "\""
            guard let stored = try head(key), stored == sent else { throw error }
            return stored
        }
    }

    /// Deletes the object only while its ETag is `etag` (S3's conditional delete): true when deleted,
    /// false when it changed meanwhile (412) or is gone (404), so a newer object is never removed.
    public func delete(_ key: String, ifMatch etag: String) throws(AWSError) -> Bool {
        do {
            _ = try client.send(request("DELETE", key: key, headers: [("If-Match", etag)]), service: .s3, operation: "s3:DeleteObject \(key)")
            return true
        } catch where error.status == 412 || error.status == 404 {
            return false
        }
    }

    /// The object's ETag, or nil when it does not exist.
    public func head(_ key: String) throws(AWSError) -> String? {
        do {
            return try client.send(request("HEAD", key: key), service: .s3, operation: "s3:HeadObject \(key)").header("etag") ?? ""
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
    }

    /// Every object under `prefix`, following continuation tokens to the end.
    public func list(prefix: String) throws(AWSError) -> [S3Object] {
        try listPages(prefix: prefix, delimiter: nil).objects
    }

    /// The "folders" directly below `prefix` (with `delimiter` "/"), e.g. each environment's prefix.
    public func commonPrefixes(prefix: String) throws(AWSError) -> [String] {
        try listPages(prefix: prefix, delimiter: "/").prefixes
    }

    private func listPages(prefix: String, delimiter: String?) throws(AWSError) -> (objects: [S3Object], prefixes: [String]) {
        var objects: [S3Object] = [], prefixes: [String] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix), ("max-keys", String(Self.pageSize)), ("encoding-type", "url")]
            if let delimiter { query.append(("delimiter", delimiter)) }
            if let token { query.append(("continuation-token", token)) }
            let operation = "s3:ListObjectsV2 \(prefix)"
            let response = try client.send(request("GET", query: query), service: .s3, operation: operation)
            let xml: XMLElement
            do throws(XMLError) { xml = try XMLElement.parse(response.body) } catch { throw .malformed(error.description, operation: operation) }
            for item in xml.all("Contents") {
                guard let key = item["Key"] else { continue }
                objects.append(S3Object(key: Self.listedKey(key), etag: item["ETag"] ?? "", size: Int(item["Size"] ?? "") ?? 0,
                                        lastModified: item["LastModified"].flatMap(Timestamp.init(iso8601:))))
            }
            prefixes += xml.all("CommonPrefixes").compactMap { $0["Prefix"].map(Self.listedKey) }
            token = xml["IsTruncated"] == "true" ? xml["NextContinuationToken"] : nil
            if xml["IsTruncated"] == "true", token == nil { throw .malformed("truncated listing without a continuation token", operation: operation) }
        } while token != nil
        return (objects, prefixes)
    }

    /// A key as `encoding-type=url` lists it: S3 form-encodes, so a space arrives as `+` and a plus
    /// as `%2B` (botocore decodes with `unquote_plus` for the same reason).
    static func listedKey(_ text: String) -> String {
        percentDecode(text.replacing("+", with: " "))
    }

    /// A key that could not be deleted, with S3's reason.
    public struct DeleteFailure: Sendable, Equatable {
        public var key: String
        public var code: String
        public var message: String
    }

    /// Deletes `keys` in batches of at most 1000, each with the `Content-MD5` S3 requires;
    /// returns every per-key failure (a missing key counts as deleted, as S3 reports it).
    public func delete(_ keys: [String]) throws(AWSError) -> [DeleteFailure] {
        var failures: [DeleteFailure] = []
        for start in stride(from: 0, to: keys.count, by: Self.deleteBatchLimit) {
            let batch = keys[start..<min(start + Self.deleteBatchLimit, keys.count)]
            precondition(batch.count <= Self.deleteBatchLimit)
            let body = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
                + batch.map { "<Object><Key>\(xmlEscape($0))</Key></Object>" }.joined() + "</Delete>").utf8)
            let headers = [("Content-Type", "application/xml"), ("Content-MD5", base64Encode(MD5Hash.digest(body)))]
            let operation = "s3:DeleteObjects (\(batch.count) keys)"
            let response = try client.send(request("POST", query: [("delete", "")], headers: headers, body: body), service: .s3, operation: operation)
            let xml: XMLElement
            do throws(XMLError) { xml = try XMLElement.parse(response.body) } catch { throw .malformed(error.description, operation: operation) }
            failures += xml.all("Error").map { DeleteFailure(key: $0["Key"] ?? "", code: $0["Code"] ?? "", message: $0["Message"] ?? "") }
        }
        return failures
    }
}
