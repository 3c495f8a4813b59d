import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let staleAfter = OptionSpec.option("stale-after", "duration", variable: "IDP_STALE_AFTER", default: "2h", help: "Locks older than this are stale and removed.")

    static let finalize = CommandSpec(
        "finalize", abstract: "After a successful destroy: back up the state, delete the environment's objects and lock items.",
        discussion: """
            Only for a record that is destroying or destroyed (else exit 3); an unreadable record is exit 1. Refuses (exit 3)
            while a lock younger than --stale-after, or of unreadable age, exists. The state is deleted only after a backup
            of exactly its bytes was stored and read back (else exit 5, nothing deleted). A finalized environment is exit 0.
            Only the environment's own repository (or the platform's) may finalize it. Outputs: backup, deleted.
            """,
        options: [environment, UnlockCommand.lockTable, staleAfter, AWSSession.bucketOption]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let stale: TTL
        do throws(TTLError) { stale = try TTL.parse(args.defaulted(staleAfter), maximum: nil) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source(staleAfter))])
        }
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let locks = args.value(UnlockCommand.lockTable).map { DynamoDBClient(client: session.client, table: $0) }
        let report = try run { () throws(StoreError) in
            try store.finalize(name.rawValue, as: runtime.context.caller, locks: locks, now: runtime.now, staleAfter: stale.seconds)
        }
        if report.alreadyFinalized { runtime.print("\(name) is already finalized: nothing left to remove") }
        if let backup = report.backupKey { runtime.print("backed up state to s3://\(store.s3.bucket)/\(backup)") }
        for key in report.deletedKeys { runtime.print("deleted s3://\(store.s3.bucket)/\(key)") }
        for item in report.deletedLockItems { runtime.print("deleted lock item \(item)") }
        runtime.output("backup", report.backupKey ?? "")
        runtime.output("deleted", String(report.deletedKeys.count))
        guard report.failures.isEmpty else {
            runtime.report(report.failures.map { Diagnostic(code: "s3.\($0.code)", message: "could not delete \(quoted($0.key)): \($0.code) \($0.message)") })
            return .partial
        }
        return .success
    }
}
