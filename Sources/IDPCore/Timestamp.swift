/// A UTC instant with one-second resolution, printed as ISO 8601 `YYYY-MM-DDTHH:MM:SSZ`.
///
/// Hand-rolled civil-date arithmetic keeps the core free of `DateFormatter` (and its locale data),
/// which matters for start-up time and makes output identical on every machine.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// This instant moved by `seconds` (negative moves back).
    public func adding(seconds: Int) -> Timestamp {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch + Int64(seconds))
    }

    /// Seconds from `other` to `self` (positive when self is later).
    public func seconds(since other: Timestamp) -> Int64 {
        secondsSinceEpoch - other.secondsSinceEpoch
    }

    /// `2026-11-22T09:30:00Z`.
    public var description: String { iso8601 }

    public var iso8601: String {
        let days = floorDiv(secondsSinceEpoch, 86_400)
        let secondOfDay = secondsSinceEpoch - days * 86_400
        let (y, m, d) = Self.civil(fromDays: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// A compact form usable in S3 keys and file names: `20261122T093000Z`.
    public var basicISO8601: String {
        iso8601.filter { $0 != "-" && $0 != ":" }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` followed by optional fractional seconds and `Z` or `±HH:MM`.
    public init?(iso8601 text: String) {
        let u = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= u.count else { return nil }
            var value: Int64 = 0
            for byte in u[from..<from + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        func byte(_ at: Int, _ expected: Character) -> Bool {
            at < u.count && u[at] == expected.asciiValue!
        }
        guard let y = number(0, 4), byte(4, "-"), let mo = number(5, 2), byte(7, "-"),
            let d = number(8, 2), byte(10, "T") || byte(10, "t") || byte(10, " "),
            let h = number(11, 2), byte(13, ":"), let mi = number(14, 2), byte(16, ":"),
            let s = number(17, 2),
            (1...12).contains(mo), (1...Self.daysIn(month: mo, year: y)).contains(d),
            h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        if byte(i, ".") {
            i += 1
            let start = i
            while i < u.count, (48...57).contains(u[i]) { i += 1 }
            guard i > start else { return nil }
        }
        var offset: Int64 = 0
        if byte(i, "Z") || byte(i, "z") {
            i += 1
        } else if byte(i, "+") || byte(i, "-") {
            guard let oh = number(i + 1, 2), byte(i + 3, ":"), let om = number(i + 4, 2) else { return nil }
            offset = (oh * 3600 + om * 60) * (byte(i, "+") ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == u.count else { return nil }
        let days = Self.days(fromCivil: y, mo, d)
        secondsSinceEpoch = days * 86_400 + h * 3600 + mi * 60 + min(s, 59) - offset
    }


    // Howard Hinnant's days_from_civil / civil_from_days, valid for the proleptic Gregorian calendar.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Formats a duration for people: `2d 3h`, `45m`, `expired 1h ago` is the caller's job.
public func humanDuration(seconds: Int64) -> String {
    let s = abs(seconds)
    let d = s / 86_400, h = s % 86_400 / 3600, m = s % 3600 / 60
    if d > 0 { return h > 0 ? "\(d)d \(h)h" : "\(d)d" }
    if h > 0 { return m > 0 ? "\(h)h \(m)m" : "\(h)h" }
    return "\(m)m"
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : (a - b + 1) / b
}

private func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

extension Timestamp {
    /// The time `text` names (`init?(iso8601:)`), or why not: one message for every tool that
    /// takes a time (`--expires-at`, `--created-at`, `--from`).
    public static func parse(_ text: String) throws(TimeError) -> Timestamp {
        guard let time = Timestamp(iso8601: text) else { throw .format(text) }
        return time
    }
}

/// A time that could not be read.
public enum TimeError: DiagnosticConvertible, Equatable {
    case format(String)

    public var code: String { "time.format" }
    public var message: String {
        switch self {
        case .format(let text): "time \(quoted(text)) is not a time; expected ISO 8601 UTC such as 2026-11-22T09:30:00Z"
        }
    }
}
