/// When environments are awake (`platform.yml` `sleep.awake`): weekday ranges and hours, each in an
/// IANA time zone, e.g. `Mon-Fri 07:00-20:00 Europe/Berlin`. Outside every range an environment
/// sleeps. A range whose end is not after its start runs past midnight into the next day
/// (`Fri 22:00-02:00` is awake from Friday 22:00 to Saturday 02:00). Daylight-saving changes are
/// the zone's: the hours are local clock hours on every day.
public struct AwakeSchedule: Sendable, Equatable {
    public struct Range: Sendable, Equatable {
        /// 0 = Sunday … 6 = Saturday: the days the range starts on.
        public var days: Set<Int>
        /// Minutes after local midnight.
        public var start: Int
        public var end: Int
        public var zone: String

        public var crossesMidnight: Bool { end <= start }
    }

    public var ranges: [Range]

    public init(ranges: [Range]) { self.ranges = ranges }

    public static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// Every zone the ranges name, for the tool to load.
    public var zoneNames: [String] { Array(Set(ranges.map(\.zone))).sorted() }

    /// Parses one range, `DAYS HH:MM-HH:MM ZONE`: days as `Mon-Fri`, `Sat,Sun`, `Mon-Wed,Fri` or
    /// `Fri-Mon` (wrapping); hours 00:00 to 24:00.
    public static func parseRange(_ text: String) throws(AwakeScheduleError) -> Range {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count == 3 else { throw .shape(text) }
        var days: Set<Int> = []
        for part in words[0].split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(ends.count), let first = day(ends[0]), let last = day(ends.last!) else { throw .days(words[0]) }
            var d = first
            while true {
                days.insert(d)
                if d == last { break }
                d = (d + 1) % 7
            }
        }
        let hours = words[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard hours.count == 2, let start = minutes(hours[0]), let end = minutes(hours[1]), start < 24 * 60, start != end else {
            throw .hours(words[1])
        }
        guard TimeZoneRules.isZoneName(words[2]) else { throw .zone(words[2]) }
        return Range(days: days, start: start, end: end, zone: words[2])
    }

    static func day(_ text: String) -> Int? {
        weekdays.firstIndex { $0.lowercased() == text.lowercased() }
    }

    /// `HH:MM`, 00:00 to 24:00.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              let h = Int(parts[0]), let m = Int(parts[1]), m < 60, h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    /// The local weekday (0 = Sunday) and minute of the day of `time` in `zone`.
    static func local(_ time: Timestamp, _ zone: TimeZoneRules) -> (weekday: Int, minute: Int) {
        let local = time.secondsSinceEpoch + Int64(zone.offset(at: time))
        let day = floorDivide(local, 86_400)
        return (Int(((day + 4) % 7 + 7) % 7), Int((local - day * 86_400) / 60))
    }

    /// Whether `time` falls in a range. `zones` holds every zone the ranges name; a zone missing
    /// there counts as never awake (the tool refuses to run without them).
    public func isAwake(at time: Timestamp, zones: [String: TimeZoneRules]) -> Bool {
        ranges.contains { range in
            guard let zone = zones[range.zone] else { return false }
            let (weekday, minute) = Self.local(time, zone)
            if !range.crossesMidnight { return range.days.contains(weekday) && minute >= range.start && minute < range.end }
            return (range.days.contains(weekday) && minute >= range.start) || (range.days.contains((weekday + 6) % 7) && minute < range.end)
        }
    }

    /// The first minute after `time` at which awake becomes asleep or the reverse, within 8 days;
    /// nil when it never changes (always or never awake).
    public func nextChange(after time: Timestamp, zones: [String: TimeZoneRules]) -> Timestamp? {
        let now = isAwake(at: time, zones: zones)
        var t = Timestamp(secondsSinceEpoch: (time.secondsSinceEpoch / 60 + 1) * 60)
        for _ in 0..<(8 * 24 * 60) {
            if isAwake(at: t, zones: zones) != now { return t }
            t = t.adding(seconds: 60)
        }
        return nil
    }

    /// `Mon 07:00 Europe/Berlin`: `time` on the clock of the zone of the range awake then (else the first range's).
    public func describe(_ time: Timestamp, zones: [String: TimeZoneRules]) -> String {
        let zoneName = ranges.first { r in zones[r.zone].map { AwakeSchedule(ranges: [r]).isAwake(at: time, zones: [r.zone: $0]) } ?? false }?.zone
            ?? ranges.first?.zone ?? "UTC"
        let (weekday, minute) = Self.local(time, zones[zoneName] ?? TimeZoneRules(name: "UTC", fixedOffset: 0))
        let hh = minute / 60, mm = minute % 60
        return "\(Self.weekdays[weekday]) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm) \(zoneName)"
    }

    /// The share of a week awake, measured minute by minute over the week starting at `from`
    /// (so a week with a daylight-saving change counts its hour).
    public func awakeFraction(from: Timestamp, zones: [String: TimeZoneRules]) -> Double {
        var awake = 0
        let minutes = 7 * 24 * 60
        for m in 0..<minutes where isAwake(at: from.adding(seconds: m * 60), zones: zones) { awake += 1 }
        return Double(awake) / Double(minutes)
    }
}

public enum AwakeScheduleError: DiagnosticConvertible, Equatable {
    case shape(String)
    case days(String)
    case hours(String)
    case zone(String)

    public var code: String { "sleep.schedule" }
    public var message: String {
        switch self {
        case .shape(let text): "\(quoted(String(text.prefix(80)))) is not an awake range; expected DAYS HH:MM-HH:MM ZONE, e.g. \"Mon-Fri 07:00-20:00 Europe/Berlin\""
        case .days(let text): "days \(quoted(String(text.prefix(40)))) are not valid; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun, ranges such as Mon-Fri and lists such as Sat,Sun"
        case .hours(let text): "hours \(quoted(String(text.prefix(40)))) are not valid; expected HH:MM-HH:MM between 00:00 and 24:00 with different start and end, e.g. 07:00-20:00 (an end before the start runs past midnight)"
        case .zone(let text): "time zone \(quoted(String(text.prefix(60)))) is not a zone name; expected an IANA name such as \"Europe/Berlin\" or \"America/New_York\""
        }
    }
}
