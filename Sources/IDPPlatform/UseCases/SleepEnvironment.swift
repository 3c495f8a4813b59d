import IDPAWS
import IDPCore

/// The AWS services sleep stops and starts.
public struct SleepResources {
    public let ecs: ECSClient
    public let rds: RDSClient
    public let events: EventsClient
    public let cloudwatch: CloudWatchClient

    public init(client: AWSClient) {
        ecs = ECSClient(client: client)
        rds = RDSClient(client: client)
        events = EventsClient(client: client)
        cloudwatch = CloudWatchClient(client: client)
    }

    static func split(_ service: String) -> (cluster: String, service: String) {
        let parts = service.split(separator: "/", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : parts[0])
    }
}

extension EnvironmentStore {
    /// Puts an active environment to sleep. What it will change is recorded first (status
    /// `sleeping`, each service's desired count, the database and rule it stops), conditionally on
    /// the record read, then changed. When the record changed meanwhile (a push woke or deployed
    /// it), what was stopped is started again: a push racing a sleep always ends awake. Returns what
    /// it did, one line each.
    public func sleepEnvironment(_ name: String, targets: SleepTargets, resources: SleepResources, now: Timestamp) throws(StoreError) -> [String] {
        guard let found = try readRecord(name), found.record.status == .active else { return [] }
        var state = SleepState(since: now)
        do throws(AWSError) {
            for service in targets.services {
                let (cluster, svc) = SleepResources.split(service)
                if let count = try resources.ecs.desiredCount(cluster: cluster, service: svc) { state.services[service] = count }
            }
            if let db = targets.database, try resources.rds.status(of: db) == "available" { state.database = db }
            if let rule = targets.rule, try resources.events.state(of: rule) == "ENABLED" { state.rule = rule }
            state.alarms = try resources.cloudwatch.actionsEnabled(targets.alarms).filter(\.value).keys.sorted()
        } catch { throw .aws(error) }
        let written = try update(name) { (r) throws(StoreError) in
            guard r.status == .active, r.sleeps else { throw .transition(.notAllowed(name: name, from: r.status, to: .sleeping)) }
            do throws(TransitionError) { try r.transition(to: .sleeping, now: now) } catch { throw .transition(error) }
            r.sleep = state
        }
        var done = try ensureAsleep(written, resources: resources, now: now)
        // The record as it is now: anything but this sleep's own write means someone woke or
        // deployed it meanwhile, and it must end awake. A destroy under way is left to the destroy.
        if let after = try readRecord(name), after.record != written, ![.destroying, .destroyed].contains(after.record.status) {
            done += try restore(state, resources: resources)
            done.append("woken again: the record changed while it was put to sleep (\(after.record.status.rawValue))")
        }
        return done
    }

    /// Makes a sleeping environment's resources asleep again where they are not (a second run
    /// changes nothing; AWS starts a stopped RDS instance by itself after 7 days).
    public func ensureAsleep(_ record: EnvironmentRecord, resources: SleepResources, now: Timestamp) throws(StoreError) -> [String] {
        // The freshest record, not a listing's: a push may have woken it since.
        guard let fresh = try readRecord(record.name.rawValue)?.record, fresh.status == .sleeping, let state = fresh.sleep,
              state.since == record.sleep?.since else { return [] }
        var done: [String] = []
        do throws(AWSError) {
            for (service, _) in state.services.sorted(by: { $0.key < $1.key }) {
                let (cluster, svc) = SleepResources.split(service)
                if let count = try resources.ecs.desiredCount(cluster: cluster, service: svc), count > 0 {
                    try resources.ecs.setDesiredCount(cluster: cluster, service: svc, to: 0)
                    done.append("scaled \(service) from \(count) to 0")
                }
            }
            if let db = state.database, try resources.rds.status(of: db) == "available" {
                try resources.rds.stop(db)
                done.append("stopped database \(db)" + (now.seconds(since: state.since) > 7 * 86_400 ? " (AWS restarts a stopped instance after 7 days)" : ""))
            }
            if let rule = state.rule, try resources.events.state(of: rule) == "ENABLED" {
                try resources.events.setEnabled(rule, false)
                done.append("disabled schedule \(rule)")
            }
            let loud = try resources.cloudwatch.actionsEnabled(state.alarms).filter(\.value).keys.sorted()
            if !loud.isEmpty {
                try resources.cloudwatch.setActionsEnabled(loud, false)
                done.append("silenced alarms \(loud.joined(separator: ", "))")
            }
        } catch { throw .aws(error) }
        return done
    }

    /// Wakes a sleeping environment: starts what sleep stopped, to exactly the recorded counts,
    /// then records it `active` with the time it slept (for the month's savings). A record that
    /// left `sleeping` some other way (a push's `mark` raced a sleep) but still holds what sleep
    /// stopped is woken too, its status kept. Nil when there is nothing to wake; else what it did.
    public func wakeEnvironment(_ name: String, as caller: Caller, resources: SleepResources, now: Timestamp) throws(StoreError) -> [String]? {
        guard let found = try readRecord(name) else { throw .notFound(name) }
        do throws(TenancyError) { try caller.mayChange(environment: name, ownedBy: found.record.repository) } catch { throw .tenancy(error) }
        let record = found.record
        guard record.status == .sleeping || record.sleep != nil, ![.destroying, .destroyed].contains(record.status) else { return nil }
        let done = try restore(record.sleep ?? SleepState(since: now), resources: resources)
        _ = try update(name, as: caller) { (r) throws(StoreError) in
            guard r.status == .sleeping || r.sleep != nil else { return }
            r.countSleep(since: r.sleep?.since ?? now, now: now)
            if r.status == .sleeping {
                do throws(TransitionError) { try r.transition(to: .active, now: now) } catch { throw .transition(error) }
            }
            r.sleep = nil
        }
        return done
    }

    func restore(_ state: SleepState, resources: SleepResources) throws(StoreError) -> [String] {
        var done: [String] = []
        do throws(AWSError) {
            if let db = state.database {
                // Just put to sleep, it is still "stopping" for minutes: it can be started once stopped.
                var status = try resources.rds.status(of: db)
                for _ in 0..<60 where status == "stopping" {
                    sleep(15)
                    status = try resources.rds.status(of: db)
                }
                if status == "stopped" {
                    try resources.rds.start(db)
                    done.append("started database \(db)")
                }
            }
            for (service, count) in state.services.sorted(by: { $0.key < $1.key }) {
                let (cluster, svc) = SleepResources.split(service)
                if let current = try resources.ecs.desiredCount(cluster: cluster, service: svc), current != count {
                    try resources.ecs.setDesiredCount(cluster: cluster, service: svc, to: count)
                    done.append("scaled \(service) from \(current) to \(count)")
                }
            }
            if let rule = state.rule, try resources.events.state(of: rule) == "DISABLED" {
                try resources.events.setEnabled(rule, true)
                done.append("enabled schedule \(rule)")
            }
            let quiet = try resources.cloudwatch.actionsEnabled(state.alarms).filter { !$0.value }.keys.sorted()
            if !quiet.isEmpty {
                try resources.cloudwatch.setActionsEnabled(quiet, true)
                done.append("alarms \(quiet.joined(separator: ", ")) notify again")
            }
        } catch { throw .aws(error) }
        return done
    }
}
