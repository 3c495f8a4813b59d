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
}
