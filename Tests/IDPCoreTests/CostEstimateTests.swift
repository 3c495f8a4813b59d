import Foundation
import Testing
@testable import IDPCore
import TestSupport

/// Each template's estimate against a figure computed by hand from the us-east-1 list prices in
/// `Prices.builtIn` (the arithmetic is in each test's comment), and the schedule's runs per day.
@Suite struct CostEstimateTests {
    let prices = Prices.forRegion("us-east-1").prices
    let hoursPerMonth = 730.0

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    @Test func apiServiceWithItsOwnLoadBalancer() {
        // Fargate 0.25 × 0.04048 + 0.5 × 0.004445 = 0.0123425; ALB 0.0225 + 2 public IPv4 × 0.005 = 0.0325;
        // 3 alarms × $0.10 a month.
        let estimate = CostEstimate(template: .apiService, cpu: 256, memory: 512, prices: prices)
        #expect(close(estimate.perHour, 0.0123425 + 0.0325 + 0.3 / hoursPerMonth))
        #expect(Money.text(estimate.perDay) == "$1.09")
    }

    @Test func apiServiceOnTheSharedLoadBalancerPaysNoLoadBalancer() {
        let estimate = CostEstimate(template: .apiService, cpu: 256, memory: 512, sharedLoadBalancer: true, prices: prices)
        #expect(close(estimate.perHour, 0.0123425 + 0.3 / hoursPerMonth))
        #expect(Money.text(estimate.perDay) == "$0.31")
    }

    @Test func apiDatabaseAddsTheInstanceStorageAndSecret() {
        // + db.t4g.micro 0.016 an hour, 20 GB gp2 × $0.115 a month, 1 secret × $0.40 a month, 5 alarms.
        let estimate = CostEstimate(template: .apiDatabase, cpu: 512, memory: 1024, prices: prices)
        let fargate = 0.5 * 0.04048 + 1 * 0.004445
        #expect(close(estimate.perHour, fargate + 0.0325 + 0.016 + (20 * 0.115 + 0.40 + 0.5) / hoursPerMonth))
        #expect(Money.text(estimate.perDay) == "$1.86")
        #expect(close(estimate.perMonth, 0.073185 * 730 + 3.2))  // $56.63 a month
    }

    @Test func scheduledWorkerPaysOnlyForItsRuns() throws {
        // rate(1 hour): 24 runs a day × 5 minutes = 2 task-hours a day of 0.0123425.
        let schedule = try ScheduleExpression.parse("rate(1 hour)")
        let estimate = CostEstimate(template: .scheduledWorker, cpu: 256, memory: 512, schedule: schedule, prices: prices)
        #expect(close(estimate.perDay, 2 * 0.0123425))
        #expect(Money.text(estimate.perDay) == "$0.02")
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

    /// The README's table of what each template costs is what the code computes.
    @Test func theReadmeTableIsWhatTheCodeComputes() throws {
        let readme = try String(contentsOf: ToolProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        func day(_ template: Template, shared: Bool) -> String {
            Money.text(CostEstimate(template: template, cpu: 256, memory: 512, sharedLoadBalancer: shared, prices: prices).perDay)
        }
        func month(_ template: Template) -> String {
            Money.text(CostEstimate(template: template, cpu: 256, memory: 512, prices: prices).perMonth)
        }
        let worker = CostEstimate(template: .scheduledWorker, cpu: 256, memory: 512, schedule: try ScheduleExpression.parse("rate(1 hour)"), prices: prices)
        for row in [
            "| api-service, 256 CPU / 512 MiB | \(day(.apiService, shared: false)) a day (\(month(.apiService)) a month) | \(day(.apiService, shared: true)) a day |",
            "| api-database, 256 / 512, db.t4g.micro, 20 GB | \(day(.apiDatabase, shared: false)) a day (\(month(.apiDatabase)) a month) | \(day(.apiDatabase, shared: true)) a day |",
            "| scheduled-worker, 256 / 512, `rate(1 hour)` | — | — (\(Money.text(worker.perDay)) a day) |",
        ] { #expect(readme.contains(row), "README lacks: \(row)") }
    }
}
