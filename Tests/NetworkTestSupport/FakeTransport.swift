import IDPAWS
import IDPCore
import IDPHTTP

/// An in-memory transport: answers with `handler`, records every request. Used where no local
/// server behaves as needed (moto does not page ECR nor enforce the 100/1000 limits).
public final class FakeTransport: HTTPTransport, @unchecked Sendable {
    public var requests: [HTTPRequest] = []
    let handler: (HTTPRequest, Int) throws(TransportError) -> HTTPResponse

    public init(_ handler: @escaping (HTTPRequest, Int) throws(TransportError) -> HTTPResponse) {
        self.handler = handler
    }

    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        requests.append(request)
        return try handler(request, requests.count)
    }

    public static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("content-type", "application/x-amz-json-1.1")], body: Array(value.rendered(pretty: false).utf8))
    }
}

/// A client on the fake transport that records its back-off sleeps instead of sleeping.
public final class SleepLog: @unchecked Sendable {
    public var sleeps: [Double] = []
    public init() {}
}

public func fakeClient(_ transport: FakeTransport, attempts: Int = 3, log: SleepLog = SleepLog()) -> AWSClient {
    AWSClient(
        configuration: AWSConfiguration(region: "us-east-1", credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "S"),
                                        maxAttempts: attempts, customEndpoints: ["s3": Endpoint("http://fake")!, "ecr": Endpoint("http://fake")!]),
        transport: transport, clock: { Timestamp(secondsSinceEpoch: 1_795_339_800) }, sleep: { log.sleeps.append($0) })
}
