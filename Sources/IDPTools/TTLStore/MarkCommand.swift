import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let mark = CommandSpec(
        "mark", abstract: "Record a status change after provision or destroy.",
        discussion: "Statuses: \(EnvironmentRecord.Status.allCases.map(\.rawValue).joined(separator: ", ")). Outputs: found, status, expires_at, template, ttl, "
            + "timeout_minutes. With --if-exists a missing record is found=false and exit 0, not exit 4. --status active --commit records the deployed commit. "
            + "--status destroy_failed --destroy-ran counts a failure toward the limit after which a person is asked; without it (a cancelled or "
            + "lost run, whose work never ran) nothing is counted.",
        options: [
            environment,
            .option("status", "status", variable: "IDP_STATUS", help: "New status."),
            .flag("if-exists", variable: "IDP_IF_EXISTS", help: "No record is not an error: output found=false (a destroy that already finished)."),
            .flag("destroy-ran", variable: "IDP_DESTROY_RAN", help: "With --status destroy_failed: the destroy's own work ran and failed, so it counts."),
            commit,
            AWSSession.bucketOption, SharedOptions.templates,
        ]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let text = try args.required("status")
        guard let status = EnvironmentRecord.Status(rawValue: text) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "status.unknown", message: "status \(quoted(text)) is not one of "
                + EnvironmentRecord.Status.allCases.map(\.rawValue).joined(separator: ", "), subject: args.source("status"))])
        }
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let record: EnvironmentRecord
        do throws(StoreError) {
            // A deploy that ends while a sleep raced it ends awake: what sleep stopped is started first.
            if status == .active, let woke = try store.wakeEnvironment(name.rawValue, as: runtime.context.caller,
                                                                      resources: SleepResources(client: session.client), now: runtime.now) {
                runtime.print("woke \(name) first, which a sleep had stopped meanwhile" + woke.map { "\n  \($0)" }.joined())
            }
            record = try store.markEnvironment(name.rawValue, as: runtime.context.caller, status: status, deployedCommit: args.value(commit),
                                               destroyRan: args.flag("destroy-ran"), now: runtime.now)
        } catch {
            // The second of two destroys (a pull request closed and its branch deleted at once) finds
            // the first one's work done: nothing to do, and nothing wrong.
            guard case .notFound = error, args.flag("if-exists") else { throw error.failure }
            runtime.print("no record of \(name): nothing to do")
            runtime.output("found", "false")
            return .success
        }
        runtime.print("marked \(name): \(record.status.rawValue)")
        describe(record, runtime, templates: try Templates.catalogIfPresent(args))
        return .success
    }
}
