import IDPAWS
import IDPCore

/// Carries out an `ImagePrunePlan` against ECR in batches of at most 100 ids.
public struct ImagePruner {
    public let ecr: ECRClient

    public init(ecr: ECRClient) { self.ecr = ecr }

    public struct Report: Sendable {
        public var plan: ImagePrunePlan
        /// Images ECR confirmed deleted (by digest) and tags it confirmed removed.
        public var deletedDigests: [String] = []
        public var untaggedTags: [String] = []
        /// Failures that matter; `ImageNotFound` counts as already gone and is not here.
        public var failures: [ECRClient.DeleteFailure] = []
        public var alreadyGone = 0
    }

    /// Reads every image, plans, and (unless `dryRun`) deletes.
    public func prune(repository: String, environment: EnvironmentName, keep: Int, spare: Set<String> = [], only: Set<String>? = nil,
                      dryRun: Bool) throws(AWSError) -> Report {
        let images = try ecr.describeImages(repository: repository).map {
            ImagePrunePlan.Image(digest: $0.digest, tags: $0.tags, pushedAt: $0.pushedAt?.secondsSinceEpoch,
                                 isIndex: $0.mediaType.map(ImagePrunePlan.isIndexMediaType) ?? false)
        }
        var report = Report(plan: ImagePrunePlan(images: images, environment: environment, keep: keep, spare: spare, only: only))
        guard !dryRun else { return report }
        let ids = report.plan.deleteDigests.map(ECRImageID.digest) + report.plan.untagTags.map(ECRImageID.tag)
        var done: Set<ECRImageID> = []
        for start in stride(from: 0, to: ids.count, by: ECRClient.deleteBatchLimit) {
            let batch = Array(ids[start..<min(start + ECRClient.deleteBatchLimit, ids.count)])
            let result = try ecr.batchDelete(repository: repository, ids: batch)
            done.formUnion(result.deleted)
            for failure in result.failures {
                if failure.code == "ImageNotFound" { report.alreadyGone += 1 } else { report.failures.append(failure) }
            }
        }
        report.deletedDigests = report.plan.deleteDigests.filter { done.contains(.digest($0)) }
        report.untaggedTags = report.plan.untagTags.filter { done.contains(.tag($0)) }
        return report
    }
}
