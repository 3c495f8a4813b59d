import IDPCore

/// Cost Explorer over its JSON 1.1 protocol: what was spent, grouped by a cost-allocation tag.
/// Each request costs $0.01, so the tools ask once a day and keep the answer (`ActualSpend`).
public struct CostExplorerClient {
    public let client: AWSClient
    static let target = "AWSInsightsIndexService"

    public init(client: AWSClient) { self.client = client }

    /// Unblended cost from `start` (inclusive) to `end` (exclusive), both `YYYY-MM-DD`, by the
    /// values of tag `key` (an empty value: cost without the tag), following every page.
    public func costByTag(_ key: String, start: String, end: String) throws(AWSError) -> [(value: String, dollars: Double)] {
        var totals: [String: Double] = [:]
        var token: String?
        repeat {
            var input: [String: JSONValue] = [
                "TimePeriod": .object(["Start": .string(start), "End": .string(end)]), "Granularity": .string("MONTHLY"),
                "Metrics": .array([.string("UnblendedCost")]), "GroupBy": .array([.object(["Type": .string("TAG"), "Key": .string(key)])]),
            ]
            if let token { input["NextPageToken"] = .string(token) }
            let output = try client.callJSON(.ce, version: "1.1", target: "\(Self.target).GetCostAndUsage", .object(input))
            guard case .array(let periods)? = output["ResultsByTime"] else { throw .malformed("no ResultsByTime", operation: "ce:GetCostAndUsage") }
            for period in periods {
                guard case .array(let groups)? = period["Groups"] else { continue }
                for group in groups {
                    // Keys are "<tag key>$<value>"; "<tag key>$" holds what carries no such tag.
                    guard case .array(let keys)? = group["Keys"], let first = keys.first?.stringValue,
                          let amount = group["Metrics"]?["UnblendedCost"]?["Amount"]?.stringValue.flatMap(Double.init) else { continue }
                    let value = first.hasPrefix(key + "$") ? String(first.dropFirst(key.count + 1)) : first
                    totals[value, default: 0] += amount
                }
            }
            token = output["NextPageToken"]?.stringValue
        } while token?.isEmpty == false
        return totals.map { ($0.key, $0.value) }.sorted { $0.value < $1.value }
    }
}

/// The Resource Groups Tagging API over JSON 1.1: every resource carrying a tag, with its tags.
public struct TaggingClient {
    public let client: AWSClient
    static let target = "ResourceGroupsTaggingAPI_20170126"

    public init(client: AWSClient) { self.client = client }

    /// Every resource tagged `key=value` in the region, following `PaginationToken` (100 a page).
    public func resources(taggedWith key: String, value: String) throws(AWSError) -> [(arn: String, tags: [String: String])] {
        var found: [(arn: String, tags: [String: String])] = []
        var token: String?
        repeat {
            var input: [String: JSONValue] = ["TagFilters": .array([.object(["Key": .string(key), "Values": .array([.string(value)])])]),
                                              "ResourcesPerPage": .int(100)]
            if let token { input["PaginationToken"] = .string(token) }
            let output = try client.callJSON(.tagging, version: "1.1", target: "\(Self.target).GetResources", .object(input))
            guard case .array(let mappings)? = output["ResourceTagMappingList"] else {
                throw .malformed("no ResourceTagMappingList", operation: "tagging:GetResources")
            }
            for mapping in mappings {
                guard let arn = mapping["ResourceARN"]?.stringValue else { continue }
                var tags: [String: String] = [:]
                if case .array(let list)? = mapping["Tags"] {
                    for tag in list { if let k = tag["Key"]?.stringValue { tags[k] = tag["Value"]?.stringValue ?? "" } }
                }
                found.append((arn, tags))
            }
            token = output["PaginationToken"]?.stringValue
        } while token?.isEmpty == false
        return found
    }
}
