import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let show = CommandSpec(
        "show", abstract: "Print one environment's row of `list`; changes nothing.",
        discussion: """
            Outputs: found, status, repository (also as repository_owner and repository_name), branch, pr_number, created_at, expires_at, template, ttl, timeout_minutes (the job
            budget for provisioning or destroying its template). With --if-exists a missing record is found=false and exit 0
            (a destroy that already finished), not exit 4, with the longest timeout_minutes a template may declare.
            """,
        options: [
            environment, LifecycleOptions.stuckAfter, AWSSession.bucketOption, SharedOptions.templates,
            .flag("if-exists", variable: "IDP_IF_EXISTS", help: "No record is not an error: output found=false."),
        ]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let policy = try Templates.policy(args)
        let store = try AWSSession(runtime: runtime).store(args)
        let status: EnvironmentStatus
        do throws(StoreError) { status = try store.status(of: name.rawValue, now: runtime.now, policy: policy) } catch {
            guard case .notFound = error, args.flag("if-exists") else { throw error.failure }
            runtime.print("no record of \(name): nothing to do")
            runtime.output("found", "false")
            // A destroy decides again inside the environment's group, where a provision may have recorded it meanwhile.
            runtime.output("timeout_minutes", String(TemplateDeclaration.maxTimeoutMinutes))
            return .success
        }
        if let record = status.record {
            do throws(TenancyError) { try runtime.context.caller.maySee(environment: name.rawValue, ownedBy: record.repository) } catch {
                throw ToolFailure(.conflict, [error.diagnostic(subject: nil)])
            }
        }
        runtime.print(Dashboard.table([status], now: runtime.now))
        if let record = status.record { describe(record, runtime, templates: try Templates.catalogIfPresent(args)) }
        return .success
    }
}
