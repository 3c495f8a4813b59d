import TemplateSupport
import Foundation
import Testing
@testable import IDPCore
import TestSupport

/// Each template's estimate against a figure computed by hand from the us-east-1 list prices in
/// `Prices.builtIn` (the arithmetic is in each test's comment), and the schedule's runs per day.
@Suite struct CostEstimateTests {
    /// cpu_architecture: ARM64 prices the tasks at Fargate's ARM figures, and says so; the rest is unchanged.
    @Test func arm64TasksUseTheARMFargateFigures() {
        var settings = PlatformSettings()
        settings.awsRegion = "us-east-1"
        settings.cpuArchitecture = .arm64
        let (prices, basis) = settings.prices
        #expect(prices.fargateVCPUHour == 0.03238 && prices.fargateGBHour == 0.00356 && basis == "us-east-1 list prices, ARM64 tasks")
        let arm = CostEstimate(template: .apiService, cpu: 256, memory: 512, prices: prices)
        let x86 = CostEstimate(template: .apiService, cpu: 256, memory: 512, prices: Prices.forRegion("us-east-1").prices)
        // 0.25 vCPU and 0.5 GB: 0.0101200 + 0.0022225 on x86, 0.0080950 + 0.0017800 on ARM.
        #expect(abs((x86.perHour - arm.perHour) - (0.0123425 - 0.009875)) < 1e-12)
        settings.pricing = ["fargate_arm_vcpu_hour": 0.03, "fargate_vcpu_hour": 0.05]
        #expect(settings.prices.prices.fargateVCPUHour == 0.03, "the ARM override applies to ARM64 tasks, the x86 one does not")
    }

    let prices = Prices.forRegion("us-east-1").prices
    let hoursPerMonth = 730.0

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    /// Container Insights: 31 custom metrics (10 cluster, 13 service, 8 task family) × $0.30 a month.
    static let insights = 31 * 0.30

    @Test func apiServiceWithItsOwnLoadBalancer() {
        // Fargate 0.25 × 0.04048 + 0.5 × 0.004445 = 0.0123425; ALB 0.0225 + 2 public IPv4 × 0.005 = 0.0325;
        // 4 alarm metrics (the 5xx rate's metric math reads two) × $0.10 a month; Container Insights.
        let estimate = CostEstimate(template: .apiService, cpu: 256, memory: 512, prices: prices)
        #expect(close(estimate.perHour, 0.0123425 + 0.0325 + (0.4 + Self.insights) / hoursPerMonth))
        #expect(Money.text(estimate.perDay) == "$1.40")
        let without = CostEstimate(template: .apiService, cpu: 256, memory: 512, containerInsights: false, prices: prices)
        #expect(close(without.perHour, 0.0123425 + 0.0325 + 0.4 / hoursPerMonth), "container_insights = false")
    }

    @Test func apiServiceOnTheSharedLoadBalancerPaysNoLoadBalancer() {
        let estimate = CostEstimate(template: .apiService, cpu: 256, memory: 512, sharedLoadBalancer: true, prices: prices)
        #expect(close(estimate.perHour, 0.0123425 + (0.4 + Self.insights) / hoursPerMonth))
        #expect(Money.text(estimate.perDay) == "$0.62")
    }

    @Test func apiDatabaseAddsTheInstanceStorageAndSecret() {
        // + db.t4g.micro 0.016 an hour, 20 GB gp3 × $0.115 a month, 1 secret × $0.40 a month, 6 alarm metrics.
        let estimate = CostEstimate(template: .apiDatabase, cpu: 512, memory: 1024, prices: prices)
        let fargate = 0.5 * 0.04048 + 1 * 0.004445
        #expect(close(estimate.perHour, fargate + 0.0325 + 0.016 + (20 * 0.115 + 0.40 + 0.6 + Self.insights) / hoursPerMonth))
        #expect(Money.text(estimate.perDay) == "$2.17")
        #expect(close(estimate.perMonth, 0.073185 * 730 + 3.3 + Self.insights))  // $66.03 a month
    }

    @Test func scheduledWorkerPaysOnlyForItsRuns() throws {
        // rate(1 hour): 24 runs a day × 5 minutes = 2 task-hours a day of 0.0123425; the cluster's 10
        // Container Insights metrics all day, the task family's 8 for 2 hours of 24.
        let schedule = try ScheduleExpression.parse("rate(1 hour)")
        let estimate = CostEstimate(template: .scheduledWorker, cpu: 256, memory: 512, schedule: schedule, prices: prices)
        #expect(close(estimate.perDay, 2 * 0.0123425 + (10 + 8 * 2.0 / 24) * 0.30 / hoursPerMonth * 24))
        #expect(Money.text(estimate.perDay) == "$0.13")
    }

    @Test func untilExpiryCountsTheHoursLeft() {
        let estimate = CostEstimate(template: .apiService, cpu: 256, memory: 512, sharedLoadBalancer: true, prices: prices)
        let now = Timestamp(iso8601: "2026-11-22T09:30:00Z")!
        #expect(close(estimate.until(now.adding(seconds: 5 * 86400), now: now), 5 * 24 * estimate.perHour))
        #expect(estimate.until(now.adding(seconds: -60), now: now) == 0)
    }

    static let schedules: [(String, Double)] = [
        ("rate(5 minutes)", 288), ("rate(1 day)", 1), ("rate(2 hours)", 12),
        ("cron(0 12 * * ? *)", 1), ("cron(0/15 * * * ? *)", 96), ("cron(15 10 ? * MON-FRI *)", 5.0 / 7),
        ("cron(0 8,20 ? * 2#1 *)", 2.0 / 7), ("cron(0 9-17 * JAN-MAR ? *)", 2.25),
    ]

    @Test(arguments: schedules)
    func runsPerDay(_ text: String, _ expected: Double) throws {
        #expect(close(try ScheduleExpression.parse(text).runsPerDay, expected), "\(text)")
    }

    @Test func unknownRegionsFallBackToUsEast1AndSaySo() {
        let (fallback, basis) = Prices.forRegion("ap-south-2")
        #expect(fallback == prices && basis.contains("us-east-1") && basis.contains("ap-south-2"))
        #expect(Prices.forRegion("us-west-2").basis == "us-west-2 list prices")
    }

    @Test func overridesReplaceSingleFigures() {
        var overridden = prices
        overridden.apply(["fargate_vcpu_hour": 0.05, "rds_instance_hour.db.t4g.micro": 0.02])
        #expect(overridden.fargateVCPUHour == 0.05 && overridden.rdsInstanceHour["db.t4g.micro"] == 0.02)
        #expect(overridden.loadBalancerHour == prices.loadBalancerHour)
    }

    @Test func moneyIsRoundedToCents() {
        #expect(Money.text(1.844) == "$1.84" && Money.text(1.846) == "$1.85" && Money.text(12345.6) == "$12,345.60")
        #expect(Money.text(0.004) == "under $0.01" && Money.text(0) == "$0.00")
    }

    /// The table of what each template costs in docs/operations.md is what the code computes.
    @Test func theDocumentedTableIsWhatTheCodeComputes() throws {
        let page = try String(contentsOf: ToolProcess.packageRoot.appendingPathComponent("docs/operations.md"), encoding: .utf8)
        func day(_ template: Template, shared: Bool) -> String {
            Money.text(CostEstimate(template: template.declaration, cpu: 256, memory: 512, sharedLoadBalancer: shared, prices: prices).perDay)
        }
        func month(_ template: Template) -> String {
            Money.text(CostEstimate(template: template.declaration, cpu: 256, memory: 512, prices: prices).perMonth)
        }
        let worker = CostEstimate(template: .scheduledWorker, cpu: 256, memory: 512, schedule: try ScheduleExpression.parse("rate(1 hour)"), prices: prices)
        for row in [
            "| api-service, 256 CPU / 512 MiB | \(day(.apiService, shared: false)) a day (\(month(.apiService)) a month) | \(day(.apiService, shared: true)) a day |",
            "| api-database, 256 / 512, db.t4g.micro, 20 GB | \(day(.apiDatabase, shared: false)) a day (\(month(.apiDatabase)) a month) | \(day(.apiDatabase, shared: true)) a day |",
            "| scheduled-worker, 256 / 512, `rate(1 hour)` | — | — (\(Money.text(worker.perDay)) a day) |",
            "| static-site (no tasks; its `cost.fixed_monthly` of $0.05 for storage) | — | — (\(day(ShippedTemplates.named("static-site"), shared: false)) a day; CloudFront's traffic is not estimated) |",
        ] { #expect(page.contains(row), "docs/operations.md lacks: \(row)") }
    }

    /// Each cell of the table by region in docs/operations.md, computed by hand from the cited figures (vCPU
    /// and GB hours, ALB hour, IPv4 hour, db.t4g.micro hour, gp3 GB-month; $0.10 an alarm metric,
    /// $0.30 a custom metric, $0.40 a secret, a 730-hour month) and by the code: they agree, and the
    /// page shows them.
    @Test func theRegionTableIsComputedByHand() throws {
        let page = try String(contentsOf: ToolProcess.packageRoot.appendingPathComponent("docs/operations.md"), encoding: .utf8)
        let figures: [(region: String, vcpu: Double, gb: Double, alb: Double, ipv4: Double, db: Double, storage: Double)] = [
            ("us-east-1", 0.04048, 0.004445, 0.0225, 0.005, 0.016, 0.115),
            ("eu-west-1", 0.04048, 0.004445, 0.0252, 0.005, 0.017, 0.127),
            ("eu-central-1", 0.04656, 0.00511, 0.027, 0.005, 0.019, 0.137),
        ]
        for f in figures {
            let task = 0.25 * f.vcpu + 0.5 * f.gb
            let insights = 31 * 0.30 / 730
            let api = (task + f.alb + 2 * f.ipv4 + 4 * 0.10 / 730 + insights) * 24
            let database = (task + f.alb + 2 * f.ipv4 + 6 * 0.10 / 730 + insights + f.db + (20 * f.storage + 0.40) / 730) * 24
            let worker = (task * 2 / 24 + (10 + 8 * 2.0 / 24) * 0.30 / 730) * 24  // 24 runs of 5 minutes a day
            let prices = Prices.forRegion(f.region).prices
            #expect(close(CostEstimate(template: .apiService, cpu: 256, memory: 512, prices: prices).perDay, api), "\(f.region)")
            #expect(close(CostEstimate(template: .apiDatabase, cpu: 256, memory: 512, prices: prices).perDay, database), "\(f.region)")
            #expect(close(CostEstimate(template: .scheduledWorker, cpu: 256, memory: 512, schedule: try ScheduleExpression.parse("rate(1 hour)"),
                                       prices: prices).perDay, worker), "\(f.region)")
            let row = "| \(f.region) | \(Money.text(api)) | \(Money.text(database)) | \(Money.text(worker)) |"
            #expect(page.contains(row), "docs/operations.md lacks: \(row)")
        }
        #expect(Money.text((0.25 * 0.04048 + 0.5 * 0.004445 + 0.0225 + 0.01 + 0.4 / 730 + 9.3 / 730) * 24) == "$1.40", "us-east-1 api-service, by hand")
    }

    /// The platform's shared parts, once: one NAT gateway and its address, and the shared load
    /// balancer with its two when there is a preview domain.
    @Test func theOverheadIsThePlatformsNotAnEnvironments() {
        var settings = PlatformSettings()
        settings.awsRegion = "us-east-1"
        #expect(close(settings.overheadPerDay.dollars, (0.045 + 0.005) * 24) && settings.overheadPerDay.parts == "the NAT gateway and its address")
        settings.previewDomain = "preview.example.com"
        settings.natGateways = 2
        #expect(close(settings.overheadPerDay.dollars, (2 * (0.045 + 0.005) + 0.0225 + 0.01) * 24))
    }
}

@Suite struct OrphanReportTests {
    @Test func liveRecordsAndThePlatformsPartsAreNeverOrphans() {
        let now = Timestamp(iso8601: "2026-12-01T12:00:00Z")!
        let tags = { (env: String?) -> [String: String] in
            var t = ["idp:managed": "true", "idp:created-at": "2026-11-01T00:00:00Z"]
            if let env { t["idp:environment"] = env }
            return t
        }
        let report = OrphanReport(resources: [
            ("arn:aws:ecs:us-east-1:123456789012:cluster/a", tags("preview-a")),
            ("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/b/1", tags("preview-b")),
            ("arn:aws:rds:us-east-1:123456789012:db:c-db", tags("preview-c")),
            ("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1", tags(nil)),
            ("arn:aws:logs:us-east-1:123456789012:log-group:/idp/d", ["idp:environment": "preview-d"]),
        ], records: ["preview-a": .active, "preview-b": .destroyed, "preview-c": .sleeping], now: now, minimumAge: 86_400)
        #expect(report.orphans.map(\.environment) == ["preview-b"])
        #expect(report.orphans.first?.type == "elasticloadbalancing:loadbalancer" && report.orphans.first?.reason == "preview-b was destroyed")
        #expect(OrphanReport.type(of: "arn:aws:logs:us-east-1:1:log-group:/idp/x") == "logs:log-group" && OrphanReport.type(of: "nonsense") == "unknown")
    }
}
