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
    public var maxTTL: [Template: TTL] = [:]
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
    public func extensionTTL(_ asked: TTL?, template: Template) -> (ttl: TTL?, held: Bool) {
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
}

/// Why `idp-ttl create` refused a new environment (exit 3).
public enum GuardrailError: DiagnosticConvertible, Equatable {
    case repositoryCount(String, count: Int, limit: Int)
    case ownerCount(String, count: Int, limit: Int)
    case monthlyCost(String, name: String, current: Double, added: Double, limit: Double)
    case ttl(asked: TTL, template: Template, limit: TTL)

    public var code: String {
        switch self {
        case .repositoryCount: "guardrail.repository"
        case .ownerCount: "guardrail.owner"
        case .monthlyCost: "guardrail.cost"
        case .ttl: "guardrail.ttl"
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
        }
    }
}
