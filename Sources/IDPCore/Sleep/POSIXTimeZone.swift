/// The POSIX TZ rule at the end of a TZif file (`CET-1CEST,M3.5.0,M10.5.0/3`): a standard offset
/// and, optionally, a daylight-saving offset with the rules of when it starts and ends each year.
/// It gives the offsets after the file's last recorded transition.
struct POSIXTimeZone: Sendable, Equatable {
    /// Seconds east of UTC (POSIX writes them west: "CET-1" is UTC+1).
    let standard: Int
    let daylight: Int?
    let start: DateRule
    let end: DateRule

    /// A day of the year and a local time of day (seconds, which may be negative or beyond 24 h).
    struct DateRule: Sendable, Equatable {
        enum Day: Sendable, Equatable {
            /// `Mm.w.d`: day d (0 = Sunday) of week w (1–4, 5 = last) of month m.
            case month(Int, week: Int, weekday: Int)
            /// `Jn`: day 1–365, February 29 never counted.
            case julian(Int)
            /// `n`: day 0–365, February 29 counted in leap years.
            case zeroBased(Int)
        }
        let day: Day
        let time: Int

        /// Days since 1970-01-01 of this rule's day in `year`.
        func epochDay(in year: Int64) -> Int64 {
            let january1 = Timestamp.days(fromCivil: year, 1, 1)
            switch day {
            case .julian(let n):
                let leap = Timestamp.daysIn(month: 2, year: year) == 29
                return january1 + Int64(n - 1) + (leap && n >= 60 ? 1 : 0)
            case .zeroBased(let n):
                return january1 + Int64(n)
            case .month(let month, let week, let weekday):
                let first = Timestamp.days(fromCivil: year, Int64(month), 1)
                let firstWeekday = ((first + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday
                var day = first + (Int64(weekday) - firstWeekday + 7) % 7 + Int64(week - 1) * 7
                let length = Timestamp.daysIn(month: Int64(month), year: year)
                while day >= first + length { day -= 7 }
                return day
            }
        }
    }

    func offset(at t: Int64) -> Int {
        guard let daylight else { return standard }
        let (year, _, _) = Timestamp.civil(fromDays: floorDivide(t + Int64(standard), 86_400))
        // Start is given in local standard time, end in local daylight time.
        let starts = start.epochDay(in: year) * 86_400 + Int64(start.time) - Int64(standard)
        let ends = end.epochDay(in: year) * 86_400 + Int64(end.time) - Int64(daylight)
        let inDaylight = starts < ends ? (t >= starts && t < ends) : (t < ends || t >= starts)
        return inDaylight ? daylight : standard
    }

    static func parse(_ text: String, zone: String) throws(TimeZoneError) -> POSIXTimeZone {
        var scanner = Scanner(Array(text.unicodeScalars))
        // An offset is hh[:mm[:ss]] with hh at most 24 (POSIX); only a rule's time of day may reach 167 h.
        let offsetLimit = 25 * 3_600
        guard scanner.name(), let standardWest = scanner.duration(), abs(standardWest) < offsetLimit else { throw .rule(zone, text) }
        if scanner.atEnd { return POSIXTimeZone(standard: -standardWest, daylight: nil, start: .init(day: .zeroBased(0), time: 0), end: .init(day: .zeroBased(0), time: 0)) }
        guard scanner.name() else { throw .rule(zone, text) }
        var daylightWest = standardWest - 3_600
        if let given = scanner.duration() {
            guard abs(given) < offsetLimit else { throw .rule(zone, text) }
            daylightWest = given
        }
        // Without rules, POSIX leaves them to the implementation; glibc and zic use the US ones.
        var rules = (DateRule(day: .month(3, week: 2, weekday: 0), time: 7_200), DateRule(day: .month(11, week: 1, weekday: 0), time: 7_200))
        if !scanner.atEnd {
            guard scanner.take(","), let start = scanner.dateRule(), scanner.take(","), let end = scanner.dateRule(), scanner.atEnd else {
                throw .rule(zone, text)
            }
            rules = (start, end)
        }
        return POSIXTimeZone(standard: -standardWest, daylight: -daylightWest, start: rules.0, end: rules.1)
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var at = 0
        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { at == scalars.count }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            guard at < scalars.count, scalars[at] == c else { return false }
            at += 1
            return true
        }

        /// `CET` (three or more letters) or `<+0530>`.
        mutating func name() -> Bool {
            if take("<") {
                while at < scalars.count, scalars[at] != ">" { at += 1 }
                return take(">")
            }
            let begin = at
            while at < scalars.count, ("A"..."Z").contains(scalars[at]) || ("a"..."z").contains(scalars[at]) { at += 1 }
            return at - begin >= 3
        }

        mutating func number() -> Int? {
            var value = 0, digits = 0
            while at < scalars.count, ("0"..."9").contains(scalars[at]), digits < 6 {
                value = value * 10 + Int(scalars[at].value - 48)
                at += 1
                digits += 1
            }
            return digits == 0 ? nil : value
        }

        /// `[+-]hh[:mm[:ss]]` in seconds (hours up to 167, as TZif version 3 allows).
        mutating func duration() -> Int? {
            let sign = take("-") ? -1 : (take("+") ? 1 : 1)
            guard let hours = number(), hours <= 167 else { return nil }
            var seconds = hours * 3_600
            if take(":") { guard let m = number(), m < 60 else { return nil }; seconds += m * 60 }
            if take(":") { guard let s = number(), s < 60 else { return nil }; seconds += s }
            return sign * seconds
        }

        mutating func dateRule() -> DateRule? {
            let day: DateRule.Day
            if take("M") {
                guard let m = number(), (1...12).contains(m), take("."), let w = number(), (1...5).contains(w), take("."),
                      let d = number(), (0...6).contains(d) else { return nil }
                day = .month(m, week: w, weekday: d)
            } else if take("J") {
                guard let n = number(), (1...365).contains(n) else { return nil }
                day = .julian(n)
            } else {
                guard let n = number(), (0...365).contains(n) else { return nil }
                day = .zeroBased(n)
            }
            var time = 7_200
            if take("/") { guard let t = duration() else { return nil }; time = t }
            return DateRule(day: day, time: time)
        }
    }
}

func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : -((-a + b - 1) / b)
}
