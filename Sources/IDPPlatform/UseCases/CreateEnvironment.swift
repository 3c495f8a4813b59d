import IDPCore

/// What `create` decided: the environment recorded, the existing one returned, or a refusal.
public enum CreateResult: Sendable, Equatable {
    case created(EnvironmentRecord)
    /// The same repository and branch had it; its estimate follows the pushed config.
    case exists(EnvironmentRecord)
    /// A guardrail of platform.yml refused a new environment; nothing was recorded.
    case refused([GuardrailError])
    /// A push to the live environment was refused (another template, or a raise past the caps): the
    /// record is as it was, and nothing is to be applied.
    case kept(EnvironmentRecord, [GuardrailError])
}

extension EnvironmentStore {
    /// Records a new environment, or returns the existing one of the same repository and branch.
    ///
    /// `estimate` prices a template under the pushed config: a new record carries it, and an
    /// existing one's estimate follows it (a bigger task costs more from now on) while its template
    /// stays the one it was created with. A push to one that exists is refused (`.kept`) when it asks
    /// for another template or raises the estimate past the repository's monthly cap; never when it
    /// keeps or lowers the cost. The name being another repository's or branch's is `.ownedElsewhere`.
    public func createEnvironment(_ new: EnvironmentRecord, guardrails: Guardrails, estimate: (TemplateName) -> CostEstimate,
                                  now: Timestamp) throws(StoreError) -> CreateResult {
        var record = new
        record.costPerHour = estimate(record.template).perHour
        record.sleepablePerHour = estimate(record.template).sleepablePerHour
        if let ending = EnvironmentName.clashingEndings.first(where: record.name.rawValue.hasSuffix), try readRecord(record.name.rawValue) == nil {
            return .refused([.nameClash(name: record.name.rawValue, ending: ending)])
        }
        if guardrails.limitsNewEnvironments, try readRecord(record.name.rawValue) == nil {
            let existing = try list(now: now, policy: LifecyclePolicy()).compactMap(\.record)
            let refusals = guardrails.problems(record, existing: existing)
            guard refusals.isEmpty else { return .refused(refusals) }
        }
        switch try create(record) {
        case .created(let r):
            return .created(r)
        case .exists(let r):
            let current = estimate(r.template)
            let raises = r.template != record.template || (guardrails.maxMonthlyCostPerRepository != nil && current.perHour > (r.costPerHour ?? 0))
            let refusals = raises ? guardrails.pushProblems(r, template: record.template, perHour: current.perHour,
                                                           existing: try list(now: now, policy: LifecyclePolicy()).compactMap(\.record)) : []
            guard refusals.isEmpty else { return .kept(r, refusals) }
            // The pushed config's estimate and its sleep: setting follow into the record.
            guard r.costPerHour != current.perHour || r.sleepablePerHour != current.sleepablePerHour || r.sleeps != record.sleeps else { return .exists(r) }
            return .exists(try update(r.name.rawValue) {
                $0.costPerHour = current.perHour
                $0.sleepablePerHour = current.sleepablePerHour
                $0.sleeps = record.sleeps
            })
        }
    }
}
