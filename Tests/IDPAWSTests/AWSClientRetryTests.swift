import NetworkTestSupport
import Testing
@testable import IDPAWS
@testable import IDPCore
@testable import IDPHTTP

/// "Standard" retry mode against scripted failures.
@Suite struct AWSClientRetryTests {
    func call(_ client: AWSClient) throws(AWSError) -> HTTPResponse {
        try client.send(HTTPRequest(method: "POST", endpoint: Endpoint("http://fake")!), service: .ecr, operation: "ecr:Test")
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsAreRetriedThenSucceed(_ status: Int) throws {
        let transport = FakeTransport { _, n in n == 1 ? HTTPResponse(status: status) : FakeTransport.json(200, .object([:])) }
        let log = SleepLog()
        #expect(try call(fakeClient(transport, log: log)).status == 200)
        #expect(transport.requests.count == 2)
        #expect(log.sleeps.count == 1 && log.sleeps[0] >= 0 && log.sleeps[0] < 1)
    }

    @Test(arguments: ["ThrottlingException", "TooManyRequestsException", "ProvisionedThroughputExceededException", "SlowDown"])
    func throttlingIsRetried(_ code: String) throws {
        let transport = FakeTransport { _, n in
            n < 3 ? FakeTransport.json(400, .object(["__type": .string("com.amazonaws#\(code):extra"), "message": .string("slow down")]))
                  : FakeTransport.json(200, .object([:]))
        }
        let log = SleepLog()
        #expect(try call(fakeClient(transport, log: log)).status == 200)
        #expect(transport.requests.count == 3)
        #expect(log.sleeps.count == 2 && log.sleeps[1] < 2, "second back-off is at most 2^1 s")
    }

    @Test func givesUpAfterMaxAttemptsWithTheLastError() {
        let transport = FakeTransport { _, _ in HTTPResponse(status: 503, body: Array("<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>".utf8)) }
        #expect(throws: AWSError.service(status: 503, code: "ServiceUnavailable", message: "busy", operation: "ecr:Test")) {
            try call(fakeClient(transport, attempts: 3))
        }
        #expect(transport.requests.count == 3)
    }

    @Test func awsMaxAttemptsIsHonoured() throws {
        let config = try AWSConfiguration.fromEnvironment(["AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "AWS_MAX_ATTEMPTS": "5"])
        #expect(config.maxAttempts == 5)
        let transport = FakeTransport { _, _ in HTTPResponse(status: 500) }
        #expect(throws: AWSError.self) { try call(fakeClient(transport, attempts: 5)) }
        #expect(transport.requests.count == 5)
    }

    @Test func clientErrorsAreNotRetried() {
        let transport = FakeTransport { _, _ in FakeTransport.json(400, .object(["__type": .string("RepositoryNotFoundException"), "message": .string("no repo")])) }
        #expect(throws: AWSError.service(status: 400, code: "RepositoryNotFoundException", message: "no repo", operation: "ecr:Test")) {
            try call(fakeClient(transport))
        }
        #expect(transport.requests.count == 1)
    }

    @Test func connectionErrorsAreRetried() throws {
        let transport = FakeTransport { (_, n) throws(TransportError) in
            if n == 1 { throw TransportError.connect("refused") }
            return FakeTransport.json(200, .object([:]))
        }
        #expect(try call(fakeClient(transport)).status == 200)
        #expect(transport.requests.count == 2)
    }

    @Test func eachAttemptIsSignedAfresh() throws {
        let transport = FakeTransport { _, n in n == 1 ? HTTPResponse(status: 500) : FakeTransport.json(200, .object([:])) }
        _ = try call(fakeClient(transport))
        #expect(transport.requests.allSatisfy { r in r.headers.filter { $0.0 == "Authorization" }.count == 1 })
    }

    @Test func configurationFollowsTheSDKs() throws {
        let base = ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"]
        #expect(throws: AWSConfigError.noRegion) { try AWSConfiguration.fromEnvironment(base) }
        var env = base.merging(["AWS_DEFAULT_REGION": "eu-west-1", "AWS_ENDPOINT_URL": "http://localhost:4566", "AWS_ENDPOINT_URL_S3": "http://s3.local:9000"]) { $1 }
        var config = try AWSConfiguration.fromEnvironment(env)
        #expect(config.region == "eu-west-1")
        #expect(config.endpoint(for: .s3).base == "http://s3.local:9000" && config.endpoint(for: .ecr).base == "http://localhost:4566")
        #expect(config.s3PathStyle)
        env["AWS_REGION"] = "us-west-2"
        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        config = try AWSConfiguration.fromEnvironment(env)
        #expect(config.region == "us-west-2" && config.endpoint(for: .ecr).base == "https://api.ecr.us-west-2.amazonaws.com" && !config.s3PathStyle)
        #expect(throws: AWSConfigError.noCredentials) { try AWSConfiguration.fromEnvironment(["AWS_REGION": "x"]) }
        #expect(throws: AWSConfigError.self) { try AWSConfiguration.fromEnvironment(base.merging(["AWS_REGION": "x", "AWS_ENDPOINT_URL": "ftp://x"]) { $1 }) }
    }
}
