import IDPCore
import IDPGitHub
import IDPHTTP
import NetworkTestSupport
import Testing

/// GitHub's retry rules with the back-off sleep injected and recorded: every documented wait is
/// checked to the second, and the suite waits for none of them.
@Suite struct GitHubClientTests {
    let api = Endpoint("https://api.github.test")!
    let now: Int64 = 1_795_339_800

    func client(_ transport: FakeTransport, _ log: SleepLog) -> GitHubClient {
        GitHubClient(api: api, token: "ghs_x", transport: transport, sleep: { log.sleeps.append($0) }, clock: { now })
    }

    func answer(_ status: Int, _ headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Array(#"{"message": "m"}"#.utf8))
    }

    @Test func waitsAsGitHubDocuments() throws {
        let log = SleepLog()
        let answers = [
            answer(403, [("retry-after", "7")]),                                                  // secondary limit: retry-after
            answer(403, [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", String(now + 30))]), // primary: until reset, +1
            answer(502),                                                                          // 5xx: 1 s (third attempt)
            answer(200),
        ]
        let transport = FakeTransport { _, n in answers[n - 1] }
        _ = try client(transport, log).send("GET", "/x", operation: "get x")
        #expect(log.sleeps == [7, 31, 4])
    }

    @Test func serverErrorsBackOffOneTwoFourThenFail() {
        let log = SleepLog()
        let transport = FakeTransport { _, _ in answer(500) }
        #expect(throws: GitHubError.self) { try client(transport, log).send("GET", "/x", operation: "get x") }
        #expect(log.sleeps == [1, 2, 4] && transport.requests.count == 4)
    }

    @Test func aForbiddenWithoutRateLimitSignsIsFinal() {
        let log = SleepLog()
        let transport = FakeTransport { _, _ in answer(403) }
        #expect(throws: GitHubError.self) { try client(transport, log).send("POST", "/x", operation: "post x") }
        #expect(log.sleeps.isEmpty && transport.requests.count == 1, "a read-only token is not retried")
    }

    @Test func aTooLongWaitIsAnErrorNotASleep() {
        let log = SleepLog()
        let transport = FakeTransport { _, _ in answer(429, [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", String(now + 3600))]) }
        #expect(throws: GitHubError.self) { try client(transport, log).send("GET", "/x", operation: "get x") }
        #expect(log.sleeps.isEmpty)
    }

    @Test func listsFollowOnlyRelNext() throws {
        let transport = FakeTransport { request, n in
            let link = n < 3 ? "<https://api.github.test/r?per_page=100&page=\(n + 1)>; rel=\"next\", <https://api.github.test/r?page=3>; rel=\"last\"" : "<https://api.github.test/r?page=1>; rel=\"first\""
            return HTTPResponse(status: 200, headers: [("link", link)], body: Array("[{\"id\": \(n)}]".utf8))
        }
        var ids: [JSONValue] = []
        try client(transport, SleepLog()).list("/r", operation: "list") { ids.append($0["id"] ?? .null) }
        #expect(ids == [.number(1), .number(2), .number(3)])
        #expect(transport.requests.map(\.path) == ["/r?per_page=100", "/r?per_page=100&page=2", "/r?per_page=100&page=3"])
    }

    @Test func nextPagesOnAnotherHostAreRefused() {
        let transport = FakeTransport { _, _ in HTTPResponse(status: 200, headers: [("link", "<https://evil.test/r?page=2>; rel=\"next\"")], body: Array("[]".utf8)) }
        #expect(throws: GitHubError.self) { try client(transport, SleepLog()).list("/r", operation: "list") { _ in } }
    }
}
