import IDPAWS
import IDPCore

extension EnvironmentStore {
    /// The kept answer of Cost Explorer (`platform/costs.json`), or nil when there is none or it is unreadable.
    public func readActualSpend() throws(StoreError) -> ActualSpend? {
        let found: (body: [UInt8], etag: String)?
        do { found = try s3.get(ActualSpend.key) } catch { throw .aws(error) }
        guard let found, let json = try? JSONValue.parse(found.body) else { return nil }
        return try? ActualSpend(json: json)
    }

    /// This month's spend by environment: the kept answer while it is younger than a day (and of
    /// this month), else Cost Explorer's, kept for the next day. `force` asks anyway. Returns the
    /// figures and whether Cost Explorer was asked (a request costs $0.01).
    public func actualSpend(costExplorer: CostExplorerClient, now: Timestamp, force: Bool = false) throws(StoreError) -> (spend: ActualSpend, asked: Bool) {
        if !force, let kept = try readActualSpend(), !kept.isStale(now: now) { return (kept, false) }
        let (start, end) = ActualSpend.period(now: now)
        let spend: ActualSpend
        do { spend = ActualSpend(groups: try costExplorer.costByTag(ActualSpend.tagKey, start: start, end: end), now: now) } catch { throw .aws(error) }
        do { _ = try s3.put(ActualSpend.key, Array((spend.jsonValue.rendered() + "\n").utf8), contentType: "application/json") } catch { throw .aws(error) }
        return (spend, true)
    }
}
