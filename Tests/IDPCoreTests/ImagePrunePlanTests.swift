import Testing
@testable import IDPCore

/// The prune decision without ECR: exact environment tags, shared images, --keep, indexes.
@Suite struct ImagePrunePlanTests {
    let env = try! EnvironmentName("preview-pay")

    @Test func onlyTheEnvironmentsOwnTagsCount() {
        for tag in ["preview-pay-1a2b3c4", "preview-pay-" + String(repeating: "f", count: 40)] {
            #expect(ImagePrunePlan.isEnvironmentTag(tag, of: env), "\(tag)")
        }
        for tag in ["preview-pay-b-1a2b3c4", "preview-pay-1a2b3c", "preview-pay-1A2B3C4", "preview-pay-" + String(repeating: "f", count: 41),
                    "preview-pay", "preview-payment-1a2b3c4", "release-1"] {
            #expect(!ImagePrunePlan.isEnvironmentTag(tag, of: env), "\(tag)")
        }
    }

    @Test func wholeImagesGoByDigestSharedOnesLoseOnlyTheTag() {
        let plan = ImagePrunePlan(images: [
            .init(digest: "sha256:a", tags: ["preview-pay-1111111"], pushedAt: 1),
            .init(digest: "sha256:b", tags: ["preview-pay-2222222", "release-1"], pushedAt: 2),
            .init(digest: "sha256:c", tags: ["preview-pay-b-3333333"], pushedAt: 3),
            .init(digest: "sha256:d", tags: [], pushedAt: 4),
        ], environment: env)
        #expect(plan.deleteDigests == ["sha256:a"])
        #expect(plan.untagTags == ["preview-pay-2222222"])
        #expect(plan.otherImages == 2 && plan.keptDigests.isEmpty)
    }

    @Test func keepSparesTheNewest() {
        let plan = ImagePrunePlan(images: (1...4).map { .init(digest: "sha256:\($0)", tags: ["preview-pay-\($0)\($0)\($0)\($0)\($0)\($0)\($0)"], pushedAt: Int64($0)) },
                                  environment: env, keep: 2)
        #expect(plan.keptDigests == ["sha256:4", "sha256:3"])
        #expect(plan.deleteDigests == ["sha256:2", "sha256:1"])
    }

    /// A re-run of an older commit runs an image that is not among the newest: it is spared by tag.
    @Test func theRunningImageIsSparedWhateverItsAge() {
        let plan = ImagePrunePlan(images: (1...4).map { .init(digest: "sha256:\($0)", tags: ["preview-pay-\($0)\($0)\($0)\($0)\($0)\($0)\($0)"], pushedAt: Int64($0)) },
                                  environment: env, keep: 1, spare: ["preview-pay-2222222"])
        #expect(plan.keptDigests == ["sha256:4", "sha256:2"])
        #expect(plan.deleteDigests == ["sha256:3", "sha256:1"])
    }

    @Test func multiArchIndexesAreNamedSoTheirChildrenAreAccountedFor() {
        #expect(ImagePrunePlan.isIndexMediaType("application/vnd.oci.image.index.v1+json"))
        #expect(ImagePrunePlan.isIndexMediaType("application/vnd.docker.distribution.manifest.list.v2+json"))
        #expect(!ImagePrunePlan.isIndexMediaType("application/vnd.oci.image.manifest.v1+json"))
        let plan = ImagePrunePlan(images: [
            .init(digest: "sha256:index", tags: ["preview-pay-1111111"], pushedAt: 2, isIndex: true),
            .init(digest: "sha256:single", tags: ["preview-pay-2222222"], pushedAt: 1),
        ], environment: env)
        #expect(plan.deleteDigests == ["sha256:index", "sha256:single"] && plan.indexDigests == ["sha256:index"])
    }

    @Test func onlyRemovesNothingButTheNamedImage() throws {
        let env = try EnvironmentName("preview-pay")
        let images = [
            ImagePrunePlan.Image(digest: "sha256:a", tags: ["preview-pay-" + String(repeating: "a", count: 40)], pushedAt: 1),
            ImagePrunePlan.Image(digest: "sha256:b", tags: ["preview-pay-" + String(repeating: "b", count: 40)], pushedAt: 2),
        ]
        let plan = ImagePrunePlan(images: images, environment: env, only: ["preview-pay-" + String(repeating: "b", count: 40)])
        #expect(plan.deleteDigests == ["sha256:b"] && plan.keptDigests == ["sha256:a"])
        // Nothing named: nothing removed.
        #expect(ImagePrunePlan(images: images, environment: env, only: []).isEmpty)
    }
}
