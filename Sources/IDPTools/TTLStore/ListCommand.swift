import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let format = OptionSpec.option("format", "format", variable: "IDP_FORMAT", default: "table", help: "table, json or markdown.")

    static let list = CommandSpec(
        "list", abstract: "List every environment with its status and time left.",
        discussion: """
            Formats: table (default), json, markdown. The markdown table also goes to the step summary. --repository and
            --owner keep only that repository's or owner's environments (what a guardrail refusal points to). Says when the
            platform's TTL cleanup last ran, and warns when that is more than 12 hours ago. With --platform and a sleep:
            schedule, the estimates count the awake hours, and the Markdown says what sleep saved this month.
            """,
        options: [
            format,
            .option("repository", "owner/name", variable: "IDP_LIST_REPOSITORY", help: "Only this repository's environments."),
            .option("owner", "who", variable: "IDP_LIST_OWNER", help: "Only this owner's environments."),
            LifecycleOptions.stuckAfter, AWSSession.bucketOption, ValidationOptions.platform, zoneinfo, SharedOptions.templates,
        ]
    ) { args, runtime throws(ToolFailure) in
        let format = args.defaulted(Self.format)
        guard ["table", "json", "markdown"].contains(format) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "usage", message: "--format \(quoted(format)) is not table, json or markdown")])
        }
        let policy = try Templates.policy(args)
        let store = try AWSSession(runtime: runtime).store(args)
        let statuses = try run { () throws(StoreError) in
            try store.list(now: runtime.now, policy: policy, repository: args.value("repository"), owner: args.value("owner"))
        }
        let cleanup = ScanHeartbeat.status(try? store.readHeartbeat(), now: runtime.now)
        // With the platform's settings: the awake hours, and its shared parts once (their region's prices).
        let settings = args.value(ValidationOptions.platform) == nil ? nil : try platformSettings(args)
        let awake = try settings.flatMap { (s) throws(ToolFailure) in try awakeFraction(s, args, now: runtime.now) }
        let overhead = settings?.overheadPerDay
        // Cost Explorer's answer as `idp-ttl costs` kept it (never asked here: a request costs $0.01).
        let actual = try? store.readActualSpend()
        let markdown = Dashboard.markdown(statuses, now: runtime.now, title: "Preview environments", cleanup: cleanup, awakeFraction: awake,
                                          overhead: overhead, actual: actual ?? nil)
        switch format {
        case "json": runtime.print(Dashboard.json(statuses, now: runtime.now, awakeFraction: awake, actual: actual ?? nil).rendered())
        case "markdown": runtime.print(markdown)
        default: runtime.print(Dashboard.table(statuses, now: runtime.now, awakeFraction: awake, overhead: overhead) + (cleanup.isEmpty ? "" : "\n\n" + cleanup))
        }
        runtime.summarize(markdown)
        runtime.output("count", String(statuses.count))
        return .success
    }
}
