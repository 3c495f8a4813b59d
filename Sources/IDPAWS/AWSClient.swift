import IDPCore
import IDPHTTP
#if canImport(Glibc)
import Glibc
#endif

/// An AWS error response or a failure to get one, after retries.
public enum AWSError: DiagnosticConvertible, Equatable {
    /// The service answered with an error: HTTP status, the error code (`NoSuchKey`,
    /// `ThrottlingException`, …) and its message.
    case service(status: Int, code: String, message: String, operation: String)
    case transport(TransportError, operation: String)
    case malformed(String, operation: String)

    public var code: String {
        switch self {
        case .service(_, let code, _, _): "aws.\(code)"
        case .transport: "aws.transport"
        case .malformed: "aws.response"
        }
    }

    public var message: String {
        switch self {
        case .service(let status, let code, let message, let op):
            "\(op) failed: \(code) (HTTP \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .transport(let error, let op): "\(op) failed: \(error)"
        case .malformed(let why, let op): "\(op) returned an unreadable response: \(why)"
        }
    }

    /// The service error code, or nil for failures without a response.
    public var serviceCode: String? {
        if case .service(_, let code, _, _) = self { return code }
        return nil
    }

    public var status: Int? {
        if case .service(let status, _, _, _) = self { return status }
        return nil
    }
}

/// Sends signed requests with the SDKs' "standard" retry mode: up to `maxAttempts` tries,
/// full-jitter exponential back-off `rand(0,1) · min(2^(n−1), 20 s)`, only transient and
/// throttling errors, and a 500-token retry quota (5 per retry, 10 after a timeout).
public final class AWSClient {
    public let configuration: AWSConfiguration
    let transport: any HTTPTransport
    let clock: () -> Timestamp
    public let sleep: (Double) -> Void
    private var quota = 500
    /// Requests sent, retries included; the benchmarks and tests read it.
    public private(set) var requestCount = 0

    static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    public init(
        configuration: AWSConfiguration, transport: any HTTPTransport = CurlTransport(),
        clock: @escaping () -> Timestamp = { Timestamp(secondsSinceEpoch: Int64(time(nil))) },
        sleep: @escaping (Double) -> Void = { usleep(UInt32($0 * 1_000_000)) }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.sleep = sleep
    }

    /// Signs and sends; returns 2xx/3xx responses and throws `AWSError` for the rest.
    public func send(_ request: HTTPRequest, service: AWSService, operation: String) throws(AWSError) -> HTTPResponse {
        let signer = SigV4Signer(credentials: configuration.credentials, region: service.signingRegion(configuration.region), service: service.signingName)
        var attempt = 1
        var retryCost = 0
        while true {
            var signed = request
            signed.headers.append(("User-Agent", "mini-idp/\(IDPVersion.current)"))
            signer.sign(&signed, at: clock())
            requestCount += 1
            let failure: AWSError
            var cost = 5
            do {
                let response = try transport.send(signed)
                if response.status < 300 || (response.status == 304) {
                    quota = min(500, quota + (retryCost > 0 ? retryCost : 1))
                    return response
                }
                failure = Self.error(from: response, operation: operation)
            } catch {
                failure = .transport(error, operation: operation)
                if case .timeout = error { cost = 10 }
            }
            guard Self.isRetryable(failure), attempt < configuration.maxAttempts, quota >= cost else { throw failure }
            quota -= cost
            retryCost += cost
            sleep(Double.random(in: 0..<1) * min(Double(1 << (attempt - 1)), 20))
            attempt += 1
        }
    }

    /// One call of an AWS JSON protocol service (`awsJson1_0`/`1_1`): `POST /` with `X-Amz-Target`,
    /// JSON in and out.
    public func callJSON(_ service: AWSService, version: String, target: String, _ input: JSONValue) throws(AWSError) -> JSONValue {
        let operation = "\(service.rawValue):\(target.split(separator: ".").last ?? "")"
        let request = HTTPRequest(
            method: "POST", endpoint: configuration.endpoint(for: service), path: "/",
            headers: [("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", target)],
            body: Array(input.rendered(pretty: false).utf8))
        let response = try send(request, service: service, operation: operation)
        // Operations with no output (EventBridge's EnableRule, DisableRule) answer with no body at all.
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([:]) }
        do { return try JSONValue.parse(response.body) } catch { throw .malformed(error.message, operation: operation) }
    }

    /// One call of an AWS Query protocol service (RDS): `POST /` with a form of `Action`, `Version`
    /// and the parameters, XML out (the `<Operation>Result` element, or the whole answer without one).
    public func callQuery(_ service: AWSService, version: String, action: String, _ parameters: [(String, String)]) throws(AWSError) -> XMLElement {
        let operation = "\(service.rawValue):\(action)"
        let form = ([("Action", action), ("Version", version)] + parameters).map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(method: "POST", endpoint: configuration.endpoint(for: service), path: "/",
                                  headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Array(form.utf8))
        let response = try send(request, service: service, operation: operation)
        let xml: XMLElement
        do { xml = try XMLElement.parse(response.body) } catch { throw .malformed(error.description, operation: operation) }
        // Actions without output (CloudWatch's DisableAlarmActions) answer with ResponseMetadata alone.
        return xml.child("\(action)Result") ?? xml
    }

    static func isRetryable(_ error: AWSError) -> Bool {
        switch error {
        case .transport: return true
        case .malformed: return false
        case .service(let status, let code, _, _):
            return [500, 502, 503, 504].contains(status) || transientCodes.contains(code) || throttlingCodes.contains(code)
                || status == 429
        }
    }

    /// The error code from `x-amzn-errortype`, a JSON `__type`, or an XML `<Code>`, normalised as
    /// the smithy spec says: drop what follows ":" and what precedes "#".
    static func error(from response: HTTPResponse, operation: String) -> AWSError {
        var code = response.header("x-amzn-errortype") ?? ""
        var message = ""
        if let json = try? JSONValue.parse(response.body) {
            if code.isEmpty { code = json["__type"]?.stringValue ?? json["code"]?.stringValue ?? "" }
            message = json["message"]?.stringValue ?? json["Message"]?.stringValue ?? ""
        } else if let xml = try? XMLElement.parse(response.body) {
            let error = xml.name == "Error" ? xml : xml.child("Error") ?? xml
            if code.isEmpty { code = error["Code"] ?? "" }
            message = error["Message"] ?? ""
        }
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if code.isEmpty {
            code = switch response.status {
            case 304: "NotModified"
            case 403: "AccessDenied"
            case 404: "NotFound"
            case 412: "PreconditionFailed"
            default: "HTTP\(response.status)"
            }
        }
        return .service(status: response.status, code: code, message: message, operation: operation)
    }
}

