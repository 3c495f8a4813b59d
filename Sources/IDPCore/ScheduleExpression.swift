/// An EventBridge schedule: `cron(min hour day-of-month month day-of-week year)` or `rate(N unit)`.
public enum ScheduleExpression: Hashable, Sendable {
    case cron(fields: [String])
    case rate(value: Int, unit: RateUnit)

    public enum RateUnit: String, Sendable, CaseIterable {
        case minute, hour, day
    }

    /// EventBridge's `PutRule.ScheduleExpression` length limit.
    public static let maxLength = 256

    public static let validExamples = [
        "rate(5 minutes)", "rate(1 hour)", "cron(0 12 * * ? *)", "cron(15 10 ? * MON-FRI *)",
        "cron(0 8 L * ? *)", "cron(0 9 ? * 2#1 *)", "cron(0/15 * * * ? *)",
    ]
    public static let invalidExamples = [
        "rate(1 hours)", "rate(5 hour)", "rate(0 minutes)", "cron(0 12 * * *)", "cron(0 12 * * MON *)",
        "cron(0 24 * * ? *)", "0 12 * * ? *",
    ]

    /// The field names in order, for messages.
    static let cronFieldNames = ["minutes", "hours", "day-of-month", "month", "day-of-week", "year"]

    public static func parse(_ text: String) throws(ScheduleError) -> ScheduleExpression {
        guard text.count <= maxLength else { throw .tooLong(text) }
        if text.hasPrefix("rate(") && text.hasSuffix(")") {
            return try parseRate(text, String(text.dropFirst(5).dropLast()))
        }
        if text.hasPrefix("cron(") && text.hasSuffix(")") {
            return try parseCron(text, String(text.dropFirst(5).dropLast()))
        }
        throw .form(text)
    }

    private static func parseRate(_ text: String, _ body: String) throws(ScheduleError) -> ScheduleExpression {
        let parts = body.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .rateForm(text) }
        let number = String(parts[0])
        guard !number.isEmpty, number.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
            let value = Int(number), value > 0
        else { throw .rateValue(text, number) }
        var unitText = String(parts[1])
        let plural = unitText.hasSuffix("s")
        if plural { unitText.removeLast() }
        guard let unit = RateUnit(rawValue: unitText) else { throw .rateUnit(text, String(parts[1])) }
        if (value == 1) == plural {
            throw .ratePlurality(text, expected: value == 1 ? unit.rawValue : unit.rawValue + "s")
        }
        return .rate(value: value, unit: unit)
    }

    private static func parseCron(_ text: String, _ body: String) throws(ScheduleError) -> ScheduleExpression {
        let fields = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 6 else { throw .cronFieldCount(text, found: fields.count) }
        let dom = fields[2], dow = fields[4]
        guard (dom == "?") != (dow == "?") else { throw .questionMark(text) }
        let hashes = dow.filter { $0 == "#" }.count
        if hashes > 1 { throw .cronField(text, field: "day-of-week", value: dow, reason: "only one \"#\" is allowed") }

        for (index, field) in fields.enumerated() {
            let spec = CronFieldSpec.all[index]
            if field == "?" {
                guard index == 2 || index == 4 else {
                    throw .cronField(text, field: spec.name, value: field, reason: "\"?\" is allowed only in day-of-month or day-of-week")
                }
                continue
            }
            if let reason = spec.problem(in: field) {
                throw .cronField(text, field: spec.name, value: field, reason: reason)
            }
        }
        return .cron(fields: fields)
    }
}

/// The value range and extra tokens one cron field accepts.
struct CronFieldSpec {
    let name: String
    let range: ClosedRange<Int>
    let names: [String]  // index 0 maps to range.lowerBound
    let special: Special

    enum Special { case none, dayOfMonth, dayOfWeek }

    static let all: [CronFieldSpec] = [
        .init(name: "minutes", range: 0...59, names: [], special: .none),
        .init(name: "hours", range: 0...23, names: [], special: .none),
        .init(name: "day-of-month", range: 1...31, names: [], special: .dayOfMonth),
        .init(name: "month", range: 1...12,
              names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], special: .none),
        .init(name: "day-of-week", range: 1...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], special: .dayOfWeek),
        .init(name: "year", range: 1970...2199, names: [], special: .none),
    ]

    /// Nil when `field` is valid, else the reason in words.
    func problem(in field: String) -> String? {
        for item in field.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            if let reason = problem(inItem: item, isList: field.contains(",")) { return reason }
        }
        return nil
    }

    private func problem(inItem item: String, isList: Bool) -> String? {
        guard !item.isEmpty else { return "empty list item" }
        switch special {
        case .dayOfMonth:
            if item == "L" || item == "LW" { return isList ? "\"\(item)\" cannot be part of a list" : nil }
            if item.hasSuffix("W") {
                if isList { return "\"W\" cannot be part of a list" }
                return value(String(item.dropLast())) == nil ? "\"W\" needs a day 1-31 before it" : nil
            }
        case .dayOfWeek:
            if item == "L" { return isList ? "\"L\" cannot be part of a list" : nil }
            if item.hasSuffix("L") {
                if isList { return "\"L\" cannot be part of a list" }
                return value(String(item.dropLast())) == nil ? "\"L\" needs a weekday 1-7 or SUN-SAT before it" : nil
            }
            if item.contains("#") {
                let parts = item.split(separator: "#", omittingEmptySubsequences: false)
                guard parts.count == 2, value(String(parts[0])) != nil,
                    let nth = Int(parts[1]), (1...5).contains(nth), parts[1].count == 1
                else { return "\"#\" takes weekday#n with n 1-5, e.g. \"2#1\"" }
                return isList ? "\"#\" cannot be part of a list" : nil
            }
        case .none:
            break
        }
        var base = Substring(item)
        if let slash = item.firstIndex(of: "/") {
            let step = item[item.index(after: slash)...]
            guard let n = Int(step), step.allSatisfy(\.isASCII), n >= 1, n <= range.upperBound else {
                return "step \(quoted(String(step))) must be a number from 1 to \(range.upperBound)"
            }
            base = item[..<slash]
        }
        if base == "*" { return nil }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count) else { return "\(quoted(String(base))) is not a value or range" }
        var numbers: [Int] = []
        for bound in bounds {
            guard let n = value(String(bound)) else { return outOfRange(String(bound)) }
            numbers.append(n)
        }
        if numbers.count == 2, numbers[0] > numbers[1] {
            return "range \(quoted(String(base))) runs backwards"
        }
        return nil
    }

    private func value(_ text: String) -> Int? {
        if let index = names.firstIndex(of: text.uppercased()) { return range.lowerBound + index }
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), text.count <= 4,
            let n = Int(text), range.contains(n)
        else { return nil }
        return n
    }

    private func outOfRange(_ text: String) -> String {
        let named = names.isEmpty ? "" : " or \(names.first!)-\(names.last!)"
        return "\(quoted(text)) is not in \(range.lowerBound)-\(range.upperBound)\(named)"
    }
}

/// Why a schedule expression was rejected.
public enum ScheduleError: DiagnosticConvertible, Equatable {
    case tooLong(String)
    case form(String)
    case rateForm(String)
    case rateValue(String, String)
    case rateUnit(String, String)
    case ratePlurality(String, expected: String)
    case cronFieldCount(String, found: Int)
    case questionMark(String)
    case cronField(String, field: String, value: String, reason: String)

    public var code: String {
        switch self {
        case .tooLong: "schedule.length"
        case .form: "schedule.form"
        case .rateForm, .rateValue: "schedule.rate"
        case .rateUnit, .ratePlurality: "schedule.rate-unit"
        case .cronFieldCount: "schedule.cron-fields"
        case .questionMark: "schedule.cron-question-mark"
        case .cronField: "schedule.cron-field"
        }
    }

    public var message: String {
        switch self {
        case .tooLong(let text):
            "schedule \(quoted(String(text.prefix(40))))… is longer than \(ScheduleExpression.maxLength) characters"
        case .form(let text):
            "schedule \(quoted(text)) is neither cron(...) nor rate(...); expected e.g. \"rate(1 hour)\" or \"cron(0 12 * * ? *)\""
        case .rateForm(let text):
            "schedule \(quoted(text)): expected rate(<value> <unit>) with one space, e.g. \"rate(5 minutes)\""
        case .rateValue(let text, let value):
            "schedule \(quoted(text)): rate value \(quoted(value)) must be a positive whole number"
        case .rateUnit(let text, let unit):
            "schedule \(quoted(text)): unknown unit \(quoted(unit)); expected minute(s), hour(s) or day(s)"
        case .ratePlurality(let text, let expected):
            "schedule \(quoted(text)): expected unit \(quoted(expected)) (singular for 1, plural otherwise)"
        case .cronFieldCount(let text, let found):
            "schedule \(quoted(text)) has \(found) cron fields; expected 6: minutes hours day-of-month month day-of-week year"
        case .questionMark(let text):
            "schedule \(quoted(text)): exactly one of day-of-month and day-of-week must be \"?\""
        case .cronField(let text, let field, let value, let reason):
            "schedule \(quoted(text)): \(field) \(quoted(value)): \(reason)"
        }
    }
}
