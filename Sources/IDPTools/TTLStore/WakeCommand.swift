import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let wake = CommandSpec(
        "wake", abstract: "Wake a sleeping environment now (a push, or /preview wake).",
        discussion: """
            Starts what sleep stopped (the RDS instance, the services to their recorded counts, the worker's rule) and
            records the environment active. An environment that is not sleeping is left as it is (exit 0, woke=false); no
            record is exit 4, or with --if-exists exit 0. Inside Actions only the environment's own repository (or the
            platform's) may wake it. Outputs: woke.
            """,
        options: [environment, .flag("if-exists", variable: "IDP_IF_EXISTS", help: "No record is not an error."),
                  .option("wait", "duration", variable: "IDP_WAKE_WAIT", help: "Wait up to this long (e.g. 15m; default 0) for a started database to be available."),
                  AWSSession.bucketOption]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let wait = try waitSeconds(args)
        do throws(StoreError) {
            let resources = SleepResources(client: session.client)
            let woke = try store.wakeEnvironment(name.rawValue, as: runtime.context.caller, resources: resources, now: runtime.now)
            let done = woke ?? []
            done.forEach { runtime.print("  \($0)") }
            // An apply right after StartDBInstance would meet a database that is still starting.
            if let seconds = wait, let db = done.first(where: { $0.hasPrefix("started database ") })?.dropFirst("started database ".count) {
                try waitUntilAvailable(String(db), resources: resources, client: session.client, seconds: seconds, runtime)
            }
            runtime.print(woke == nil ? "\(name) is not asleep: nothing to wake" : "woke \(name)")
            runtime.output("woke", String(woke != nil))
            return .success
        } catch {
            if case .notFound = error, args.flag("if-exists") {
                runtime.output("woke", "false")
                return .success
            }
            throw error.failure
        }
    }

    static func waitUntilAvailable(_ db: String, resources: SleepResources, client: AWSClient, seconds: Int, _ runtime: Runtime) throws(StoreError) {
        var waited = 0
        while true {
            let status: String?
            do { status = try resources.rds.status(of: db) } catch { throw .aws(error) }
            if status == "available" { runtime.print("  database \(db) is available"); return }
            guard waited < seconds else {
                runtime.report([Diagnostic(.warning, code: "sleep.wait", message: "database \(db) is still \(status ?? "absent") after \(seconds) s; going on")])
                return
            }
            client.sleep(15)
            waited += 15
        }
    }

}
