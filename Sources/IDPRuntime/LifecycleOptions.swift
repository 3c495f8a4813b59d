import IDPCore
/// Options that tune the lifecycle decision, shared by `idp-ttl status` and `idp-ttl scan`.
public enum LifecycleOptions {
    public static let stuckAfter = OptionSpec.option(
        "stuck-after", "duration", variable: "IDP_STUCK_AFTER", default: "2h",
        help: "Retry destroys that have been running longer than this.")

    public static func policy(_ args: Arguments) throws(ToolFailure) -> LifecyclePolicy {
        let text = args.value("stuck-after") ?? "2h"
        do { return LifecyclePolicy(stuckAfter: try TTL.parse(text, maximum: nil).seconds) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("stuck-after"))])
        }
    }
}
