import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

/// `idp-ttl unlock`: run by provision and destroy before OpenTofu, so that a lock left by a killed
/// runner does not fail every later run of the environment.
enum UnlockCommand {
    static let lockTable = OptionSpec.option("lock-table", "name", variable: "IDP_LOCK_TABLE", help: "DynamoDB lock table; omit with S3-native locking only.")
    static let workingDirectory = OptionSpec.option("working-directory", "path", variable: "IDP_WORKING_DIRECTORY",
                                                    default: "infrastructure/templates/<template>", help: "Where a person would run tofu force-unlock (for the advice).")

    static let unlock = CommandSpec(
        "unlock", abstract: "Remove an environment's state locks that only a dead run can have left; report the others.",
        discussion: """
            A lock (the DynamoDB item, the S3 .tflock) taken longer ago than any job may run (the longest template's
            timeout plus GitHub's cancellation grace: \(humanDuration(seconds: StateLock.longestHold))) is removed, conditionally on
            being exactly the lock judged, and logged with its ID, Who and Created. A younger lock, or one of unreadable age,
            is never touched: the run says who holds it since when and what a person can run. Exit 0 either way (OpenTofu
            then waits for a held lock); exit 3 when started from a repository that does not own the environment.
            Outputs: removed, held (counts).
            """,
        options: [SharedOptions.environment, lockTable, workingDirectory, AWSSession.bucketOption]
    ) { args, runtime throws(ToolFailure) in
        let name = try StoreCommands.name(args)
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let locks = args.value(lockTable).map { DynamoDBClient(client: session.client, table: $0) }
        let found = try StoreCommands.run { () throws(StoreError) in
            // Only the environment's own repository (or the platform) may break its locks.
            _ = try store.requireOwnership(of: name.rawValue, by: runtime.context.caller)
            return try store.breakOrphanedLocks(name.rawValue, locks: locks, now: runtime.now)
        }
        var notes: [Diagnostic] = []
        for entry in found {
            let text = entry.lock.describe(now: runtime.now, where: entry.place)
            switch entry.verdict {
            case .orphaned where entry.removed:
                runtime.print("removed orphaned lock: \(text); no job runs that long")
            case .orphaned:
                runtime.print("\(entry.place) changed while it was judged: left as it is")
            case .held, .unreadableAge:
                let why = entry.verdict == .unreadableAge ? "its age cannot be read" : "a run may still hold it"
                notes.append(Diagnostic(.notice, code: "state.locked", message: "\(text); \(why), so it was left: "
                    + entry.lock.advice(workingDirectory: args.defaulted(workingDirectory))))
            }
        }
        if found.isEmpty { runtime.print("no state lock on \(name)") }
        runtime.report(notes)
        runtime.output("removed", String(found.filter(\.removed).count))
        runtime.output("held", String(found.filter { !$0.removed }.count))
        return .success
    }
}
