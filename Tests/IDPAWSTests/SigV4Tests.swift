import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore
@testable import IDPHTTP

/// The signer must agree with botocore's, byte for byte, on awkward real requests.
@Suite struct SigV4Tests {
    static let time = Timestamp(iso8601: "2026-11-22T09:30:00Z")!
    static let s3 = Endpoint("http://127.0.0.1:5000")!
    static let ecr = Endpoint("https://api.ecr.eu-west-1.amazonaws.com")!

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var service: String
        var request: HTTPRequest
        var token: String?
        var testDescription: String { label }
    }

    static func s3Key(_ key: String, query: [(String, String)] = [], method: String = "GET", body: String = "", headers: [(String, String)] = []) -> HTTPRequest {
        HTTPRequest(method: method, endpoint: s3, path: "/bucket/" + percentEncode(key, keepSlash: true), query: query, headers: headers, body: Array(body.utf8))
    }

    static let cases: [Case] = [
        Case(label: "plain key", service: "s3", request: s3Key("environments/preview-x/metadata.json")),
        Case(label: "key with spaces, plus and equals", service: "s3", request: s3Key("a b/c+d=e.json")),
        Case(label: "unicode key", service: "s3", request: s3Key("environments/prévu-✓/état.json")),
        Case(label: "query needing sort and encoding", service: "s3", request: s3Key("", query: [
            ("list-type", "2"), ("prefix", "environments/a b+c"), ("max-keys", "1000"), ("encoding-type", "url"),
            ("continuation-token", "1/abc+def=="), ("delimiter", "/"),
        ])),
        Case(label: "conditional put with body", service: "s3", request: s3Key("environments/x/metadata.json", method: "PUT",
            body: "{\"name\": \"x\"}\n", headers: [("Content-Type", "application/json"), ("If-Match", "\"0123abcd\""),
                                                   ("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")])),
        Case(label: "delete objects query flag", service: "s3", request: s3Key("", query: [("delete", "")], method: "POST",
            body: "<Delete><Object><Key>a</Key></Object></Delete>", headers: [("Content-Type", "application/xml")])),
        Case(label: "ecr json body", service: "ecr", request: HTTPRequest(method: "POST", endpoint: ecr, path: "/",
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeImages")],
            body: Array(#"{"repositoryName":"mini-idp-preview","maxResults":1000}"#.utf8))),
        Case(label: "dynamodb with session token", service: "dynamodb", request: HTTPRequest(method: "POST",
            endpoint: Endpoint("https://dynamodb.us-east-1.amazonaws.com")!, path: "/",
            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "DynamoDB_20120810.DeleteItem"), ("X-Extra", "  a   b  ")],
            body: Array(#"{"TableName":"locks","Key":{"LockID":{"S":"state/environments/x/terraform.tfstate-md5"}}}"#.utf8)),
            token: "FwoGZXIvYXdzEJr//////////wEaDPq+token/with=chars"),
        Case(label: "s3 with session token", service: "s3", request: s3Key("x"), token: "IQoJb3JpZ2luX2VjE+token=="),
    ]

    @Test func matchesBotocore() throws {
        let region = "eu-west-1"
        var input = ""
        var ours: [String] = []
        for c in Self.cases {
            let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: c.token)
            var request = c.request
            SigV4Signer(credentials: credentials, region: region, service: c.service).sign(&request, at: Self.time)
            ours.append(request.header("Authorization")!)
            let line: [String: Any] = [
                "method": c.request.method, "url": c.request.url, "headers": c.request.headers.map { [$0.0, $0.1] },
                "body": String(decoding: c.request.body, as: UTF8.self), "region": region, "service": c.service,
                "access_key": credentials.accessKeyID, "secret_key": credentials.secretAccessKey,
                "token": c.token as Any? ?? NSNull(), "timestamp": Self.time.basicISO8601,
            ]
            input += String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self) + "\n"
        }
        let script = Golden.fixtures().appendingPathComponent("botocore_sign.py").path
        let theirs = try Python.run(script, stdin: input).split(separator: "\n").map(String.init)
        #expect(theirs.count == Self.cases.count)
        for (index, c) in Self.cases.enumerated() where index < theirs.count {
            #expect(ours[index] == theirs[index], "\(c.label)")
        }
    }

    @Test func tokenIsSignedAndS3GetsThePayloadHash() {
        var request = Self.s3Key("x")
        SigV4Signer(credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "S", sessionToken: "T"), region: "us-east-1", service: "s3")
            .sign(&request, at: Self.time)
        #expect(request.header("X-Amz-Security-Token") == "T")
        #expect(request.header("X-Amz-Content-SHA256") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(request.header("Authorization")!.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
    }
}

/// Cost Explorer has one endpoint per partition and is signed for its region, whatever the client's.
@Suite struct CostExplorerEndpointTests {
    @Test func signedForUsEast1FromAnyRegion() throws {
        #expect(AWSService.ce.signingRegion("eu-west-1") == "us-east-1" && AWSService.s3.signingRegion("eu-west-1") == "eu-west-1")
        #expect(AWSService.ce.signingRegion("cn-north-1") == "cn-northwest-1")
        let configuration = AWSConfiguration(region: "eu-central-1", credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b", sessionToken: nil))
        #expect(configuration.endpoint(for: .ce).host == "ce.us-east-1.amazonaws.com")
    }
}
