import Testing
@testable import IDPCore

/// The order and the kinds of an orphan sweep, from a report's ARNs.
@Suite struct OrphanSweepTests {
    static let account = "arn:aws"
    static func resource(_ arn: String, _ environment: String = "preview-gone", age: String = "2026-11-01T00:00:00Z") -> (arn: String, tags: [String: String]) {
        (arn, ["idp:managed": "true", "idp:environment": environment, "idp:created-at": age])
    }

    @Test func everyTypeTheTemplatesTagHasItsPlaceAndDependentsGoFirst() {
        let arns = [
            "arn:aws:iam::123456789012:role/idp/preview-gone-task",
            "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123",
            "arn:aws:ecs:us-east-1:123456789012:cluster/preview-gone-cluster",
            "arn:aws:ecs:us-east-1:123456789012:service/preview-gone-cluster/preview-gone",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/preview-gone-tg/abc",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/preview-gone-alb/abc",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/idp-shared-alb/abc/def/ghi",
            "arn:aws:rds:us-east-1:123456789012:subgrp:preview-gone-db",
            "arn:aws:rds:us-east-1:123456789012:db:preview-gone-db",
            "arn:aws:sns:us-east-1:123456789012:preview-gone-alarms",
            "arn:aws:logs:us-east-1:123456789012:log-group:/idp/preview-gone",
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:preview-gone-cpu",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/preview-gone:3",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-preview-gone/db-AbCdEf",
            "arn:aws:events:us-east-1:123456789012:rule/preview-gone-schedule",
            "arn:aws:route53:::hostedzone/Z123",
        ]
        let report = OrphanReport(resources: arns.map { Self.resource($0) }, records: [:], now: Timestamp(iso8601: "2026-12-01T00:00:00Z")!, minimumAge: 86_400)
        let sweep = OrphanSweep(report: report)
        #expect(sweep.steps.map(\.kind) == [.ecsService, .listenerRule, .loadBalancer, .targetGroup, .database, .dbSubnetGroup, .eventRule,
                                            .taskDefinition, .cluster, .alarm, .logGroup, .topic, .secret, .securityGroup, .role])
        #expect(sweep.byHand.map(\.arn) == ["arn:aws:route53:::hostedzone/Z123"], "a type the sweep does not know is a person's")
    }

    @Test func youngLiveAndThePlatformsOwnAreNeverSwept() {
        let now = Timestamp(iso8601: "2026-12-01T00:00:00Z")!
        var platform = Self.resource("arn:aws:ec2:us-east-1:123456789012:security-group/sg-shared")
        platform.tags["idp:component"] = "platform"
        let report = OrphanReport(resources: [
            Self.resource("arn:aws:ecs:us-east-1:123456789012:cluster/young-cluster", "preview-young", age: "2026-11-30T23:00:00Z"),
            Self.resource("arn:aws:ecs:us-east-1:123456789012:cluster/live-cluster", "preview-live"),
            Self.resource("arn:aws:ecs:us-east-1:123456789012:cluster/gone-cluster", "preview-gone"),
            platform,
        ], records: ["preview-live": .active], now: now, minimumAge: 86_400)
        #expect(OrphanSweep(report: report).steps.map(\.resource) == ["arn:aws:ecs:us-east-1:123456789012:cluster/gone-cluster"])
        #expect(OrphanSweep(report: report).environments == ["preview-gone"])
    }

    @Test func aResourcesOwnNameIsItsLastComponent() {
        #expect(SweepStep.name(of: "arn:aws:iam::123456789012:role/idp/preview-gone-task") == "preview-gone-task")
        #expect(SweepStep.name(of: "arn:aws:rds:us-east-1:123456789012:subgrp:preview-gone-db") == "preview-gone-db")
        #expect(SweepStep.name(of: "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123") == "sg-0123")
        #expect(SweepKind.byName.allSatisfy { entry in EnvironmentName.derivedNames.values.contains { $0.contains(entry.suffix) } },
                "what is found by name is a name the templates derive")
    }
}
