/// What GitHub tells a run of the platform repository's own workflow on its default branch (the
/// scheduled ttl-cleanup.yml by default): the only runs whose tools act for the platform
/// (`Caller.actsForPlatform`).
public enum PlatformRun {
    public static let repository = "acme/mini-idp"

    /// `GITHUB_REPOSITORY`, the platform repository the workflow resolved for itself, and the event,
    /// ref and top-level workflow GitHub sets for a schedule.
    public static func environment(workflow: String = "ttl-cleanup.yml", ref: String = "refs/heads/main") -> [String: String] {
        ["GITHUB_REPOSITORY": repository, "IDP_PLATFORM_REPOSITORY": repository, "GITHUB_EVENT_NAME": "schedule", "GITHUB_REF": ref,
         "GITHUB_WORKFLOW_REF": "\(repository)/.github/workflows/\(workflow)@\(ref)"]
    }
}
