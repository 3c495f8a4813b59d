import TemplateSupport
import NetworkTestSupport
import Testing
@testable import IDPAWS
@testable import IDPCore
@testable import IDPHTTP
@testable import IDPPlatform

/// A store whose writes fail must leave the record exactly as it was.
@Suite struct StoreFaultTests {
    @Test func failedWritesLeaveTheRecordUntouched() throws {
        let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!
        let original = EnvironmentRecord(name: try EnvironmentName("preview-x"), template: .apiService, owner: "a", repository: "r/r",
                                         branch: "b", pullRequest: nil, image: nil, ttl: try TTL.parse("1d"), now: now)
        var stored = Array(original.json.utf8)
        let transport = FakeTransport { request, _ in
            switch request.method {
            case "GET": return HTTPResponse(status: 200, headers: [("ETag", "\"1\"")], body: stored)
            default:
                // The body is never applied: every write answers 503 SlowDown.
                return HTTPResponse(status: 503, body: Array("<Error><Code>SlowDown</Code><Message>reduce rate</Message></Error>".utf8))
            }
        }
        let store = EnvironmentStore(s3: S3Client(client: fakeClient(transport), bucket: "b"), sleep: { _ in })
        #expect(throws: StoreError.self) {
            try store.update("preview-x") { (r) throws(StoreError) in r.extend(by: try! TTL.parse("7d"), now: now) }
        }
        #expect(stored == Array(original.json.utf8))
        #expect(transport.requests.filter { $0.method == "PUT" }.count == 3, "retried per standard mode, then gave up")
        stored = []
    }

    @Test func lostRacesAreRetriedWithAFreshRead() throws {
        let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!
        let record = EnvironmentRecord(name: try EnvironmentName("preview-x"), template: .apiService, owner: "a", repository: "r/r",
                                       branch: "b", pullRequest: nil, image: nil, ttl: try TTL.parse("1d"), now: now)
        var puts = 0
        let transport = FakeTransport { request, _ in
            if request.method == "GET" { return HTTPResponse(status: 200, headers: [("ETag", "\"1\"")], body: Array(record.json.utf8)) }
            puts += 1
            return puts < 3 ? HTTPResponse(status: 412) : HTTPResponse(status: 200, headers: [("ETag", "\"2\"")])
        }
        let store = EnvironmentStore(s3: S3Client(client: fakeClient(transport), bucket: "b"), sleep: { _ in })
        _ = try store.update("preview-x") { (r) throws(StoreError) in r.extend(by: try! TTL.parse("7d"), now: now) }
        #expect(transport.requests.filter { $0.method == "GET" }.count == 3)
        #expect(transport.requests.filter { $0.method == "PUT" }.allSatisfy { $0.header("If-Match") == "\"1\"" })
    }

    /// A bucket in memory that lists what it holds and can be told to misbehave, for the faults
    /// moto cannot produce (an object that vanishes between listing and reading, a backup that
    /// reads back differently).
    final class Bucket: @unchecked Sendable {
        var objects: [String: [UInt8]] = [:]
        var unreadable: Set<String> = []
        var corruptOnRead: Set<String> = []
        var deletes = 0

        func handle(_ request: HTTPRequest) -> HTTPResponse {
            let key = percentDecode(String(request.path.dropFirst("/b/".count)))
            switch request.method {
            case "GET" where request.query.contains { $0.0 == "list-type" }:
                let body = "<ListBucketResult><IsTruncated>false</IsTruncated>" + objects.keys.sorted().map {
                    "<Contents><Key>\(xmlEscape($0))</Key><ETag>&quot;x&quot;</ETag><Size>1</Size><LastModified>2026-11-22T00:00:00Z</LastModified></Contents>"
                }.joined() + "</ListBucketResult>"
                return HTTPResponse(status: 200, body: Array(body.utf8))
            case "GET", "HEAD":
                guard let body = objects[key], !unreadable.contains(key) else { return HTTPResponse(status: 404) }
                return HTTPResponse(status: 200, headers: [("ETag", "\"1\"")], body: corruptOnRead.contains(key) ? Array(body.dropLast()) : body)
            case "PUT":
                objects[key] = request.body
                return HTTPResponse(status: 200, headers: [("ETag", "\"2\"")])
            default:
                deletes += 1
                return HTTPResponse(status: 200, body: Array("<DeleteResult></DeleteResult>".utf8))
            }
        }
    }

    func destroyingBucket() throws -> (Bucket, EnvironmentStore) {
        let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!
        var record = EnvironmentRecord(name: try EnvironmentName("preview-x"), template: .apiService, owner: "a", repository: "r/r",
                                       branch: "b", pullRequest: nil, image: nil, ttl: try TTL.parse("1d"), now: now)
        try record.transition(to: .destroying, now: now)
        let bucket = Bucket()
        bucket.objects = [StateLayout.metadata("preview-x"): Array(record.json.utf8), StateLayout.state("preview-x"): Array("{\"version\":4}".utf8)]
        let transport = FakeTransport { request, _ in bucket.handle(request) }
        return (bucket, EnvironmentStore(s3: S3Client(client: fakeClient(transport), bucket: "b"), sleep: { _ in }))
    }

    @Test func aListedStateThatCannotBeReadStopsFinalizeBeforeAnyDelete() throws {
        let (bucket, store) = try destroyingBucket()
        bucket.unreadable = [StateLayout.state("preview-x")]
        #expect { try store.finalize("preview-x", locks: nil, now: Timestamp(iso8601: "2026-11-23T00:00:00Z")!, staleAfter: 60) } throws: { error in
            (error as? StoreError)?.code == "state.unreadable"
        }
        #expect(bucket.deletes == 0 && bucket.objects.count == 2)
    }

    @Test func aBackupThatReadsBackDifferentlyKeepsTheState() throws {
        let (bucket, store) = try destroyingBucket()
        let now = Timestamp(iso8601: "2026-11-23T00:00:00Z")!
        bucket.corruptOnRead = [StateLayout.backup("preview-x", at: now)]
        #expect { try store.finalize("preview-x", locks: nil, now: now, staleAfter: 60) } throws: { error in
            (error as? StoreError)?.code == "state.backup-unverified"
        }
        #expect(bucket.deletes == 0 && bucket.objects[StateLayout.state("preview-x")] != nil)
    }

    /// The first PUT is stored but its response is lost; the retry answers 412 for our own write.
    @Test func aConditionalCreateRetriedAfterALostResponseSucceeds() throws {
        var stored: [UInt8]?
        let transport = FakeTransport { (request, _) throws(TransportError) in
            switch request.method {
            case "PUT" where stored == nil:
                stored = request.body
                throw .timeout("response lost")
            case "PUT": return HTTPResponse(status: 412, body: Array("<Error><Code>PreconditionFailed</Code></Error>".utf8))
            default:
                return HTTPResponse(status: 200, headers: [("ETag", "\"" + hexString(MD5Hash.digest(stored ?? [])) + "\"")])
            }
        }
        let s3 = S3Client(client: fakeClient(transport), bucket: "b")
        let etag = try s3.put("k", Array("mine".utf8), contentType: "text/plain", condition: .ifNoneMatch)
        #expect(etag == "\"" + hexString(MD5Hash.digest(Array("mine".utf8))) + "\"")
        // Someone else's object under the key is still a lost race.
        #expect(throws: AWSError.self) { try s3.put("k", Array("theirs".utf8), contentType: "text/plain", condition: .ifNoneMatch) }
    }
}
