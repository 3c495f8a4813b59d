/// How long a scheduled run may spend on slow work (GitHub look-ups that honour `retry-after`,
/// comments), so that it always hands over what it decided before its job's time runs out, and in
/// which order it visits environments, so that one slow tenant cannot starve the others: those
/// waiting longest since their last visit first, never-visited before all.
public struct RunBudget: Sendable, Equatable {
    public var start: Timestamp
    public var seconds: Int64

    public init(start: Timestamp, seconds: Int64) {
        self.start = start
        self.seconds = seconds
    }

    /// Seconds left at `now` (0 once spent).
    public func remaining(at now: Timestamp) -> Int64 { max(0, seconds - now.seconds(since: start)) }

    public func isSpent(at now: Timestamp) -> Bool { remaining(at: now) == 0 }

    /// `names` in a fair order: never visited first, then the longest unvisited, then by name.
    public static func fairOrder(_ names: [String], lastVisited: [String: Timestamp]) -> [String] {
        names.sorted { a, b in
            switch (lastVisited[a], lastVisited[b]) {
            case (nil, nil): return a < b
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x == y ? a < b : x < y
            }
        }
    }

    /// The default budgets: the TTL scan's job has 15 minutes, sleep's 15; each keeps a third in reserve
    /// for marking, the heartbeat, locks and the outputs.
    public static let scanSeconds: Int64 = 600
    public static let sleepSeconds: Int64 = 600
}

/// When each environment was last visited by a run of one kind (the scan's GitHub look-ups, sleep),
/// kept in the state bucket beside the scan's heartbeat as `platform/visits/<run>.json`.
public struct Visits: Sendable, Equatable {
    public var lastVisited: [String: Timestamp]

    public init(_ lastVisited: [String: Timestamp] = [:]) { self.lastVisited = lastVisited }

    public static func key(_ run: String) -> String { "platform/visits/\(run).json" }

    public var json: String {
        JSONValue.object(lastVisited.mapValues { .string($0.iso8601) }).rendered(pretty: false)
    }

    /// Unreadable or foreign content reads as no visits: the order is only a matter of fairness.
    public init(json bytes: [UInt8]) {
        var visits: [String: Timestamp] = [:]
        if case .object(let members)? = try? JSONValue.parse(bytes) {
            for (name, value) in members { if let time = value.stringValue.flatMap(Timestamp.init(iso8601:)) { visits[name] = time } }
        }
        lastVisited = visits
    }

    /// After a run: the visited ones at `now`, and only environments that still exist.
    public mutating func record(_ visited: [String], at now: Timestamp, existing: Set<String>) {
        for name in visited { lastVisited[name] = now }
        lastVisited = lastVisited.filter { existing.contains($0.key) }
    }
}
