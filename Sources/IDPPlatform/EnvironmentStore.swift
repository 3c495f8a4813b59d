import IDPAWS
import IDPCore

/// Where an environment's objects live in the state bucket.
public enum StateLayout {
    public static let root = "environments/"
    public static func prefix(_ name: String) -> String { "\(root)\(name)/" }
    public static func metadata(_ name: String) -> String { prefix(name) + "metadata.json" }
    public static func outputs(_ name: String) -> String { prefix(name) + "outputs.json" }
    public static func state(_ name: String) -> String { prefix(name) + "terraform.tfstate" }
    public static func backup(_ name: String, at time: Timestamp) -> String { "backups/\(name)/\(time.basicISO8601).tfstate.gz" }
    /// The variables the state was applied with, kept beside its backup: with both, OpenTofu can
    /// destroy what the state knows again (`idp-ttl orphans --clean`).
    public static func variables(_ name: String) -> String { prefix(name) + "terraform.tfvars.json" }
    public static func variablesBackup(_ name: String, at time: Timestamp) -> String { "backups/\(name)/\(time.basicISO8601).tfvars.json" }
}

/// Why a store operation did not happen; each maps to one exit status.
public enum StoreError: DiagnosticConvertible {
    case aws(AWSError)
    case notFound(String)
    case unreadable(String, RecordError)
    case ownedElsewhere(String, repository: String, branch: String)
    /// The run's repository may not change this environment (`Caller.mayChange`).
    case tenancy(TenancyError)
    case transition(TransitionError)
    case contention(String, attempts: Int)
    case locked(String, String)
    case compression(String)
    /// Finalize is for environments being destroyed; anything else keeps every object.
    case notDestroying(String, EnvironmentRecord.Status)
    /// A listed object that could not be read: nothing is deleted without it.
    case unreadableObject(String, String)
    /// The state backup did not read back as written: the state is kept.
    case backupUnverified(String, String)

    public var code: String {
        switch self {
        case .aws(let e): e.code
        case .notFound: "metadata.not-found"
        case .unreadable: "metadata.unreadable"
        case .ownedElsewhere: "metadata.conflict"
        case .tenancy(let e): e.code
        case .transition(let e): e.code
        case .contention: "metadata.contention"
        case .locked: "state.locked"
        case .compression: "state.backup"
        case .notDestroying: "finalize.not-destroying"
        case .unreadableObject: "state.unreadable"
        case .backupUnverified: "state.backup-unverified"
        }
    }

    public var message: String {
        switch self {
        case .aws(let e): e.message
        case .notFound(let name): "environment \(quoted(name)) has no metadata.json in the state bucket"
        case .unreadable(let name, let e): "environment \(quoted(name)): \(e.message)"
        case .ownedElsewhere(let name, let repository, let branch):
            "environment \(quoted(name)) already belongs to \(repository) branch \(quoted(branch)); choose another name"
        case .transition(let e): e.message
        case .tenancy(let e): e.message
        case .contention(let name, let attempts): "environment \(quoted(name)) changed under us \(attempts) times in a row; nothing was written"
        case .locked(let name, let why): "environment \(quoted(name)) is locked by a running OpenTofu operation (\(why)); not finalized"
        case .compression(let why): "cannot compress the state backup: \(why)"
        case .notDestroying(let name, let status):
            "environment \(quoted(name)) is \(status.rawValue), not destroying or destroyed; nothing was deleted (mark it destroying first)"
        case .unreadableObject(let key, let why): "\(quoted(key)) \(why); nothing was deleted"
        case .backupUnverified(let key, let why): "state backup \(quoted(key)) \(why); the state was kept"
        }
    }
}

/// The environment records in S3, read and written only with conditional requests so that
/// concurrent extends, marks and scans never lose each other's updates.
public final class EnvironmentStore {
    public let s3: S3Client
    let sleep: (Double) -> Void
    /// How often a lost race is retried before giving up.
    public var maxConflictRetries = 10
    /// Makes another client for the same bucket, each with its own connection, for reads in
    /// flight together (`list`, `scan`); nil reads one record at a time.
    public var makeReader: (() -> S3Client)?
    /// Reads in flight at once when `makeReader` is set (`IDP_MAX_CONCURRENCY`).
    public var maxConcurrency = 32

    public init(s3: S3Client, sleep: @escaping (Double) -> Void) {
        self.s3 = s3
        self.sleep = sleep
    }

    /// The record (or why it is unreadable) and its ETag; nil when there is none.
    public func read(_ name: String) throws(StoreError) -> (record: Result<EnvironmentRecord, RecordError>, etag: String)? {
        try Self.read(name, from: s3)
    }

    static func read(_ name: String, from s3: S3Client) throws(StoreError) -> (record: Result<EnvironmentRecord, RecordError>, etag: String)? {
        let object: (body: [UInt8], etag: String)?
        do { object = try s3.get(StateLayout.metadata(name)) } catch { throw .aws(error) }
        guard let object else { return nil }
        return (EnvironmentRecord.decode(object.body), object.etag)
    }

    /// The record and its ETag; nil when there is none. An unreadable record is an error here: the
    /// callers would change or show it, and a record nobody can read is reported, never rewritten.
    public func readRecord(_ name: String) throws(StoreError) -> (record: EnvironmentRecord, etag: String)? {
        guard let existing = try read(name) else { return nil }
        switch existing.record {
        case .failure(let e): throw .unreadable(name, e)
        case .success(let record): return (record, existing.etag)
        }
    }

    public enum CreateOutcome: Equatable {
        case created(EnvironmentRecord)
        /// The same repository and branch already have this environment; nothing was changed.
        case exists(EnvironmentRecord)
    }

    /// Creates the record unless the name is taken. A record of the same repository and branch is
    /// returned untouched (re-running provision is safe); another's is refused. A `destroyed`
    /// record of the same repository and branch is replaced.
    public func create(_ record: EnvironmentRecord) throws(StoreError) -> CreateOutcome {
        let name = record.name.rawValue
        for _ in 0..<maxConflictRetries {
            do {
                try s3.put(StateLayout.metadata(name), Array(record.json.utf8), contentType: "application/json", condition: .ifNoneMatch)
                return .created(record)
            } catch where error.status == 409 {
                backoff(1)
                continue
            } catch where error.status == 412 {
                guard let existing = try readRecord(name) else { continue }
                let current = existing.record
                guard current.isOwned(byRepository: record.repository, branch: record.branch) else {
                    throw .ownedElsewhere(name, repository: current.repository, branch: current.branch)
                }
                guard current.status == .destroyed else { return .exists(current) }
                do {
                    try s3.put(StateLayout.metadata(name), Array(record.json.utf8), contentType: "application/json", condition: .ifMatch(existing.etag))
                    return .created(record)
                } catch where error.status == 412 || error.status == 409 {
                    continue
                } catch { throw .aws(error) }
            } catch {
                throw .aws(error)
            }
        }
        throw .contention(name, attempts: maxConflictRetries)
    }

    /// Reads, changes and writes back the record with `If-Match`; when another writer got there
    /// first (412/409) it re-reads and applies the change again, so no update is lost.
    ///
    /// `caller` is checked against every record read, before the change: a run started from
    /// another repository changes nothing (`Caller.mayChange`).
    @discardableResult
    public func update(_ name: String, as caller: Caller = .operator_, _ change: (inout EnvironmentRecord) throws(StoreError) -> Void) throws(StoreError) -> EnvironmentRecord {
        for attempt in 1...maxConflictRetries {
            guard let existing = try readRecord(name) else { throw .notFound(name) }
            var record = existing.record
            do throws(TenancyError) { try caller.mayChange(environment: name, ownedBy: record.repository) } catch { throw .tenancy(error) }
            try change(&record)
            do {
                try s3.put(StateLayout.metadata(name), Array(record.json.utf8), contentType: "application/json", condition: .ifMatch(existing.etag))
                return record
            } catch where error.status == 412 || error.status == 409 || error.serviceCode == "NoSuchKey" && error.status == 404 {
                if error.status == 404 { throw .notFound(name) }
                backoff(attempt)
            } catch {
                throw .aws(error)
            }
        }
        throw .contention(name, attempts: maxConflictRetries)
    }

    /// The record of `name` when `caller` may change it; nil when there is none (nothing owns the
    /// name). For steps that change what the record describes without writing it (its images).
    public func requireOwnership(of name: String, by caller: Caller) throws(StoreError) -> EnvironmentRecord? {
        if caller.actsForPlatform { return try readRecord(name)?.record }
        guard let found = try readRecord(name) else { return nil }
        do throws(TenancyError) { try caller.mayChange(environment: name, ownedBy: found.record.repository) } catch { throw .tenancy(error) }
        return found.record
    }

    /// The TTL scan's last mark, or nil when there is none or it cannot be read.
    public func readHeartbeat() throws(StoreError) -> ScanHeartbeat? {
        do { return try s3.get(ScanHeartbeat.key).flatMap { ScanHeartbeat(json: $0.body) } } catch { throw .aws(error) }
    }

    /// Leaves the scan's mark (unconditionally: the newest scan wins).
    /// When each environment was last visited by runs of this kind (none when never written).
    public func readVisits(_ run: String) throws(StoreError) -> Visits {
        do { return try s3.get(Visits.key(run)).map { Visits(json: $0.body) } ?? Visits() } catch { throw .aws(error) }
    }

    public func writeVisits(_ run: String, _ visits: Visits) throws(StoreError) {
        do { _ = try s3.put(Visits.key(run), Array(visits.json.utf8), contentType: "application/json") } catch { throw .aws(error) }
    }

    public func writeHeartbeat(_ heartbeat: ScanHeartbeat) throws(StoreError) {
        do { _ = try s3.put(ScanHeartbeat.key, Array(heartbeat.json.utf8), contentType: "application/json") } catch { throw .aws(error) }
    }

    /// The names of all environments with a folder in the bucket.
    public func names() throws(StoreError) -> [String] {
        do {
            return try s3.commonPrefixes(prefix: StateLayout.root).map { String($0.dropFirst(StateLayout.root.count).dropLast()) }.sorted()
        } catch { throw .aws(error) }
    }

    /// A short random pause that grows with the attempt, so racing writers spread out.
    func backoff(_ attempt: Int) {
        sleep(Double.random(in: 0..<1) * min(0.05 * Double(attempt), 0.5))
    }
}
