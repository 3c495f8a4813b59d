import IDPAWS
import IDPCore

/// One state lock found for an environment, where it lives, and what was done with it.
public struct FoundLock: Sendable, Equatable {
    /// `DynamoDB <table>/<LockID>` or `s3://<bucket>/<key>`.
    public var place: String
    public var lock: StateLock
    public var verdict: StateLock.Verdict
    /// Removed by this run: provably orphaned and still exactly the lock that was judged.
    public var removed = false
}

extension EnvironmentStore {
    /// Finds the environment's state locks (the DynamoDB item, the S3 `.tflock`) and removes those
    /// provably orphaned (`StateLock.verdict`): older than any job may hold one, so no runner can
    /// still be inside the apply that took it. Each removal is conditional on exactly the lock that
    /// was judged (DynamoDB `Info`, S3 `If-Match`), so a lock taken meanwhile survives. A younger
    /// lock, or one of unreadable age, is reported and never touched.
    public func breakOrphanedLocks(_ name: String, locks: DynamoDBClient?, now: Timestamp) throws(StoreError) -> [FoundLock] {
        var found: [FoundLock] = []
        let stateKey = StateLayout.state(name)
        do {
            if let locks {
                let lockID = "\(s3.bucket)/\(stateKey)"
                if let item = try locks.getLock(lockID) {
                    let info = item["Info"] ?? ""
                    let lock = StateLock(info: info)
                    var entry = FoundLock(place: "DynamoDB \(locks.table)/\(lockID)", lock: lock, verdict: lock.verdict(now: now))
                    if case .orphaned = entry.verdict, item["Info"] != nil { entry.removed = try locks.deleteLock(lockID, ifInfo: info) }
                    found.append(entry)
                }
            }
            let lockKey = stateKey + ".tflock"
            if let object = try s3.get(lockKey) {
                let lock = StateLock(info: String(decoding: object.body, as: UTF8.self))
                var entry = FoundLock(place: "s3://\(s3.bucket)/\(lockKey)", lock: lock, verdict: lock.verdict(now: now))
                if case .orphaned = entry.verdict { entry.removed = try s3.delete(lockKey, ifMatch: object.etag) }
                found.append(entry)
            }
        } catch {
            throw .aws(error)
        }
        return found
    }
}
