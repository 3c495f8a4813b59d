import IDPCore
import IDPHTTP

/// Deletes one orphaned resource of each kind the sweep knows, with the call AWS documents for it,
/// and reads the tags of what is found by name. Nothing here decides what is an orphan
/// (`OrphanReport` and the sweeper do): it deletes exactly the resource it is given.
public struct SweepClient {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func delete(_ step: SweepStep) throws(AWSError) {
        let arn = step.resource
        let resource = Self.resource(of: arn)
        switch step.kind {
        case .ecsService:
            // service/<cluster>/<name> (the long ARN form); its cluster first scaled to nothing.
            let parts = resource.split(separator: "/").map(String.init)
            guard parts.count == 3 else { throw .malformed("not a service ARN with its cluster: \(arn)", operation: "ecs:DeleteService") }
            // force: deleted whatever its desired count (no UpdateService, which a DRAINING service refuses).
            _ = try ECSClient(client: client).call("DeleteService", .object(["cluster": .string(parts[1]), "service": .string(parts[2]), "force": .bool(true)]))
        case .taskDefinition:
            let ecs = ECSClient(client: client)
            _ = try ecs.call("DeregisterTaskDefinition", .object(["taskDefinition": .string(arn)]))
            _ = try ecs.call("DeleteTaskDefinitions", .object(["taskDefinitions": .array([.string(arn)])]))
        case .cluster:
            _ = try ECSClient(client: client).call("DeleteCluster", .object(["cluster": .string(arn)]))
        case .listenerRule: try elb("DeleteRule", ("RuleArn", arn))
        case .listener: try elb("DeleteListener", ("ListenerArn", arn))
        case .loadBalancer: try elb("DeleteLoadBalancer", ("LoadBalancerArn", arn))
        case .targetGroup: try elb("DeleteTargetGroup", ("TargetGroupArn", arn))
        case .database:
            _ = try client.callQuery(.rds, version: "2014-10-31", action: "DeleteDBInstance", [
                ("DBInstanceIdentifier", Self.name(arn)), ("SkipFinalSnapshot", "true"), ("DeleteAutomatedBackups", "true")])
        case .dbSubnetGroup:
            _ = try client.callQuery(.rds, version: "2014-10-31", action: "DeleteDBSubnetGroup", [("DBSubnetGroupName", Self.name(arn))])
        case .eventRule:
            let rule = Self.name(arn)
            let targets = try client.callJSON(.events, version: "1.1", target: "AWSEvents.ListTargetsByRule", .object(["Rule": .string(rule)]))
            if case .array(let list)? = targets["Targets"], !list.isEmpty {
                _ = try client.callJSON(.events, version: "1.1", target: "AWSEvents.RemoveTargets",
                                        .object(["Rule": .string(rule), "Ids": .array(list.compactMap { $0["Id"] })]))
            }
            _ = try client.callJSON(.events, version: "1.1", target: "AWSEvents.DeleteRule", .object(["Name": .string(rule)]))
        case .alarm:
            _ = try client.callQuery(.cloudwatch, version: "2010-08-01", action: "DeleteAlarms", [("AlarmNames.member.1", Self.name(arn))])
        case .logGroup:
            var group = String(arn.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false).last ?? "")
            if group.hasSuffix(":*") { group.removeLast(2) }
            _ = try client.callJSON(.logs, version: "1.1", target: "Logs_20140328.DeleteLogGroup", .object(["logGroupName": .string(group)]))
        case .topic:
            _ = try client.callQuery(.sns, version: "2010-03-31", action: "DeleteTopic", [("TopicArn", arn)])
        case .secret:
            _ = try client.callJSON(.secretsmanager, version: "1.1", target: "secretsmanager.DeleteSecret",
                                    .object(["SecretId": .string(arn), "ForceDeleteWithoutRecovery": .bool(true)]))
        case .securityGroup:
            _ = try client.callQuery(.ec2, version: "2016-11-15", action: "DeleteSecurityGroup", [("GroupId", Self.name(arn))])
        case .role:
            let role = Self.name(arn)
            let attached = try client.callQuery(.iam, version: "2010-05-08", action: "ListAttachedRolePolicies", [("RoleName", role)])
            for policy in attached.child("AttachedPolicies")?.all("member") ?? [] {
                if let policyARN = policy["PolicyArn"] {
                    _ = try client.callQuery(.iam, version: "2010-05-08", action: "DetachRolePolicy", [("RoleName", role), ("PolicyArn", policyARN)])
                }
            }
            let inline = try client.callQuery(.iam, version: "2010-05-08", action: "ListRolePolicies", [("RoleName", role)])
            for policy in inline.child("PolicyNames")?.all("member") ?? [] {
                _ = try client.callQuery(.iam, version: "2010-05-08", action: "DeleteRolePolicy", [("RoleName", role), ("PolicyName", policy.text)])
            }
            _ = try client.callQuery(.iam, version: "2010-05-08", action: "DeleteRole", [("RoleName", role)])
        }
    }

    /// The ARN and tags of a resource the Tagging API does not list, found by its name; nil when
    /// there is none of that name.
    public func find(_ kind: SweepKind, named name: String, partition: String, region: String, account: String) throws(AWSError) -> (arn: String, tags: [String: String])? {
        switch kind {
        case .role:
            let role: XMLElement
            do { role = try client.callQuery(.iam, version: "2010-05-08", action: "GetRole", [("RoleName", name)]) } catch where error.serviceCode == "NoSuchEntity" {
                return nil
            }
            let tags = try client.callQuery(.iam, version: "2010-05-08", action: "ListRoleTags", [("RoleName", name)])
            return (role.child("Role")?["Arn"] ?? "arn:\(partition):iam::\(account):role/\(name)", Self.pairs(tags.child("Tags")?.all("member") ?? []))
        case .eventRule:
            let arn = "arn:\(partition):events:\(region):\(account):rule/\(name)"
            let answer: JSONValue
            do { answer = try client.callJSON(.events, version: "1.1", target: "AWSEvents.ListTagsForResource", .object(["ResourceARN": .string(arn)])) }
            catch where error.serviceCode == "ResourceNotFoundException" { return nil }
            var tags: [String: String] = [:]
            if case .array(let list)? = answer["Tags"] { for tag in list { if let k = tag["Key"]?.stringValue { tags[k] = tag["Value"]?.stringValue ?? "" } } }
            return (arn, tags)
        case .dbSubnetGroup:
            let described: XMLElement
            do { described = try client.callQuery(.rds, version: "2014-10-31", action: "DescribeDBSubnetGroups", [("DBSubnetGroupName", name)]) }
            catch where error.serviceCode == "DBSubnetGroupNotFoundFault" || error.status == 404 { return nil }
            let arn = described.child("DBSubnetGroups")?.child("DBSubnetGroup")?["DBSubnetGroupArn"] ?? "arn:\(partition):rds:\(region):\(account):subgrp:\(name)"
            let answer = try client.callQuery(.rds, version: "2014-10-31", action: "ListTagsForResource", [("ResourceName", arn)])
            return (arn, Self.pairs(answer.child("TagList")?.all("Tag") ?? []))
        default:
            return nil
        }
    }

    /// Whether a resource the Tagging API still lists is already on its way out: ECS keeps deleted
    /// services and clusters visible as INACTIVE for a while, and a deleted task definition as
    /// DELETE_IN_PROGRESS. Those are done, not orphans.
    public func isGone(_ step: SweepStep) throws(AWSError) -> Bool {
        let ecs = ECSClient(client: client)
        switch step.kind {
        case .ecsService:
            let parts = Self.resource(of: step.resource).split(separator: "/").map(String.init)
            guard parts.count == 3 else { return false }
            let answer = try ecs.call("DescribeServices", .object(["cluster": .string(parts[1]), "services": .array([.string(parts[2])])]))
            guard case .array(let services)? = answer["services"], let service = services.first else { return true }
            return ["INACTIVE", "DRAINING"].contains(service["status"]?.stringValue ?? "")
        case .cluster:
            let answer = try ecs.call("DescribeClusters", .object(["clusters": .array([.string(step.resource)])]))
            guard case .array(let clusters)? = answer["clusters"], let cluster = clusters.first else { return true }
            return cluster["status"]?.stringValue == "INACTIVE"
        case .taskDefinition:
            let answer: JSONValue
            do { answer = try ecs.call("DescribeTaskDefinition", .object(["taskDefinition": .string(step.resource)])) } catch where error.serviceCode == "ClientException" {
                return true
            }
            return ["INACTIVE", "DELETE_IN_PROGRESS"].contains(answer["taskDefinition"]?["status"]?.stringValue ?? "")
        case .database:
            // An instance AWS is deleting (minutes) is on its way out; a second DeleteDBInstance would fail.
            let answer: XMLElement
            do { answer = try client.callQuery(.rds, version: "2014-10-31", action: "DescribeDBInstances", [("DBInstanceIdentifier", Self.name(step.resource))]) }
            catch where error.serviceCode == "DBInstanceNotFound" || error.serviceCode == "DBInstanceNotFoundFault" { return true }
            return answer.child("DBInstances")?.child("DBInstance")?["DBInstanceStatus"] == "deleting"
        default:
            return false
        }
    }

    func elb(_ action: String, _ parameter: (String, String)) throws(AWSError) {
        _ = try client.callQuery(.elasticloadbalancing, version: "2015-12-01", action: action, [parameter])
    }

    static func pairs(_ elements: [XMLElement]) -> [String: String] {
        var tags: [String: String] = [:]
        for element in elements { if let key = element["Key"] { tags[key] = element["Value"] ?? "" } }
        return tags
    }

    /// The part after the service's fields: `service/cluster/name`, `db:name`, `alarm:name`.
    static func resource(of arn: String) -> String {
        String(arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? "")
    }

    static func name(_ arn: String) -> String { SweepStep.name(of: arn) }
}
