import NetworkTestSupport
import Testing
@testable import IDPAWS
@testable import IDPCore
@testable import IDPHTTP
@testable import IDPPlatform

/// Paging and batch limits against fakes that behave as the AWS documentation says (moto pages
/// neither ECR results nor enforces the 100-id / 1000-key limits).
@Suite struct PagingAndLimitsTests {
    @Test func describeImagesFollowsEveryNextToken() throws {
        let all = (0..<250).map { ECRImage(digest: "sha256:\(String($0, radix: 16))", tags: ["t\($0)"]) }
        let transport = FakeTransport { request, _ in
            let input = try! JSONValue.parse(request.body)
            let start = Int(input["nextToken"]?.stringValue ?? "0")!
            let page = all[start..<min(start + 100, all.count)]
            var output: [String: JSONValue] = ["imageDetails": .array(page.map { .object(["imageDigest": .string($0.digest), "imageTags": .array($0.tags.map(JSONValue.string))]) })]
            if start + 100 < all.count { output["nextToken"] = .string(String(start + 100)) }
            return FakeTransport.json(200, .object(output))
        }
        let images = try ECRClient(client: fakeClient(transport)).describeImages(repository: "r")
        #expect(images == all)
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0.header("X-Amz-Target") == "AmazonEC2ContainerRegistry_V20150921.DescribeImages" })
    }

    @Test func pruneDeletesInBatchesOfAtMostOneHundred() throws {
        let env = try EnvironmentName("preview-x")
        let images = (0..<250).map { i in ECRImage(digest: "sha256:\(i)", tags: ["preview-x-\(String(format: "%07x", i + 0x1000000))"]) }
        var deleted: Set<String> = []
        let transport = FakeTransport { request, _ in
            let input = try! JSONValue.parse(request.body)
            if request.header("X-Amz-Target")!.hasSuffix("DescribeImages") {
                return FakeTransport.json(200, .object(["imageDetails": .array(images.map { .object(["imageDigest": .string($0.digest), "imageTags": .array($0.tags.map(JSONValue.string))]) })]))
            }
            guard case .array(let ids)? = input["imageIds"], ids.count <= 100 else {
                return FakeTransport.json(400, .object(["__type": .string("InvalidParameterException"), "message": .string("too many ids")]))
            }
            // The first id of each batch "fails" as already gone, the second as referenced by a manifest list.
            var failures: [JSONValue] = []
            for (n, id) in ids.enumerated() {
                let digest = id["imageDigest"]!.stringValue!
                if n == 0 { failures.append(.object(["imageId": id, "failureCode": .string("ImageNotFound"), "failureReason": .string("gone")])) }
                else if n == 1 { failures.append(.object(["imageId": id, "failureCode": .string("ImageReferencedByManifestList"), "failureReason": .string("in use")])) }
                else { deleted.insert(digest) }
            }
            // As ECR answers: imageIds lists what was deleted, failures[] the rest.
            return FakeTransport.json(200, .object(["imageIds": .array(ids.filter { deleted.contains($0["imageDigest"]!.stringValue!) }),
                                                    "failures": .array(failures)]))
        }
        let report = try ImagePruner(ecr: ECRClient(client: fakeClient(transport))).prune(repository: "r", environment: env, keep: 0, dryRun: false)
        let batches = transport.requests.filter { $0.header("X-Amz-Target")!.hasSuffix("BatchDeleteImage") }
        #expect(batches.count == 3)
        #expect(report.alreadyGone == 3)
        #expect(report.failures.count == 3 && report.failures.allSatisfy { $0.code == "ImageReferencedByManifestList" })
        #expect(deleted.count == 244)
        #expect(report.deletedDigests.count == 244, "only confirmed deletes count; failed and already gone ones do not")
    }

    @Test func batchDeleteRefusesMoreThanOneHundredBeforeSending() {
        let transport = FakeTransport { _, _ in FakeTransport.json(200, .object([:])) }
        #expect(throws: AWSError.self) {
            try ECRClient(client: fakeClient(transport)).batchDelete(repository: "r", ids: (0..<101).map { .tag("t\($0)") })
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func s3ListingFollowsContinuationTokensAndDecodesKeys() throws {
        let keys = (0..<2500).map { "environments/env-\($0)/a b+c.json" }
        let transport = FakeTransport { request, _ in
            let query = Dictionary(request.query, uniquingKeysWith: { $1 })
            #expect(query["encoding-type"] == "url" && query["max-keys"] == "1000")
            let start = Int(query["continuation-token"] ?? "0")!
            let page = keys[start..<min(start + 1000, keys.count)]
            let more = start + 1000 < keys.count
            let body = "<ListBucketResult><IsTruncated>\(more)</IsTruncated>" + (more ? "<NextContinuationToken>\(start + 1000)</NextContinuationToken>" : "")
                // As S3 answers encoding-type=url: form encoding, a space as "+" and "+" as "%2B".
                + page.map { "<Contents><Key>\(percentEncode($0, keepSlash: true).replacing("%20", with: "+"))</Key><ETag>&quot;e&quot;</ETag><Size>1</Size></Contents>" }.joined()
                + "</ListBucketResult>"
            return HTTPResponse(status: 200, body: Array(body.utf8))
        }
        let listed = try S3Client(client: fakeClient(transport), bucket: "b").list(prefix: "environments/")
        #expect(listed.map(\.key) == keys)
        #expect(listed.first?.etag == "\"e\"")
        #expect(transport.requests.count == 3)
        #expect(transport.requests[0].path == "/b")
    }

    @Test func deleteObjectsSendsAtMostOneThousandKeysWithContentMD5() throws {
        let transport = FakeTransport { request, _ in
            let xml = try! XMLElement.parse(request.body)
            let md5 = base64Encode(MD5Hash.digest(request.body))
            guard xml.all("Object").count <= 1000, request.header("Content-MD5") == md5 else {
                return HTTPResponse(status: 400, body: Array("<Error><Code>MalformedXML</Code></Error>".utf8))
            }
            let first = xml.all("Object").first!["Key"]!
            return HTTPResponse(status: 200, body: Array("<DeleteResult><Error><Key>\(xmlEscape(first))</Key><Code>AccessDenied</Code><Message>no</Message></Error></DeleteResult>".utf8))
        }
        let keys = (0..<2001).map { "k/\($0)&<x>" }
        let failures = try S3Client(client: fakeClient(transport), bucket: "b").delete(keys)
        #expect(transport.requests.count == 3)
        #expect(failures.map(\.key) == ["k/0&<x>", "k/1000&<x>", "k/2000&<x>"])
    }
}
