/// The platform's limits on new environments (`platform.yml` `guardrails:`), checked by
/// `idp-ttl create` before anything is provisioned. Set by the platform team, never by a
/// consumer's config: a repository cannot raise its own limits.
public struct Guardrails: Sendable, Equatable {
    /// Live environments (any status but destroyed) one repository may hold.
    public var maxEnvironmentsPerRepository: Int?
    /// Live environments one owner (the record's `owner`, who opened them) may hold.
    public var maxEnvironmentsPerOwner: Int?
    /// The most one repository's live environments may be estimated to cost a month, in US dollars.
    public var maxMonthlyCostPerRepository: Double?
    /// The longest TTL each template may be asked for (below the platform's `max_ttl`).
    public var maxTTL: [TemplateName: TTL] = [:]
    /// How long after its creation an environment may live however often it is extended.
    public var maxLifetime: TTL = .defaultMaximum

    public init() {}

    /// Whether any limit applies to a new environment (else `idp-ttl create` need not list them all).
    public var limitsNewEnvironments: Bool {
        maxEnvironmentsPerRepository != nil || maxEnvironmentsPerOwner != nil || maxMonthlyCostPerRepository != nil || !maxTTL.isEmpty
    }

    public static let keys = ["max_environments_per_repository", "max_environments_per_owner",
                              "max_monthly_cost_per_repository", "max_ttl", "max_lifetime"]

    /// The TTL an explicit extension of a `template` environment may use: `asked`, held to the
    /// template's `max_ttl` (`held` says it was). Nil asked (the TTL requested at creation, which
    /// create already checked) stays nil.
    public func extensionTTL(_ asked: TTL?, template: TemplateName) -> (ttl: TTL?, held: Bool) {
        guard let asked, let most = maxTTL[template], asked > most else { return (asked, false) }
        return (most, true)
    }

    /// Every limit `candidate` would break, given the environments in `existing` (the candidate's
    /// own record among them is not counted: a re-run is not a new environment).
    public func problems(_ candidate: EnvironmentRecord, existing: [EnvironmentRecord]) -> [GuardrailError] {
        let live = existing.filter { $0.status != .destroyed && $0.name != candidate.name }
        var found: [GuardrailError] = []
        if let most = maxTTL[candidate.template], let asked = try? TTL.parse(candidate.ttl, maximum: nil), asked > most {
            found.append(.ttl(asked: asked, template: candidate.template, limit: most))
        }
        let ours = live.filter { $0.repository == candidate.repository }
        if let most = maxEnvironmentsPerRepository, ours.count >= most {
            found.append(.repositoryCount(candidate.repository, count: ours.count, limit: most))
        }
        if let most = maxEnvironmentsPerOwner {
            let count = live.filter { $0.owner == candidate.owner }.count
            if count >= most { found.append(.ownerCount(candidate.owner, count: count, limit: most)) }
        }
        if let most = maxMonthlyCostPerRepository {
            let current = ours.reduce(0) { $0 + ($1.costPerHour ?? 0) } * Prices.hoursPerMonth
            let added = (candidate.costPerHour ?? 0) * Prices.hoursPerMonth
            if current + added > most {
                found.append(.monthlyCost(candidate.repository, name: candidate.name.rawValue, current: current, added: added, limit: most))
            }
        }
        return found
    }

    /// What a push to the live environment `current` may not do, given the environments in
    /// `existing`: change its template (its state, estimate, sleep and destroy follow the recorded
    /// one), or raise its estimate to `perHour` (US dollars an hour) past
    /// `max_monthly_cost_per_repository`. A push that keeps or lowers the cost is never refused.
    public func pushProblems(_ current: EnvironmentRecord, template: TemplateName, perHour: Double,
                             existing: [EnvironmentRecord]) -> [GuardrailError] {
        guard template == current.template else {
            return [.templateChanged(name: current.name.rawValue, recorded: current.template, pushed: template)]
        }
        guard let most = maxMonthlyCostPerRepository, perHour > (current.costPerHour ?? 0) else { return [] }
        let others = existing.filter { $0.status != .destroyed && $0.name != current.name && $0.repository == current.repository }
            .reduce(0) { $0 + ($1.costPerHour ?? 0) } * Prices.hoursPerMonth
        let was = (current.costPerHour ?? 0) * Prices.hoursPerMonth, asked = perHour * Prices.hoursPerMonth
        guard others + asked > most else { return [] }
        return [.costRaise(current.repository, name: current.name.rawValue, was: was, asked: asked, others: others, limit: most)]
    }
}

/// Why `idp-ttl create` refused a new environment, or a push to a live one (exit 3).
public enum GuardrailError: DiagnosticConvertible, Equatable {
    case repositoryCount(String, count: Int, limit: Int)
    case ownerCount(String, count: Int, limit: Int)
    case monthlyCost(String, name: String, current: Double, added: Double, limit: Double)
    case ttl(asked: TTL, template: TemplateName, limit: TTL)
    /// A new environment's name ends like a name the templates derive from another's (`<A>-db`).
    case nameClash(name: String, ending: String)
    /// A push asks for another template than the live environment was created with.
    case templateChanged(name: String, recorded: TemplateName, pushed: TemplateName)
    /// A push raises a live environment's estimate past the repository's monthly cap (dollars a month).
    case costRaise(String, name: String, was: Double, asked: Double, others: Double, limit: Double)

    public var code: String {
        switch self {
        case .repositoryCount: "guardrail.repository"
        case .ownerCount: "guardrail.owner"
        case .monthlyCost: "guardrail.cost"
        case .ttl: "guardrail.ttl"
        case .nameClash: "name.clash"
        case .templateChanged: "template.changed"
        case .costRaise: "guardrail.cost"
        }
    }

    public var message: String {
        let raise = "or raise the limit in platform.yml"
        func environments(_ n: Int) -> String { n == 1 ? "1 environment" : "\(n) environments" }
        switch self {
        case .repositoryCount(let repository, let count, let limit):
            return "\(repository) already has \(environments(count)), the most max_environments_per_repository allows (\(limit)); "
                + "destroy one to make room (see idp-ttl list --repository \(repository)), \(raise)"
        case .ownerCount(let owner, let count, let limit):
            return "\(owner) already has \(environments(count)), the most max_environments_per_owner allows (\(limit)); "
                + "destroy one to make room (see idp-ttl list --owner \(owner)), \(raise)"
        case .monthlyCost(let repository, let name, let current, let added, let limit):
            return "\(repository)'s environments are estimated at \(Money.text(current)) a month; with \(name) (\(Money.text(added))) "
                + "that is \(Money.text(current + added)), over max_monthly_cost_per_repository (\(Money.text(limit))); "
                + "destroy one to make room (see idp-ttl list --repository \(repository)), \(raise)"
        case .ttl(let asked, let template, let limit):
            return "ttl \(asked) is longer than max_ttl for \(template.rawValue) (\(limit)); ask for at most \(limit), \(raise)"
        case .nameClash(let name, let ending):
            return "a new environment may not be named \(name): it ends in \(ending), so a name the templates derive from it would be "
                + "\(String(name.dropLast(ending.count)))'s (its database alarm \(name)-cpu); choose a branch or name that does not end in \(ending)"
        case .templateChanged(let name, let recorded, let pushed):
            return "\(name) was created as \(recorded.rawValue) and .idp/config.yml now asks for \(pushed.rawValue): a live environment keeps "
                + "its template (its state, estimate, sleep and destroy follow it), so this push was not applied and \(name) runs as it was; "
                + "destroy it first (close and reopen the pull request, or comment /preview destroy), then push again"
        case .costRaise(let repository, let name, let was, let asked, let others, let limit):
            let total = others + asked
            return "this push raises \(name)'s estimate from \(Money.text(was)) to \(Money.text(asked)) a month; with \(repository)'s other "
                + "environments (\(Money.text(others))) that is \(Money.text(total)), \(Money.text(total - limit)) over "
                + "max_monthly_cost_per_repository (\(Money.text(limit))), so it was not applied and \(name) runs as it was; "
                + "lower cpu or memory in .idp/config.yml, destroy another environment (see idp-ttl list --repository \(repository)), \(raise)"
        }
    }
}
