import Foundation
import Testing
import TestSupport
@testable import IDPAWS
@testable import IDPCore

/// `idp-ttl sleep` and `wake` as processes against moto's ECS, RDS and EventBridge, on a pinned
/// clock: Saturday 10:00 and Monday 07:00 in Berlin, under `Mon-Fri 07:00-20:00 Europe/Berlin`.
@Suite(.enabled(if: Moto.available)) struct SleepToolTests {
    let bucket = Moto.uniqueName("state")
    let suffix = Moto.uniqueName("x").suffix(6).lowercased()
    let client: AWSClient
    let s3: S3Client
    static let saturday = "2026-11-28T09:00:00Z", monday = "2026-11-30T06:00:00Z"

    var api: String { "preview-api\(suffix)" }
    var worker: String { "preview-job\(suffix)" }
    var awake: String { "preview-on\(suffix)" }

    init() throws {
        client = AWSClient(configuration: try AWSConfiguration.fromEnvironment(Moto.environment))
        s3 = S3Client(client: client, bucket: bucket)
        _ = try client.send(s3.request("PUT"), service: .s3, operation: "s3:CreateBucket")
    }

    static let platform = """
        aws_region: us-east-1
        role_arn: arn:aws:iam::123456789012:role/idp
        state_bucket: acme-idp-state
        ecr_repository: mini-idp-preview
        tofu_version: 1.10.6
        sleep:
          awake:
            - Mon-Fri 07:00-20:00 Europe/Berlin
        """

    func run(_ args: [String], at now: String = Self.saturday) throws -> ToolRun {
        try ToolProcess.run("idp-ttl", args, environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "IDP_NOW": now, "GITHUB_ACTOR": "walt",
            "GITHUB_REPOSITORY": "acme/shop", "IDP_PLATFORM_REPOSITORY": "acme/mini-idp",
            "IDP_PLATFORM_SETTINGS": try PullRequestControlsToolTests.file("platform.yml", Self.platform),
            "TZDIR": ToolProcess.packageRoot.appendingPathComponent("Tests/IDPCoreTests/Fixtures/zoneinfo").path,
        ].merging(args.first == "sleep" ? PlatformRun.environment(workflow: "sleep.yml") : [:]) { $1 }) { $1 })
    }

    /// What the templates would have created, named as their modules name it.
    func environments() throws {
        for (name, template, extra) in [(api, "api-database", [String]()), (worker, "scheduled-worker", ["--schedule", "rate(1 hour)"]),
                                        (awake, "api-service", ["--config", try PullRequestControlsToolTests.file("config.yml", "sleep: false\n")])] {
            let created = try run(["create", "--environment", name, "--template", template, "--ttl", "7d", "--branch", "feature/\(name)"] + extra,
                                  at: "2026-11-27T09:00:00Z")
            #expect(created.status == 0, "\(created.stderr)")
            #expect(try run(["mark", "--environment", name, "--status", "active"], at: "2026-11-27T09:00:00Z").status == 0)
        }
        for name in [api, awake] {
            _ = try client.callJSON(.ecs, version: "1.1", target: "AmazonEC2ContainerServiceV20141113.CreateCluster", .object(["clusterName": .string("\(name)-cluster")]))
            _ = try client.callJSON(.ecs, version: "1.1", target: "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", .object([
                "family": .string(name), "containerDefinitions": .array([.object(["name": .string("app"), "image": .string("nginx"), "memory": .int(512)])]),
            ]))
            _ = try client.callJSON(.ecs, version: "1.1", target: "AmazonEC2ContainerServiceV20141113.CreateService", .object([
                "cluster": .string("\(name)-cluster"), "serviceName": .string(name), "taskDefinition": .string(name), "desiredCount": .int(2),
            ]))
        }
        _ = try client.callQuery(.rds, version: "2014-10-31", action: "CreateDBInstance", [
            ("DBInstanceIdentifier", "\(api)-db"), ("DBInstanceClass", "db.t4g.micro"), ("Engine", "postgres"), ("AllocatedStorage", "20"),
            ("MasterUsername", "app"), ("MasterUserPassword", "not-a-real-secret-1"),
        ])
        _ = try client.callQuery(.cloudwatch, version: "2010-08-01", action: "PutMetricAlarm", [
            ("AlarmName", "\(api)-running-tasks"), ("MetricName", "RunningTaskCount"), ("Namespace", "ECS/ContainerInsights"),
            ("Statistic", "Average"), ("Period", "60"), ("EvaluationPeriods", "1"), ("Threshold", "1"),
            ("ComparisonOperator", "LessThanThreshold"), ("ActionsEnabled", "true"), ("AlarmActions.member.1", "arn:aws:sns:us-east-1:123456789012:alarms"),
        ])
        _ = try client.callJSON(.events, version: "1.1", target: "AWSEvents.PutRule", .object([
            "Name": .string("\(worker)-schedule"), "ScheduleExpression": .string("rate(1 hour)"), "State": .string("ENABLED"),
        ]))
    }

    var ecs: ECSClient { ECSClient(client: client) }
    var rds: RDSClient { RDSClient(client: client) }
    var events: EventsClient { EventsClient(client: client) }

    func record(_ name: String) throws -> (json: JSONValue, etag: String) {
        let (body, etag) = try #require(try s3.get("environments/\(name)/metadata.json"))
        return (try JSONValue.parse(body), etag)
    }

    @Test func saturdaySleepsMondayRestoresExactlyWhatWasRecorded() throws {
        try environments()
        let slept = try run(["sleep"])
        #expect(slept.status == 0 && slept.outputs["slept"] == "2" && slept.outputs["unchanged"] == "1", "\(slept.stderr)\n\(slept.stdout)")
        #expect(slept.stdout.contains("sleep \(api): outside the awake hours, until Mon 07:00 Europe/Berlin"), "\(slept.stdout)")
        #expect(try ecs.desiredCount(cluster: "\(api)-cluster", service: api) == 0)
        #expect(try rds.status(of: "\(api)-db") == "stopped")
        #expect(try events.state(of: "\(worker)-schedule") == "DISABLED")
        #expect(try CloudWatchClient(client: client).actionsEnabled(["\(api)-running-tasks"]) == ["\(api)-running-tasks": false],
                "fewer tasks than desired would page someone all night")
        #expect(try ecs.desiredCount(cluster: "\(awake)-cluster", service: awake) == 2, "sleep: false stays awake")
        let asleep = try record(api)
        #expect(asleep.json["status"]?.stringValue == "sleeping")
        #expect(asleep.json["sleep"]?["services"]?["\(api)-cluster/\(api)"] == .number(2) && asleep.json["sleep"]?["database"]?.stringValue == "\(api)-db")
        #expect(try record(worker).json["sleep"]?["rule"]?.stringValue == "\(worker)-schedule")
        #expect(try record(awake).json["status"]?.stringValue == "active")

        let again = try run(["sleep"], at: "2026-11-28T21:00:00Z")
        #expect(again.outputs["slept"] == "0" && again.outputs["woken"] == "0" && again.outputs["unchanged"] == "3", "\(again.stdout)")
        #expect(try record(api).etag == asleep.etag, "a second run wrote the record")

        let woken = try run(["sleep"], at: Self.monday)
        #expect(woken.outputs["woken"] == "2", "\(woken.stdout)\n\(woken.stderr)")
        #expect(try ecs.desiredCount(cluster: "\(api)-cluster", service: api) == 2)
        #expect(try rds.status(of: "\(api)-db") == "available")
        #expect(try events.state(of: "\(worker)-schedule") == "ENABLED")
        #expect(try CloudWatchClient(client: client).actionsEnabled(["\(api)-running-tasks"]) == ["\(api)-running-tasks": true])
        let awakeAgain = try record(api).json
        #expect(awakeAgain["status"]?.stringValue == "active" && awakeAgain["sleep"] == .null)
        #expect(awakeAgain["slept_seconds"] == .number(45 * 3_600) && awakeAgain["slept_month"]?.stringValue == "2026-11")
    }

    @Test func aPushWakesASleepingEnvironmentAndAWSRestartsAreUndone() throws {
        try environments()
        #expect(try run(["sleep"]).outputs["slept"] == "2")
        // AWS starts a stopped instance by itself after 7 days: the next run stops it again.
        try rds.start("\(api)-db")
        let later = try run(["sleep"], at: "2026-12-05T10:00:00Z")
        #expect(later.stdout.contains("stopped database \(api)-db (AWS restarts a stopped instance after 7 days)"), "\(later.stdout)")
        #expect(try rds.status(of: "\(api)-db") == "stopped")
        let woke = try run(["wake", "--environment", api], at: "2026-12-05T10:05:00Z")
        #expect(woke.status == 0 && woke.outputs["woke"] == "true", "\(woke.stderr)")
        #expect(try ecs.desiredCount(cluster: "\(api)-cluster", service: api) == 2 && rds.status(of: "\(api)-db") == "available")
        #expect(try record(api).json["status"]?.stringValue == "active")
        let awakeAlready = try run(["wake", "--environment", api], at: "2026-12-05T10:06:00Z")
        #expect(awakeAlready.outputs["woke"] == "false")
    }

    /// An environment whose apply never created its cluster (or whose resources went by hand).
    @Test func missingResourcesAreNothingToStop() throws {
        #expect(try run(["create", "--environment", "preview-gone\(suffix)", "--ttl", "7d", "--branch", "feature/gone"], at: "2026-11-27T09:00:00Z").status == 0)
        #expect(try run(["mark", "--environment", "preview-gone\(suffix)", "--status", "active"], at: "2026-11-27T09:00:00Z").status == 0)
        let slept = try run(["sleep", "--environment", "preview-gone\(suffix)"])
        #expect(slept.status == 0 && slept.outputs["slept"] == "1", "\(slept.stderr)")
        #expect(try record("preview-gone\(suffix)").json["sleep"]?["services"] == .object([:]))
    }

    @Test func onlyThePlatformPutsEnvironmentsToSleep() throws {
        let refused = try ToolProcess.run("idp-ttl", ["sleep"], environment: Moto.environment.merging([
            "GITHUB_ACTIONS": "true", "IDP_STATE_BUCKET": bucket, "GITHUB_REPOSITORY": "acme/shop", "IDP_PLATFORM_REPOSITORY": "acme/mini-idp",
        ]) { $1 })
        #expect(refused.status == 3 && refused.stderr.contains("[tenancy.not-platform]"), "\(refused.stderr)")
    }

    @Test func anUnknownZoneIsNamed() throws {
        let bad = Self.platform.replacing("Europe/Berlin", with: "Europe/Atlantis")
        let refused = try ToolProcess.run("idp-ttl", ["sleep", "--platform", try PullRequestControlsToolTests.file("platform.yml", bad)],
                                          environment: Moto.environment.merging(["IDP_STATE_BUCKET": bucket]) { $1 })
        #expect(refused.status == 1 && refused.stderr.contains(#"time zone "Europe/Atlantis" is not in the IANA time zone database"#), "\(refused.stderr)")
    }
}
