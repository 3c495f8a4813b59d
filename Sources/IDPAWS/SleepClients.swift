import IDPCore

/// ECS over its JSON 1.1 protocol: the desired count of a service.
public struct ECSClient {
    public let client: AWSClient
    static let target = "AmazonEC2ContainerServiceV20141113"

    public init(client: AWSClient) { self.client = client }

    func call(_ operation: String, _ input: JSONValue) throws(AWSError) -> JSONValue {
        try client.callJSON(.ecs, version: "1.1", target: "\(Self.target).\(operation)", input)
    }

    /// The desired count of `service` in `cluster`, or nil when ECS has no such active service
    /// (nor cluster: an apply that never got that far, or resources removed by hand).
    public func desiredCount(cluster: String, service: String) throws(AWSError) -> Int? {
        let output: JSONValue
        do { output = try call("DescribeServices", .object(["cluster": .string(cluster), "services": .array([.string(service)])])) } catch where error.serviceCode == "ClusterNotFoundException" {
            return nil
        }
        guard case .array(let services)? = output["services"] else { throw .malformed("no services", operation: "ecs:DescribeServices") }
        guard let found = services.first(where: { $0["status"]?.stringValue == "ACTIVE" }) else { return nil }
        guard case .number(let n)? = found["desiredCount"] else { throw .malformed("no desiredCount", operation: "ecs:DescribeServices") }
        return Int(n)
    }

    public func setDesiredCount(cluster: String, service: String, to count: Int) throws(AWSError) {
        _ = try call("UpdateService", .object(["cluster": .string(cluster), "service": .string(service), "desiredCount": .int(count)]))
    }
}

/// RDS over its Query protocol (XML): stopping and starting an instance.
public struct RDSClient {
    public let client: AWSClient
    static let version = "2014-10-31"

    public init(client: AWSClient) { self.client = client }

    /// `available`, `stopped`, `stopping`, `starting`, …; nil when there is no such instance.
    public func status(of instance: String) throws(AWSError) -> String? {
        do {
            let result = try client.callQuery(.rds, version: Self.version, action: "DescribeDBInstances", [("DBInstanceIdentifier", instance)])
            return result.child("DBInstances")?.child("DBInstance")?["DBInstanceStatus"]
        } catch where error.serviceCode == "DBInstanceNotFound" || error.serviceCode == "DBInstanceNotFoundFault" {
            return nil
        }
    }

    public func stop(_ instance: String) throws(AWSError) {
        _ = try client.callQuery(.rds, version: Self.version, action: "StopDBInstance", [("DBInstanceIdentifier", instance)])
    }

    public func start(_ instance: String) throws(AWSError) {
        _ = try client.callQuery(.rds, version: Self.version, action: "StartDBInstance", [("DBInstanceIdentifier", instance)])
    }
}

/// EventBridge over its JSON 1.1 protocol: enabling and disabling a rule.
public struct EventsClient {
    public let client: AWSClient
    static let target = "AWSEvents"

    public init(client: AWSClient) { self.client = client }

    func call(_ operation: String, _ input: JSONValue) throws(AWSError) -> JSONValue {
        try client.callJSON(.events, version: "1.1", target: "\(Self.target).\(operation)", input)
    }

    /// `ENABLED` or `DISABLED`; nil when there is no such rule.
    public func state(of rule: String) throws(AWSError) -> String? {
        do { return try call("DescribeRule", .object(["Name": .string(rule)]))["State"]?.stringValue } catch where error.serviceCode == "ResourceNotFoundException" {
            return nil
        }
    }

    public func setEnabled(_ rule: String, _ enabled: Bool) throws(AWSError) {
        _ = try call(enabled ? "EnableRule" : "DisableRule", .object(["Name": .string(rule)]))
    }
}

/// CloudWatch over its Query protocol (XML): silencing an alarm's actions.
public struct CloudWatchClient {
    public let client: AWSClient
    static let version = "2010-08-01"

    public init(client: AWSClient) { self.client = client }

    static func names(_ alarms: [String]) -> [(String, String)] {
        alarms.enumerated().map { ("AlarmNames.member.\($0.offset + 1)", $0.element) }
    }

    /// Which of `alarms` exist, with whether their actions are enabled (at most 100 names a call).
    public func actionsEnabled(_ alarms: [String]) throws(AWSError) -> [String: Bool] {
        guard !alarms.isEmpty else { return [:] }
        let result = try client.callQuery(.cloudwatch, version: Self.version, action: "DescribeAlarms", Self.names(Array(alarms.prefix(100))))
        var found: [String: Bool] = [:]
        for alarm in result.child("MetricAlarms")?.all("member") ?? [] {
            if let name = alarm["AlarmName"] { found[name] = alarm["ActionsEnabled"] == "true" }
        }
        return found
    }

    public func setActionsEnabled(_ alarms: [String], _ enabled: Bool) throws(AWSError) {
        guard !alarms.isEmpty else { return }
        _ = try client.callQuery(.cloudwatch, version: Self.version, action: enabled ? "EnableAlarmActions" : "DisableAlarmActions", Self.names(alarms))
    }
}
