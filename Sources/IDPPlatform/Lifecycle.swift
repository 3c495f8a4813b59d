import IDPAWS
import IDPCore

/// One environment as `scan` and `list` saw it.
public struct EnvironmentStatus: Sendable {
    public var name: String
    public var record: EnvironmentRecord?
    public var decision: LifecycleDecision
    /// Marked `destroying` by this scan and handed to the destroy matrix.
    public var marked = false
    /// Due for destroy but left for the next run (matrix full).
    public var deferred = false

    public init(name: String, record: EnvironmentRecord?, decision: LifecycleDecision) {
        self.name = name
        self.record = record
        self.decision = decision
    }

    /// The word `scan`, `list` and the dashboard show for what happens next.
    public func nextAction(dryRun: Bool = false) -> String {
        marked ? (dryRun ? "would destroy" : "destroy") : deferred ? "deferred" : decision.action
    }

    /// GitHub runs at most 256 jobs per matrix.
    public static let matrixLimit = 256
    /// `ttl-cleanup.yml` has this many destroy jobs, one matrix each, so one run hands over up to
    /// 4 × 256 environments instead of deferring the rest 4 hours.
    public static let matrixChunks = 4
    /// The most environments one scan hands over.
    public static let maxHandedOver = matrixLimit * matrixChunks

    /// The destroy matrix for `ttl-cleanup.yml`: `{"include":[{"environment":…,"template":…}]}`
    /// with every environment this scan handed over.
    public static func destroyMatrix(_ statuses: [EnvironmentStatus]) -> JSONValue {
        .object(["include": .array(statuses.filter(\.marked).map {
            .object(["environment": .string($0.name), "template": .string($0.record?.template.rawValue ?? "")])
        })])
    }

    /// The handed-over environments in `matrixChunks` matrices of at most `matrixLimit` each
    /// (empty ones included, so every chunk's output exists).
    public static func destroyMatrices(_ statuses: [EnvironmentStatus]) -> [(matrix: JSONValue, count: Int)] {
        let marked = statuses.filter(\.marked)
        return (0..<matrixChunks).map { chunk in
            let part = Array(marked.dropFirst(chunk * matrixLimit).prefix(matrixLimit))
            return (destroyMatrix(part), part.count)
        }
    }
}

extension EnvironmentStatus {
    /// What a scan tells people besides its matrix: provisions it found abandoned (and marked
    /// failed), and records a person must look at, each located at its metadata object.
    public static func scanReports(_ statuses: [EnvironmentStatus], dryRun: Bool) -> [Diagnostic] {
        statuses.compactMap { s in
            let at = SourceLocation(file: StateLayout.metadata(s.name))
            switch s.decision {
            case .abandoned where !dryRun && s.record?.status == .failed:
                return Diagnostic(.warning, code: "lifecycle.abandoned", message: "environment \(quoted(s.name)): \(s.decision.explanation); marked failed", location: at)
            case .report(let why):
                return Diagnostic(.warning, code: "lifecycle.report", message: "environment \(quoted(s.name)): \(why)", location: at)
            default:
                return nil
            }
        }
    }
}

extension EnvironmentStore {
    /// Every environment with the lifecycle decision for `now`.
    /// The records are read `maxConcurrency` at a time when `makeReader` is set: a listing of
    /// 1,000 environments is 1,000 GETs, and each waits a round trip to S3.
    public func list(now: Timestamp, policy: LifecyclePolicy) throws(StoreError) -> [EnvironmentStatus] {
        let all = try names()
        typealias Read = Swift.Result<(record: Swift.Result<EnvironmentRecord, RecordError>, etag: String)?, StoreError>
        // Without a reader factory the store's own client reads them one at a time.
        let s3 = self.s3
        let reads: [Read] = concurrentMap(all.count, width: makeReader == nil ? 1 : maxConcurrency, makeWorker: makeReader ?? { s3 }) { s3, index in
            do throws(StoreError) { return .success(try Self.read(all[index], from: s3)) } catch { return .failure(error) }
        }
        var result: [EnvironmentStatus] = []
        result.reserveCapacity(all.count)
        for (name, outcome) in zip(all, reads) {
            guard let read = try outcome.get() else { continue }  // removed since the listing
            result.append(EnvironmentStatus(name: name, record: try? read.record.get(),
                                            decision: LifecycleDecision.decide(read.record, now: now, policy: policy)))
        }
        return result
    }

    /// One environment as `list` shows it; throws when it has no record or an unreadable one.
    public func status(of name: String, now: Timestamp, policy: LifecyclePolicy) throws(StoreError) -> EnvironmentStatus {
        guard let found = try readRecord(name) else { throw .notFound(name) }
        return EnvironmentStatus(name: name, record: found.record,
                                 decision: LifecycleDecision.decide(.success(found.record), now: now, policy: policy))
    }

    /// Decides for every environment and marks those to destroy as `destroying` (at most `limit`,
    /// the rest wait for the next run). The mark is a conditional update that re-decides on the
    /// freshest record, so an extend that lands meanwhile wins and the environment is kept.
    ///
    /// `sources` is what GitHub says of each environment's pull request or branch (by name): one
    /// that would be kept but whose pull request closed, or whose branch is gone, is destroyed too
    /// (`LifecycleDecision.reconciled`), re-decided on the freshest record like the rest.
    /// The GitHub look-ups (`sources`) go in a fair order: never visited first, then the longest
    /// unvisited by `visited` (`RunBudget.fairOrder`); `sources` may stop answering (`.unknown`, the
    /// TTL alone) once its budget is spent, and the next run starts with those.
    public func scan(now: Timestamp, policy: LifecyclePolicy, limit: Int, dryRun: Bool, visited: [String: Timestamp] = [:],
                     sources: (EnvironmentRecord) -> SourceState = { _ in .unknown }) throws(StoreError) -> [EnvironmentStatus] {
        var statuses = try list(now: now, policy: policy)
        var known: [String: SourceState] = [:]
        let position = Dictionary(statuses.indices.map { (statuses[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        for index in RunBudget.fairOrder(statuses.map(\.name), lastVisited: visited).compactMap({ position[$0] }) {
            // Kept ones may have outlived their pull request; expired ones of a pull request may carry the keep label.
            guard let record = statuses[index].record else { continue }
            switch statuses[index].decision {
            case .keep: break
            case .destroy where record.pullRequest != nil: break
            default: continue
            }
            let source = sources(record)
            known[statuses[index].name] = source
            statuses[index].decision = statuses[index].decision.reconciled(with: source, record: record, now: now, policy: policy)
        }
        var handed = 0
        if !dryRun {
            for index in statuses.indices {
                guard case .abandoned = statuses[index].decision else { continue }
                try markAbandoned(&statuses[index], now: now, policy: policy)
            }
        }
        for index in statuses.indices where statuses[index].decision.destroys {
            guard handed < limit else { statuses[index].deferred = true; continue }
            if dryRun { handed += 1; statuses[index].marked = true; continue }
            do throws(StoreError) {
                let updated = try update(statuses[index].name) { (record) throws(StoreError) in
                    let fresh = LifecycleDecision.decide(.success(record), now: now, policy: policy)
                        .reconciled(with: known[record.name.rawValue] ?? .unknown, record: record, now: now, policy: policy)
                    guard fresh.destroys else { throw .transition(.notAllowed(name: record.name.rawValue, from: record.status, to: .destroying)) }
                    do throws(TransitionError) { try record.transition(to: .destroying, now: now) } catch { throw .transition(error) }
                }
                statuses[index].record = updated
                statuses[index].marked = true
                handed += 1
            } catch {
                // Extended or changed since the listing: re-read and report what it is now.
                if case .transition = error, let read = try read(statuses[index].name) {
                    statuses[index].record = try? read.record.get()
                    statuses[index].decision = LifecycleDecision.decide(read.record, now: now, policy: policy)
                } else if case .notFound = error {
                    statuses[index].decision = .none
                } else {
                    throw error
                }
            }
        }
        return statuses
    }

    /// Records an abandoned provision as `failed`, re-deciding on the freshest record so that a
    /// run which finished meanwhile wins.
    func markAbandoned(_ status: inout EnvironmentStatus, now: Timestamp, policy: LifecyclePolicy) throws(StoreError) {
        do throws(StoreError) {
            status.record = try update(status.name) { (record) throws(StoreError) in
                guard case .abandoned = LifecycleDecision.decide(.success(record), now: now, policy: policy) else {
                    throw .transition(.notAllowed(name: record.name.rawValue, from: record.status, to: .failed))
                }
                do throws(TransitionError) { try record.transition(to: .failed, now: now) } catch { throw .transition(error) }
            }
        } catch {
            guard case .transition = error, let read = try read(status.name) else {
                if case .notFound = error { status.decision = .none; return }
                throw error
            }
            status.record = try? read.record.get()
            status.decision = LifecycleDecision.decide(read.record, now: now, policy: policy)
        }
    }

    /// What `finalize` removed.
    public struct FinalizeReport: Sendable {
        /// Nothing was left: an earlier finalize completed (a re-run is a success, not "not found").
        public var alreadyFinalized = false
        public var backupKey: String?
        public var deletedKeys: [String] = []
        public var deletedLockItems: [String] = []
        public var failures: [S3Client.DeleteFailure] = []
    }

    /// After a successful destroy: back up the state (gzip) to `backups/`, then delete the
    /// environment's objects, its `.tflock` and the DynamoDB lock and digest items; the metadata
    /// goes last, so an interrupted finalize can simply be run again.
    ///
    /// Every check comes before the first delete, and each fails closed: only a record that is
    /// `destroying` or `destroyed` is finalized; a lock younger than `staleAfter` seconds, or one
    /// whose age cannot be read, means OpenTofu may still be running; a listed state that cannot
    /// be read, or a backup that does not read back as exactly its bytes, stops everything.
    ///
    /// Only `caller`'s own environments are finalized (`Caller.mayChange`), checked before anything else.
    public func finalize(_ name: String, as caller: Caller = .operator_, locks: DynamoDBClient?, now: Timestamp, staleAfter: Int) throws(StoreError) -> FinalizeReport {
        var report = FinalizeReport()
        let objects: [S3Object]
        do { objects = try s3.list(prefix: StateLayout.prefix(name)) } catch { throw .aws(error) }
        let metadata = StateLayout.metadata(name)
        guard objects.contains(where: { $0.key == metadata }) else {
            // The metadata goes last: without it an earlier finalize finished. Objects without a
            // record were never this platform's to delete.
            guard objects.isEmpty else { throw .notFound(name) }
            report.alreadyFinalized = true
            return report
        }
        guard let found = try readRecord(name) else { throw .notFound(name) }
        do throws(TenancyError) { try caller.mayChange(environment: name, ownedBy: found.record.repository) } catch { throw .tenancy(error) }
        guard [.destroying, .destroyed].contains(found.record.status) else { throw .notDestroying(name, found.record.status) }

        for lock in objects where lock.key.hasSuffix(".tflock") {
            guard let modified = lock.lastModified else { throw .locked(name, "\(lock.key) has no readable age") }
            if now.seconds(since: modified) < Int64(staleAfter) {
                throw .locked(name, "\(lock.key) written \(humanDuration(seconds: now.seconds(since: modified))) ago")
            }
        }
        let stateKey = StateLayout.state(name)
        let lockID = "\(s3.bucket)/\(stateKey)"
        if let locks {
            let item: [String: String]?
            do { item = try locks.getLock(lockID) } catch { throw .aws(error) }
            if let item {
                guard let info = item["Info"], let created = (try? JSONValue.parse(info))?["Created"]?.stringValue.flatMap(Timestamp.init(iso8601:)) else {
                    throw .locked(name, "DynamoDB lock \(lockID) has no readable creation time")
                }
                if now.seconds(since: created) < Int64(staleAfter) {
                    throw .locked(name, "DynamoDB lock \(lockID) taken \(humanDuration(seconds: now.seconds(since: created))) ago")
                }
            }
        }

        do {
            if objects.contains(where: { $0.key == stateKey }) {
                report.backupKey = try backUp(name, stateKey: stateKey, now: now)
                if objects.contains(where: { $0.key == StateLayout.variables(name) }) {
                    try backUpVariables(name, now: now)
                }
            }
            let keys = objects.map(\.key).filter { $0 != metadata }
            report.failures = try s3.delete(keys)
            let failed = Set(report.failures.map(\.key))
            report.deletedKeys = keys.filter { !failed.contains($0) }
            if let locks {
                for id in [lockID, lockID + "-md5"] {
                    try locks.deleteLock(id)
                    report.deletedLockItems.append(id)
                }
            }
            guard report.failures.isEmpty else { return report }
            let last = try s3.delete([metadata])
            report.failures += last
            if last.isEmpty { report.deletedKeys.append(metadata) }
        } catch let error as StoreError {
            throw error
        } catch let error as AWSError {
            throw .aws(error)
        } catch {
            throw .compression("\(error)")
        }
        return report
    }

    /// Copies the variables beside the state's backup and reads them back.
    func backUpVariables(_ name: String, now: Timestamp) throws(StoreError) {
        let key = StateLayout.variablesBackup(name, at: now)
        do {
            guard let object = try s3.get(StateLayout.variables(name)) else { return }
            try s3.put(key, object.body, contentType: "application/json", condition: .ifNoneMatch)
            guard try s3.get(key)?.body == object.body else { throw StoreError.backupUnverified(key, "the variables did not read back as written") }
        } catch let error as StoreError { throw error } catch let error as AWSError { throw .aws(error) } catch { throw .compression("\(error)") }
    }

    /// Stores a gzip copy of the state under `backups/` and reads it back: the state may only be
    /// deleted once a backup of exactly its bytes exists. Returns the backup's key.
    func backUp(_ name: String, stateKey: String, now: Timestamp) throws(StoreError) -> String {
        let state: [UInt8]
        do {
            guard let object = try s3.get(stateKey) else { throw StoreError.unreadableObject(stateKey, "listed but not found when read") }
            state = object.body
        } catch let error as StoreError { throw error } catch let error as AWSError { throw .aws(error) } catch { throw .compression("\(error)") }
        let packed: [UInt8]
        do { packed = try Gzip.compress(state) } catch { throw .compression(error.description) }
        let key = StateLayout.backup(name, at: now)
        do {
            try s3.put(key, packed, contentType: "application/gzip", condition: .ifNoneMatch)
            guard let stored = try s3.get(key) else { throw StoreError.backupUnverified(key, "not found when read back") }
            guard stored.body == packed, (try? Gzip.decompress(stored.body)) == state else {
                throw StoreError.backupUnverified(key, "read back \(stored.body.count) bytes that differ from the \(packed.count) written")
            }
        } catch let error as StoreError { throw error } catch let error as AWSError { throw .aws(error) } catch { throw .compression("\(error)") }
        return key
    }
}
