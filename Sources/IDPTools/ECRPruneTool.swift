import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

/// `idp-ecr-prune` (the executable of that name, and the multi-call `idp` under that name).
public enum ECRPruneTool {
    /// Deletes exactly one environment's images from the shared ECR repository.
    static let keepOption = OptionSpec.option("keep", "n", variable: "IDP_KEEP", default: "0", help: "Spare the N most recently pushed images.")
    static let spareOption = OptionSpec.option("spare", "image", variable: "IDP_SPARE",
                                        help: "Spare this image (repository:tag or a bare tag), e.g. the one the environment runs.")
    static let onlyOption = OptionSpec.option("only", "image", variable: "IDP_PRUNE_ONLY",
                                       help: "Remove nothing but this image (repository:tag or a bare tag), e.g. the one this run pushed.")

    /// The tag of an image reference: after the last ":" after the last "/" (a registry may have a port).
    static func tag(_ reference: String) -> String {
        let name = reference.split(separator: "/").last.map(String.init) ?? reference
        return name.split(separator: ":").last.map(String.init) ?? name
    }

    public static let command = CommandSpec(
        "idp-ecr-prune",
        abstract: "Delete one environment's images (tags <env>-<sha>) from an ECR repository.",
        discussion: """
            An image that carries only the environment's tags is deleted by digest; one that also carries
            another tag loses only the environment's tags. Tags of other environments (e.g. <env>-b-<sha>)
            are never touched. Outputs: deleted, untagged, kept, failed. Needs AWS_REGION and credentials.
            Started from a repository other than the platform's (GITHUB_REPOSITORY vs IDP_PLATFORM_REPOSITORY),
            the environment's record in --bucket must be that repository's (else exit 3, nothing deleted).
            """,
        examples: [
            "idp-ecr-prune --repository mini-idp-preview --environment preview-payment-api --dry-run",
            "idp-ecr-prune --repository mini-idp-preview --environment preview-payment-api --keep 1",
            "idp-ecr-prune --repository mini-idp-preview --environment preview-payment-api --keep 1 --spare \"$IDP_IMAGE\"",
        ],
        options: [
            .option("repository", "name", variable: "IDP_ECR_REPOSITORY", help: "ECR repository."),
            SharedOptions.environment,
            keepOption, spareOption, onlyOption, SharedOptions.dryRun, AWSSession.bucketOption,
        ]
    ) { args, runtime throws(ToolFailure) in
        let repository = try args.required("repository")
        let environmentText = try args.required(SharedOptions.environment)
        let environment: EnvironmentName
        do throws(NameError) { environment = try EnvironmentName(environmentText) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source(SharedOptions.environment))])
        }
        guard let keep = Int(args.defaulted(keepOption)), keep >= 0 else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "usage", message: "--keep \(quoted(args.defaulted(keepOption))) must be a whole number ≥ 0",
                                                         subject: args.source(keepOption))])
        }
        let spare: Set<String> = args.value(spareOption).map { [tag($0)] } ?? []
        let only: Set<String>? = args.value(onlyOption).map { [tag($0)] }
        let dryRun = args.flag(SharedOptions.dryRun)
        let session = try AWSSession(runtime: runtime)
        let caller = runtime.context.caller
        if !caller.actsForPlatform {
            guard args.value(AWSSession.bucketOption) != nil else {
                throw ToolFailure(.usage, [Diagnostic(code: "tenancy.bucket", message: "--bucket (IDP_STATE_BUCKET) is needed to check that "
                    + "\(environment) belongs to \(caller.repository ?? "this run's repository") before its images are deleted")])
            }
            let store = try session.store(args)
            do throws(StoreError) {
                if try store.requireOwnership(of: environment.rawValue, by: caller) == nil {
                    runtime.log("idp-ecr-prune: \(environment) has no record: its images belong to no environment")
                }
            } catch { throw error.failure }
        }
        let report: ImagePruner.Report
        do throws(AWSError) { report = try ImagePruner(ecr: ECRClient(client: session.client)).prune(repository: repository, environment: environment, keep: keep, spare: spare, only: only, dryRun: dryRun) } catch {
            throw error.failure
        }
        let plan = report.plan
        let verb = dryRun ? "would delete" : "deleted"
        // Only what ECR confirmed counts as done; a dry run reports the plan.
        let deleted = dryRun ? plan.deleteDigests : report.deletedDigests
        let untagged = dryRun ? plan.untagTags : report.untaggedTags
        func tags(_ digest: String) -> String { " (" + (plan.tagsByDigest[digest] ?? []).joined(separator: ", ") + ")" }
        for digest in deleted { runtime.print("\(verb) \(digest)" + tags(digest)) }
        for tag in untagged { runtime.print("\(dryRun ? "would untag" : "untagged") \(tag)") }
        for digest in plan.keptDigests { runtime.print("kept \(digest)" + tags(digest)) }
        for digest in plan.indexDigests {
            runtime.print("\(digest) is a multi-arch image index: its per-platform manifests carry no tag and are left to the "
                + "repository's lifecycle rule for untagged images")
        }
        runtime.log("idp-ecr-prune: \(environment): \(deleted.count) image(s) \(verb), \(untagged.count) tag(s) removed from shared images, "
            + "\(plan.keptDigests.count) kept, \(plan.otherImages) other image(s) untouched, \(report.failures.count) failed" + (dryRun ? " (dry run)" : ""))
        runtime.summarize("""
            ### ECR images of `\(environment)` in `\(markdownCell(repository))`\(dryRun ? " (dry run)" : "")

            | action | count |
            |---|---|
            | \(verb) (whole image) | \(deleted.count) |
            | tag removed (image shared with other tags) | \(untagged.count) |
            | kept (`--keep`, `--spare`) | \(plan.keptDigests.count) |
            | other images, untouched | \(plan.otherImages) |
            | failed | \(report.failures.count) |
            """ + (plan.indexDigests.isEmpty ? "" : "\n\n\(plan.indexDigests.count) multi-arch index(es) deleted: their per-platform manifests are untagged and expire under the repository's lifecycle rule."))
        runtime.output("deleted", String(deleted.count))
        runtime.output("untagged", String(untagged.count))
        runtime.output("kept", String(plan.keptDigests.count))
        runtime.output("failed", String(report.failures.count))
        guard report.failures.isEmpty else {
            runtime.report(report.failures.map { f in
                Diagnostic(code: "ecr.\(f.code)", message: "could not delete \(quoted(f.id)) from \(repository): \(f.code) \(f.reason)")
            })
            return .partial
        }
        return .success
    }
}
