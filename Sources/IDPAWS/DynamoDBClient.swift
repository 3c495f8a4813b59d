import IDPCore
import IDPHTTP

/// The DynamoDB calls needed to clear OpenTofu's lock and digest items.
public struct DynamoDBClient {
    public let client: AWSClient
    public let table: String

    public init(client: AWSClient, table: String) {
        self.client = client
        self.table = table
    }

    func call(_ operation: String, _ input: JSONValue) throws(AWSError) -> JSONValue {
        try client.callJSON(.dynamodb, version: "1.0", target: "DynamoDB_20120810.\(operation)", input)
    }

    /// The item's string attributes, or nil when there is no item with this `LockID`.
    public func getLock(_ lockID: String) throws(AWSError) -> [String: String]? {
        let output = try call("GetItem", .object(["TableName": .string(table), "Key": .object(["LockID": .object(["S": .string(lockID)])]),
                                                  "ConsistentRead": .bool(true)]))
        guard case .object(let item)? = output["Item"] else { return nil }
        return item.compactMapValues { $0["S"]?.stringValue }
    }

    /// Deletes the lock item only while its `Info` is `info` (exactly the lock that was judged):
    /// true when deleted, false when it changed or went meanwhile.
    public func deleteLock(_ lockID: String, ifInfo info: String) throws(AWSError) -> Bool {
        do {
            _ = try call("DeleteItem", .object([
                "TableName": .string(table), "Key": .object(["LockID": .object(["S": .string(lockID)])]),
                "ConditionExpression": .string("#info = :info"), "ExpressionAttributeNames": .object(["#info": .string("Info")]),
                "ExpressionAttributeValues": .object([":info": .object(["S": .string(info)])]),
            ]))
            return true
        } catch where error.serviceCode?.hasSuffix("ConditionalCheckFailedException") == true {
            return false
        }
    }

    public func deleteLock(_ lockID: String) throws(AWSError) {
        _ = try call("DeleteItem", .object(["TableName": .string(table), "Key": .object(["LockID": .object(["S": .string(lockID)])])]))
    }
}
