import IDPCore
import IDPHTTP

/// An image in a repository: its digest, every tag it carries, and when it was pushed.
public struct ECRImage: Sendable, Equatable {
    public var digest: String
    public var tags: [String]
    public var pushedAt: Timestamp?
    /// `imageManifestMediaType`: an OCI image index or a Docker manifest list is a multi-arch image.
    public var mediaType: String?

    public init(digest: String, tags: [String], pushedAt: Timestamp? = nil) {
        self.digest = digest
        self.tags = tags
        self.pushedAt = pushedAt
    }
}

/// An image to delete: by digest (the image and all its tags) or by tag (that tag only).
public enum ECRImageID: Sendable, Hashable {
    case digest(String)
    case tag(String)

    var json: JSONValue {
        switch self {
        case .digest(let d): .object(["imageDigest": .string(d)])
        case .tag(let t): .object(["imageTag": .string(t)])
        }
    }
}

/// ECR over its JSON 1.1 protocol: `POST /` with `X-Amz-Target`.
public struct ECRClient {
    public let client: AWSClient

    /// BatchDeleteImage takes at most 100 ids; enforced here because moto accepts more.
    public static let deleteBatchLimit = 100
    static let target = "AmazonEC2ContainerRegistry_V20150921"

    public init(client: AWSClient) { self.client = client }

    func call(_ operation: String, _ input: JSONValue) throws(AWSError) -> JSONValue {
        try client.callJSON(.ecr, version: "1.1", target: "\(Self.target).\(operation)", input)
    }

    /// Every image with all its tags, following `nextToken` through every page.
    public func describeImages(repository: String) throws(AWSError) -> [ECRImage] {
        var images: [ECRImage] = []
        var token: String?
        repeat {
            var input: [String: JSONValue] = ["repositoryName": .string(repository), "maxResults": .int(1000)]
            if let token { input["nextToken"] = .string(token) }
            let output = try call("DescribeImages", .object(input))
            guard case .array(let details)? = output["imageDetails"] else {
                throw .malformed("no imageDetails", operation: "ecr:DescribeImages")
            }
            for detail in details {
                guard let digest = detail["imageDigest"]?.stringValue else { continue }
                var tags: [String] = []
                if case .array(let list)? = detail["imageTags"] { tags = list.compactMap(\.stringValue) }
                var pushed: Timestamp?
                if case .number(let seconds)? = detail["imagePushedAt"] { pushed = Timestamp(secondsSinceEpoch: Int64(seconds)) }
                var image = ECRImage(digest: digest, tags: tags, pushedAt: pushed)
                image.mediaType = detail["imageManifestMediaType"]?.stringValue
                images.append(image)
            }
            token = output["nextToken"]?.stringValue
        } while token != nil
        return images
    }

    /// An entry of BatchDeleteImage's `failures[]`.
    public struct DeleteFailure: Sendable, Equatable {
        public var id: String
        public var code: String
        public var reason: String
        /// The id as sent: which digest or tag this failure is about.
        public var imageID: ECRImageID?
    }

    /// Deletes `ids`; the caller batches, and more than 100 is refused before anything is sent.
    /// `deleted` holds the ids ECR reports in `imageIds` (the successes; failures are only in
    /// `failures[]`).
    public func batchDelete(repository: String, ids: [ECRImageID]) throws(AWSError) -> (deleted: Set<ECRImageID>, failures: [DeleteFailure]) {
        guard ids.count <= Self.deleteBatchLimit else {
            throw .malformed("\(ids.count) image ids in one BatchDeleteImage; the limit is \(Self.deleteBatchLimit)", operation: "ecr:BatchDeleteImage")
        }
        let output = try call("BatchDeleteImage", .object(["repositoryName": .string(repository), "imageIds": .array(ids.map(\.json))]))
        /// The requested id an entry answers: by digest for digest requests, by tag for tag ones.
        func requested(_ entry: JSONValue?) -> ECRImageID? {
            let digest = entry?["imageDigest"]?.stringValue, tag = entry?["imageTag"]?.stringValue
            return ids.first { id in
                switch id {
                case .digest(let d): d == digest
                case .tag(let t): t == tag && (digest == nil || !ids.contains(.digest(digest!)))
                }
            }
        }
        var deleted: Set<ECRImageID> = []
        if case .array(let list)? = output["imageIds"] { deleted = Set(list.compactMap(requested)) }
        var failures: [DeleteFailure] = []
        if case .array(let list)? = output["failures"] {
            failures = list.map { f in
                DeleteFailure(id: f["imageId"]?["imageTag"]?.stringValue ?? f["imageId"]?["imageDigest"]?.stringValue ?? "?",
                              code: f["failureCode"]?.stringValue ?? "", reason: f["failureReason"]?.stringValue ?? "",
                              imageID: requested(f["imageId"]))
            }
        }
        // An id both reported deleted and failed did not go.
        deleted.subtract(failures.compactMap(\.imageID))
        return (deleted, failures)
    }
}
