import IDPAWS
import IDPCore

/// What a sweep did: each resource deleted (or, in a dry run, that would be), and each that failed.
public struct SweepResult: Sendable {
    public var deleted: [SweepStep] = []
    public var failed: [(step: SweepStep, error: String)] = []
}

/// Removes orphaned resources by their tags, in dependency order (`OrphanSweep`), logging each
/// deletion; a dry run lists exactly what would go. A resource that fails is reported and the rest
/// go on; security groups still in use by one another are tried again until a pass frees none,
/// and a later run picks up what AWS was still deleting (an RDS instance takes minutes).
public struct OrphanSweeper {
    public let client: SweepClient
    public let log: (String) -> Void

    public init(client: SweepClient, log: @escaping (String) -> Void) {
        self.client = client
        self.log = log
    }

    /// Adds to `sweep` what the Tagging API does not list (roles, rules, subnet groups), found by
    /// the names the templates derive, when their own tags say they are that orphan's and they are
    /// older than `minimumAge` seconds. A look-up that fails is a note: the next run tries again.
    public func addFoundByName(to sweep: inout OrphanSweep, report: OrphanReport, now: Timestamp, minimumAge: Int64) {
        // Region and account from a regional orphan's ARN (an IAM ARN has no region).
        guard let sample = report.orphans.lazy.map({ $0.arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false) })
            .first(where: { $0.count == 6 && !$0[3].isEmpty && !$0[4].isEmpty }) else { return }
        let (partition, region, account) = (String(sample[1]), String(sample[3]), String(sample[4]))
        let listed = Set(sweep.steps.map { "\($0.kind.rawValue) \(SweepStep.name(of: $0.resource))" })
        var found: [SweepStep] = []
        for environment in sweep.environments {
            for (kind, suffix) in SweepKind.byName where !listed.contains("\(kind.rawValue) \(environment + suffix)") {
                let found_: (arn: String, tags: [String: String])?
                do throws(AWSError) { found_ = try client.find(kind, named: environment + suffix, partition: partition, region: region, account: account) } catch {
                    log("could not look up \(kind.rawValue) \(environment + suffix): \(error.message); the next run tries again")
                    continue
                }
                guard let (arn, tags) = found_ else { continue }
                guard tags["idp:managed"] == "true", tags["idp:environment"] == environment else {
                    log("\(kind.rawValue) \(environment + suffix) is not tagged as \(environment)'s: left alone")
                    continue
                }
                let created = tags["idp:created-at"].flatMap(Timestamp.init(iso8601:))
                guard let created, now.seconds(since: created) >= minimumAge else {
                    log("\(kind.rawValue) \(environment + suffix) is young (or says no age): left alone")
                    continue
                }
                found.append(SweepStep(kind: kind, resource: arn, environment: environment))
            }
        }
        sweep.add(found)
    }

    /// The ARNs of the report's orphans that are already on their way out (ECS's INACTIVE), which
    /// neither count as orphans nor are deleted again.
    public func gone(_ sweep: OrphanSweep) throws(AWSError) -> Set<String> {
        var gone: Set<String> = []
        for step in sweep.steps where [.ecsService, .cluster, .taskDefinition, .database].contains(step.kind) {
            if try client.isGone(step) { gone.insert(step.resource) }
        }
        return gone
    }

    public func run(_ sweep: OrphanSweep, dryRun: Bool) -> SweepResult {
        var result = SweepResult()
        var pending = sweep.steps
        while !pending.isEmpty {
            var retry: [(SweepStep, String)] = []
            for step in pending {
                if dryRun {
                    log("would delete \(step.kind.rawValue) \(step.resource) (\(step.environment))")
                    result.deleted.append(step)
                    continue
                }
                do throws(AWSError) {
                    try client.delete(step)
                    log("deleted \(step.kind.rawValue) \(step.resource) (\(step.environment))")
                    result.deleted.append(step)
                } catch {
                    retry.append((step, error.message))
                }
            }
            // Only security groups wait for one another; a pass that frees none ends it.
            let groups = retry.filter { $0.0.kind == .securityGroup }
            if groups.isEmpty || groups.count == pending.filter({ $0.kind == .securityGroup }).count {
                result.failed += retry.map { (step: $0.0, error: $0.1) }
                break
            }
            result.failed += retry.filter { $0.0.kind != .securityGroup }.map { (step: $0.0, error: $0.1) }
            pending = groups.map(\.0)
        }
        for failure in result.failed { log("could not delete \(failure.step.kind.rawValue) \(failure.step.resource) (\(failure.step.environment)): \(failure.error); a later run tries again") }
        return result
    }
}
