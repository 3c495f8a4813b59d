import IDPAWS
import IDPCore

/// What a clean-up of one orphaned environment can do.
public enum OrphanCleanup: Sendable, Equatable {
    /// Its last state and variables are back in place and a record says `destroying`: the normal
    /// destroy path (`destroy.yml`) removes what OpenTofu made.
    case restored(EnvironmentRecord)
    /// No state backup with its variables (finalized before they were kept, or never applied):
    /// a person must remove the resources listed.
    case byHand(String)
}

extension EnvironmentStore {
    /// Puts the newest state backup of `name` and the variables kept beside it back where the
    /// destroy path reads them, with a record (`destroying`, from the resources' tags) that lets
    /// it run. Every write is conditional on nothing being there: an environment someone created
    /// meanwhile is never touched (exit 3 for that one, `ownedElsewhere`).
    public func restoreForDestroy(_ name: EnvironmentName, tags: [String: String], now: Timestamp) throws(StoreError) -> OrphanCleanup {
        let backups: [S3Object]
        do { backups = try s3.list(prefix: "backups/\(name)/") } catch { throw .aws(error) }
        let keys = Set(backups.map(\.key))
        // The newest state backup that has its variables beside it.
        guard let state = keys.filter({ $0.hasSuffix(".tfstate.gz") }).sorted().last(where: { keys.contains($0.replacing(".tfstate.gz", with: ".tfvars.json")) }) else {
            return .byHand(keys.contains(where: { $0.hasSuffix(".tfstate.gz") })
                ? "its state backup has no variables beside it (finalized before they were kept)" : "no state backup")
        }
        guard let template = tags["idp:template"].flatMap({ try? Template.parse($0) }), let repository = tags["idp:repository"], repository.contains("/") else {
            return .byHand("its resources do not say their template and repository (idp:template, idp:repository)")
        }
        var record = EnvironmentRecord(name: name, template: template, owner: tags["idp:owner"] ?? "orphaned", repository: repository,
                                       branch: "(orphaned)", pullRequest: nil, image: nil, ttl: try! TTL.parse("1h", maximum: nil), now: now)
        record.createdAt = tags["idp:created-at"].flatMap(Timestamp.init(iso8601:)) ?? now
        record.expiresAt = now
        do throws(TransitionError) { try record.transition(to: .destroying, now: now) } catch { throw .transition(error) }
        do {
            guard let packed = try s3.get(state)?.body, let variables = try s3.get(state.replacing(".tfstate.gz", with: ".tfvars.json"))?.body else {
                return .byHand("the backup vanished while it was read")
            }
            let bytes: [UInt8]
            do { bytes = try Gzip.decompress(packed) } catch { throw StoreError.compression(error.description) }
            // The record first: it claims the name, and fails when anyone holds it.
            try s3.put(StateLayout.metadata(name.rawValue), Array(record.json.utf8), contentType: "application/json", condition: .ifNoneMatch)
            try s3.put(StateLayout.state(name.rawValue), bytes, contentType: "application/json", condition: .ifNoneMatch)
            try s3.put(StateLayout.variables(name.rawValue), variables, contentType: "application/json", condition: .ifNoneMatch)
        } catch let error as StoreError {
            throw error
        } catch let error as AWSError {
            if error.status == 412 { throw .locked(name.rawValue, "an environment of this name was recorded meanwhile (or its state is back); nothing more restored") }
            throw .aws(error)
        } catch { throw .compression("\(error)") }
        return .restored(record)
    }
}
