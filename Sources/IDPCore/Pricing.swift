/// List prices the cost estimates use, per region, in US dollars.
///
/// Sources (on-demand, Linux/x86, single-AZ), as published on the AWS pricing pages and last read
/// in June 2025, the RDS figures rechecked per engine in December 2026 against copies of AWS's
/// price-list offer files (AmazonRDS offer 20260904172716 as vendored by mooncitizen/togen,
/// `internal/cost/prices/aws.json`; db.t3 PostgreSQL rows as in vantage-sh/ec2instances.info,
/// `www/rds/instances.json`); this repository has no network to re-read them, so `platform.yml`'s
/// `pricing:` section overrides any figure (`Prices.apply`):
/// - Fargate: https://aws.amazon.com/fargate/pricing/ (per vCPU-hour and per GB-hour), x86 and
///   ARM (Graviton, `cpu_architecture: ARM64`): us-east-1 0.03238 and 0.00356 (ARM) against
///   0.04048 and 0.004445, a fifth less, as in the other regions listed (eu-central-1 0.03725, 0.00409)
/// - Application Load Balancer: https://aws.amazon.com/elasticloadbalancing/pricing/ (per hour; LCUs
///   depend on traffic and are not counted)
/// - Public IPv4 addresses (an ALB has one per AZ, two here) and NAT gateways:
///   https://aws.amazon.com/vpc/pricing/ (per hour; data processing is not counted)
/// - RDS for PostgreSQL instances and gp3 storage (the module sets no storage type, so AWS makes
///   gp3): https://aws.amazon.com/rds/postgresql/pricing/ — PostgreSQL, not MySQL: a db.t3.micro
///   is 0.020 in eu-west-1 for PostgreSQL and 0.018 for MySQL. Only classes whose PostgreSQL figure
///   was found are listed; eu-west-1's and eu-central-1's gp3 figures equal their gp2 ones, as gp3
///   and gp2 do in every region where both were read (us-east-1 0.115, eu-west-2 0.133).
/// - Secrets Manager: https://aws.amazon.com/secrets-manager/pricing/ (per secret-month)
/// - CloudWatch standard-resolution alarms: https://aws.amazon.com/cloudwatch/pricing/, billed "per
///   alarm metric month" (a metric-math alarm over two metrics is two); custom metrics (what ECS
///   Container Insights publishes) per metric-month, $0.30 for the first 10,000.
public struct Prices: Sendable, Equatable {
    public var fargateVCPUHour: Double
    public var fargateGBHour: Double
    /// Fargate on ARM64 (Graviton), for `cpu_architecture: ARM64`.
    public var fargateARMVCPUHour: Double
    public var fargateARMGBHour: Double
    public var loadBalancerHour: Double
    public var publicIPv4Hour: Double
    public var natGatewayHour: Double
    /// PostgreSQL, single-AZ, by instance class.
    public var rdsInstanceHour: [String: Double]
    public var rdsStorageGBMonth: Double
    public var secretMonth: Double
    public var alarmMonth: Double
    public var customMetricMonth: Double = 0.30
    /// How long one run of a scheduled worker is assumed to take (no run has been measured yet).
    public var workerRunMinutes: Double = 5

    /// AWS's pricing month.
    public static let hoursPerMonth = 730.0

    /// us-east-1, us-east-2 and us-west-2 share these list prices.
    static let usEast1 = Prices(
        fargateVCPUHour: 0.04048, fargateGBHour: 0.004445, fargateARMVCPUHour: 0.03238, fargateARMGBHour: 0.00356, loadBalancerHour: 0.0225, publicIPv4Hour: 0.005,
        natGatewayHour: 0.045,
        rdsInstanceHour: ["db.t4g.micro": 0.016, "db.t4g.medium": 0.065, "db.t3.micro": 0.018, "db.t3.small": 0.036],
        rdsStorageGBMonth: 0.115, secretMonth: 0.40, alarmMonth: 0.10)

    public static let builtIn: [String: Prices] = [
        "us-east-1": usEast1, "us-east-2": usEast1, "us-west-2": usEast1,
        "eu-west-1": Prices(
            fargateVCPUHour: 0.04048, fargateGBHour: 0.004445, fargateARMVCPUHour: 0.03238, fargateARMGBHour: 0.00356, loadBalancerHour: 0.0252, publicIPv4Hour: 0.005,
            natGatewayHour: 0.048,
            rdsInstanceHour: ["db.t4g.micro": 0.017, "db.t4g.medium": 0.069, "db.t3.micro": 0.020, "db.t3.small": 0.039],
            rdsStorageGBMonth: 0.127, secretMonth: 0.40, alarmMonth: 0.10),
        "eu-central-1": Prices(
            fargateVCPUHour: 0.04656, fargateGBHour: 0.00511, fargateARMVCPUHour: 0.03725, fargateARMGBHour: 0.00409, loadBalancerHour: 0.027, publicIPv4Hour: 0.005,
            natGatewayHour: 0.052,
            rdsInstanceHour: ["db.t4g.micro": 0.019, "db.t4g.medium": 0.074, "db.t3.micro": 0.021, "db.t3.small": 0.042],
            rdsStorageGBMonth: 0.137, secretMonth: 0.40, alarmMonth: 0.10),
    ]

    /// The region's prices and a label saying which they are; a region without a table gets
    /// us-east-1's, and the label says so.
    public static func forRegion(_ region: String?) -> (prices: Prices, basis: String) {
        if let region, let prices = builtIn[region] { return (prices, "\(region) list prices") }
        return (usEast1, "us-east-1 list prices (none for \(region ?? "an unknown region"))")
    }

    /// The `pricing:` keys of `platform.yml`; an instance class is `rds_instance_hour.<class>`.
    public static let overrideKeys = [
        "fargate_vcpu_hour", "fargate_gb_hour", "fargate_arm_vcpu_hour", "fargate_arm_gb_hour", "load_balancer_hour", "public_ipv4_hour", "nat_gateway_hour",
        "rds_storage_gb_month", "secret_month", "alarm_month", "custom_metric_month", "worker_run_minutes",
    ]
    public static let instancePrefix = "rds_instance_hour."

    /// These prices for tasks of `architecture`: on ARM64 the Fargate figures are the ARM ones,
    /// so every estimate (which reads `fargateVCPUHour` and `fargateGBHour`) follows the tasks.
    public func forTasks(_ architecture: CPUArchitecture) -> Prices {
        guard architecture == .arm64 else { return self }
        var prices = self
        prices.fargateVCPUHour = fargateARMVCPUHour
        prices.fargateGBHour = fargateARMGBHour
        return prices
    }

    /// Replaces the figures `overrides` names (keys as in `overrideKeys`, already checked).
    public mutating func apply(_ overrides: [String: Double]) {
        for (key, value) in overrides {
            switch key {
            case "fargate_vcpu_hour": fargateVCPUHour = value
            case "fargate_gb_hour": fargateGBHour = value
            case "fargate_arm_vcpu_hour": fargateARMVCPUHour = value
            case "fargate_arm_gb_hour": fargateARMGBHour = value
            case "load_balancer_hour": loadBalancerHour = value
            case "public_ipv4_hour": publicIPv4Hour = value
            case "nat_gateway_hour": natGatewayHour = value
            case "rds_storage_gb_month": rdsStorageGBMonth = value
            case "secret_month": secretMonth = value
            case "alarm_month": alarmMonth = value
            case "custom_metric_month": customMetricMonth = value
            case "worker_run_minutes": workerRunMinutes = value
            default:
                if key.hasPrefix(Self.instancePrefix) { rdsInstanceHour[String(key.dropFirst(Self.instancePrefix.count))] = value }
            }
        }
    }
}

/// What one environment costs while it exists, from its template's fixed parts: an estimate
/// (list prices, no traffic-dependent charges: load-balancer capacity units, NAT data, log
/// ingestion), said to be one wherever it is shown.
public struct CostEstimate: Sendable, Equatable {
    public var perHour: Double
    /// The part of `perHour` that sleep stops (platform.yml `sleep:`): Fargate tasks, the RDS
    /// instance hours, a worker's runs. The load balancer, storage, addresses and alarms still cost.
    public var sleepablePerHour: Double = 0
    public var perDay: Double { perHour * 24 }
    public var perMonth: Double { perHour * Prices.hoursPerMonth }

    public init(perHour: Double, sleepablePerHour: Double = 0) {
        self.perHour = perHour
        self.sleepablePerHour = sleepablePerHour
    }

    /// The estimate of an environment awake `awakeFraction` of the week (nil: always awake).
    public func awake(_ awakeFraction: Double?) -> CostEstimate {
        guard let awakeFraction else { return self }
        return CostEstimate(perHour: perHour - sleepablePerHour * (1 - min(max(awakeFraction, 0), 1)), sleepablePerHour: sleepablePerHour)
    }

    /// Metrics ECS Container Insights (standard, on by default: `container_insights`) publishes
    /// for one Fargate cluster, service and task family, billed as custom metrics (the "Amazon ECS
    /// Container Insights metrics" table of the CloudWatch user guide): 10 by ClusterName, 13 by
    /// ServiceName and ClusterName, 8 by TaskDefinitionFamily and ClusterName.
    public static let containerInsightsMetrics = (cluster: 10.0, service: 13.0, taskFamily: 8.0)

    /// The estimate of one environment of the template `declared` (its workload, load balancer and
    /// `cost:`), with the config's task size and schedule.
    public init(template declared: TemplateDeclaration, cpu: Int, memory: Int, schedule: ScheduleExpression? = nil,
                sharedLoadBalancer: Bool = false, containerInsights: Bool = true, prices: Prices) {
        let vcpus = Double(cpu) / 1024, gigabytes = Double(memory) / 1024
        let task: Double = vcpus * prices.fargateVCPUHour + gigabytes * prices.fargateGBHour
        let cost = declared.cost
        var hourly: Double = (Double(cost.alarmMetrics) * prices.alarmMonth + cost.fixedMonthly) / Prices.hoursPerMonth
        let metricHour = prices.customMetricMonth / Prices.hoursPerMonth
        let insights = Self.containerInsightsMetrics
        var sleepable = 0.0
        // An ALB of its own sits in two public subnets: one public IPv4 address per AZ.
        if declared.loadBalancer, !sharedLoadBalancer { hourly += prices.loadBalancerHour + 2 * prices.publicIPv4Hour }
        if let database = cost.database {
            let instance: Double = prices.rdsInstanceHour[database.instanceClass] ?? 0
            let monthly: Double = database.storageGB * prices.rdsStorageGBMonth + Double(database.secrets) * prices.secretMonth
            hourly += instance + monthly / Prices.hoursPerMonth
            sleepable += instance
        }
        switch declared.workload {
        case .service:
            hourly += task
            sleepable += task
            if containerInsights { hourly += (insights.cluster + insights.service + insights.taskFamily) * metricHour }
        case .none:
            break
        case .scheduled:
            // Tasks run only on schedule: runs a day × the assumed run time, spread over the day.
            let runsPerDay: Double = schedule?.runsPerDay ?? 0
            let taskHoursPerDay: Double = runsPerDay * prices.workerRunMinutes / 60
            hourly += task * taskHoursPerDay / 24
            sleepable += task * taskHoursPerDay / 24
            // Cluster metrics all the time; the task family's only while a task runs (billed by the hour with data).
            if containerInsights { hourly += (insights.cluster + insights.taskFamily * min(1, taskHoursPerDay / 24)) * metricHour }
        }
        perHour = hourly
        sleepablePerHour = sleepable
    }

    /// A database class the prices do not know, said instead of priced at nothing: an estimate of
    /// zero would pass every monthly cap.
    public static func unpriced(_ template: Template, prices: Prices, basis: String) -> Diagnostic? {
        guard let database = template.declaration.cost.database, prices.rdsInstanceHour[database.instanceClass] == nil else { return nil }
        return Diagnostic(code: "pricing.unknown", message: "template \(quoted(template.rawValue))'s database class \(quoted(database.instanceClass)) has no price "
            + "in \(basis); add it to platform.yml (pricing: rds_instance_hour.\(database.instanceClass): <dollars an hour>)")
    }

    /// The cost from `now` until `expiry` (zero once it has passed).
    public func until(_ expiry: Timestamp, now: Timestamp) -> Double {
        perHour * Double(max(0, expiry.seconds(since: now))) / 3600
    }
}

/// Dollar amounts as people read them: `$1,234.56`, and `under $0.01` rather than `$0.00` for a
/// cost that is not nothing.
public enum Money {
    public static func text(_ dollars: Double) -> String {
        let cents = Int64((dollars * 100).rounded())
        if cents == 0 && dollars > 0 { return "under $0.01" }
        let whole = String(cents / 100)
        var grouped = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let fraction = cents % 100
        return "$\(grouped).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension ScheduleExpression {
    /// About how many times a day the schedule fires, for cost estimates: exact for `rate(…)`; for
    /// `cron(…)`, the minutes × hours it selects times the share of days (day of month, month, day
    /// of week) it runs on.
    public var runsPerDay: Double {
        switch self {
        case .rate(let value, let unit):
            let minutes = unit == .minute ? 1 : unit == .hour ? 60 : 1440
            return 1440 / Double(value * minutes)
        case .cron(let f):
            let specs = CronFieldSpec.all
            var share = 1.0
            if f[2] != "?" && f[2] != "*" { share *= min(1, Double(specs[2].count(f[2])) / 30.44) }
            if f[3] != "*" { share *= Double(specs[3].count(f[3])) / 12 }
            if f[4] != "?" && f[4] != "*" { share *= Double(specs[4].count(f[4])) / 7 }
            return Double(specs[0].count(f[0]) * specs[1].count(f[1])) * share
        }
    }
}

extension CronFieldSpec {
    /// How many values a valid field selects; `L`, `W` and `#` forms select one day.
    func count(_ field: String) -> Int {
        field.split(separator: ",").reduce(0) { total, item in
            if item == "*" || item == "?" { return total + range.count }
            if item.contains("L") || item.contains("W") || item.contains("#") { return total + 1 }
            var base = Substring(item), step = 1
            if let slash = item.firstIndex(of: "/") {
                step = Int(item[item.index(after: slash)...]) ?? 1
                base = item[..<slash]
            }
            let bounds = base.split(separator: "-").map { number(String($0)) }
            let low = base == "*" ? range.lowerBound : bounds.first ?? range.lowerBound
            // "5/15" runs from 5 to the end of the range; "5-20/5" to 20; "7" alone is one value.
            let high = base == "*" || (bounds.count == 1 && step > 1) ? range.upperBound : bounds.last ?? low
            return total + max(0, (high - low) / step + 1)
        }
    }

    private func number(_ text: String) -> Int {
        names.firstIndex(of: text.uppercased()).map { range.lowerBound + $0 } ?? Int(text) ?? range.lowerBound
    }
}
