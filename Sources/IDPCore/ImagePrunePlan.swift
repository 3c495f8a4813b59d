/// Which images and tags `idp-ecr-prune` removes for one environment, decided without AWS.
///
/// An environment's tags are exactly `<env>-<hex sha, 7–40 digits>`. A prefix match such as the
/// first platform's `aws ecr list-images | grep "^$ENV-"` also catches `<env>-b-1a2b3c4` of
/// environment `<env>-b`; this rule does not.
public struct ImagePrunePlan: Sendable, Equatable {
    /// An image in the repository, as the planner sees it.
    public struct Image: Sendable, Equatable {
        public var digest: String
        public var tags: [String]
        /// Seconds since the epoch, for `--keep` (newest first); nil sorts last.
        public var pushedAt: Int64?
        /// A multi-arch image index (manifest list): its per-platform manifests are separate, untagged images.
        public var isIndex: Bool

        public init(digest: String, tags: [String], pushedAt: Int64? = nil, isIndex: Bool = false) {
            self.digest = digest
            self.tags = tags
            self.pushedAt = pushedAt
            self.isIndex = isIndex
        }
    }

    /// The media types of a multi-arch image: OCI's image index and Docker's manifest list.
    public static func isIndexMediaType(_ type: String) -> Bool {
        type == "application/vnd.oci.image.index.v1+json" || type == "application/vnd.docker.distribution.manifest.list.v2+json"
    }

    /// Images of the environment only: deleted by digest, which removes them whole.
    public var deleteDigests: [String] = []
    /// Tags of the environment on images that carry other tags too: only the tag goes.
    public var untagTags: [String] = []
    /// Environment images spared by `--keep`, newest first.
    public var keptDigests: [String] = []
    /// Images that carry none of the environment's tags (not touched), counted for the report.
    public var otherImages = 0
    /// Multi-arch indexes among `deleteDigests`: deleting an index leaves its per-platform
    /// manifests, which carry no tag, to the repository's lifecycle rule for untagged images.
    public var indexDigests: [String] = []
    /// Every tag of each planned image, for reports.
    public var tagsByDigest: [String: [String]] = [:]

    /// Whether `tag` is one of `environment`'s image tags.
    public static func isEnvironmentTag(_ tag: String, of environment: EnvironmentName) -> Bool {
        let prefix = environment.rawValue + "-"
        guard tag.hasPrefix(prefix) else { return false }
        let sha = tag.utf8.dropFirst(prefix.utf8.count)
        return (7...40).contains(sha.count) && sha.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Plans the removal of `environment`'s images, sparing the `keep` most recently pushed and any
    /// image carrying a tag in `spare` (the one the environment runs, however old). With `only`,
    /// nothing but images carrying one of those tags is removed (what this run pushed, when the
    /// name has no record yet and other tags under it may be another run's).
    public init(images: [Image], environment: EnvironmentName, keep: Int = 0, spare: Set<String> = [], only: Set<String>? = nil) {
        var ours: [(image: Image, envTags: [String])] = []
        for image in images {
            let envTags = image.tags.filter { Self.isEnvironmentTag($0, of: environment) }
            if envTags.isEmpty { otherImages += 1 } else { ours.append((image, envTags)); tagsByDigest[image.digest] = image.tags.sorted() }
        }
        ours.sort { ($0.image.pushedAt ?? .min, $0.image.digest) > ($1.image.pushedAt ?? .min, $1.image.digest) }
        for (index, entry) in ours.enumerated() {
            if index < keep || !spare.isDisjoint(with: entry.image.tags) || only.map({ $0.isDisjoint(with: entry.image.tags) }) == true {
                keptDigests.append(entry.image.digest)
            } else if entry.envTags.count == entry.image.tags.count {
                if !deleteDigests.contains(entry.image.digest) {
                    deleteDigests.append(entry.image.digest)
                    if entry.image.isIndex { indexDigests.append(entry.image.digest) }
                }
            } else {
                untagTags += entry.envTags.sorted()
            }
        }
    }

    public var isEmpty: Bool { deleteDigests.isEmpty && untagTags.isEmpty }
}
