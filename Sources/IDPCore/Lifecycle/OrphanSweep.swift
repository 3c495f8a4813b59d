/// How orphaned resources are removed: by their tags, as aws-nuke and cloud-nuke do, since what
/// makes them orphans is that no OpenTofu state knows them. Each resource type the templates
/// create has a place in the order (what depends on a thing goes before it: services before their
/// cluster, listeners before their load balancer, the database before its subnet group, everything
/// before the security groups and roles it uses), and a kind the sweeper knows how to delete.
/// A type not listed here is never deleted: it is named for a person.
public enum SweepKind: String, Sendable, CaseIterable, Comparable {
    case ecsService = "ecs:service"
    case listenerRule = "elasticloadbalancing:listener-rule"
    case listener = "elasticloadbalancing:listener"
    case loadBalancer = "elasticloadbalancing:loadbalancer"
    case targetGroup = "elasticloadbalancing:targetgroup"
    case database = "rds:db"
    case dbSubnetGroup = "rds:subgrp"
    case eventRule = "events:rule"
    case taskDefinition = "ecs:task-definition"
    case cluster = "ecs:cluster"
    case alarm = "cloudwatch:alarm"
    case logGroup = "logs:log-group"
    case topic = "sns"
    case secret = "secretsmanager:secret"
    case securityGroup = "ec2:security-group"
    case role = "iam:role"

    /// The kind of an ARN's resource, nil for a type the sweeper does not delete.
    public init?(arn: String) {
        let type = OrphanReport.type(of: arn)
        if type.hasPrefix("sns:") { self = .topic; return }
        if type == "elasticloadbalancing:listener", arn.contains(":listener-rule/") { self = .listenerRule; return }
        guard let kind = SweepKind(rawValue: type) else { return nil }
        self = kind
    }

    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: SweepKind, b: SweepKind) -> Bool { a.order < b.order }

    /// Types the Resource Groups Tagging API does not list (IAM roles, EventBridge rules, DB subnet
    /// groups): found by the names the templates derive from the environment's name, and deleted
    /// only when their own tags say they are that environment's (`idp:environment`).
    public static let byName: [(kind: SweepKind, suffix: String)] = [
        (.role, "-execution"), (.role, "-task"), (.role, "-schedule"), (.eventRule, "-schedule"), (.dbSubnetGroup, "-db"),
    ]
}

/// One deletion of a sweep.
public struct SweepStep: Sendable, Equatable {
    public var kind: SweepKind
    /// The resource's ARN.
    public var resource: String
    public var environment: String

    public init(kind: SweepKind, resource: String, environment: String) {
        self.kind = kind
        self.resource = resource
        self.environment = environment
    }

    /// A resource's own name: the last `/` or `:` component of its ARN (a role's, a rule's, `sg-…`).
    public static func name(of arn: String) -> String {
        guard arn.hasPrefix("arn:") else { return arn }
        let resource = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? ""
        return String(resource.split(whereSeparator: { $0 == "/" || $0 == ":" }).last ?? "")
    }
}

/// The sweep of a report's orphans: what goes, in order, and what a person must remove.
public struct OrphanSweep: Sendable, Equatable {
    public var steps: [SweepStep]
    /// Orphans of a type the sweeper does not delete (ARN, why).
    public var byHand: [(arn: String, type: String)]

    /// Old enough orphans only (young ones may be a provision recording them right now).
    public init(report: OrphanReport) {
        var steps: [SweepStep] = [], byHand: [(String, String)] = []
        for orphan in report.orphans where !orphan.young {
            if let kind = SweepKind(arn: orphan.arn) {
                steps.append(SweepStep(kind: kind, resource: orphan.arn, environment: orphan.environment))
            } else {
                byHand.append((orphan.arn, orphan.type))
            }
        }
        self.steps = steps.sorted { ($0.kind, $0.environment, $0.resource) < ($1.kind, $1.environment, $1.resource) }
        self.byHand = byHand
    }

    /// Adds the resources found by name (after their tags were checked), keeping the order.
    public mutating func add(_ more: [SweepStep]) {
        steps = (steps + more).sorted { ($0.kind, $0.environment, $0.resource) < ($1.kind, $1.environment, $1.resource) }
    }

    /// The environments whose resources are old enough to sweep.
    public var environments: [String] { Array(Set(steps.map(\.environment))).sorted() }

    public static func == (a: OrphanSweep, b: OrphanSweep) -> Bool {
        a.steps == b.steps && a.byHand.map(\.arn) == b.byHand.map(\.arn)
    }
}
