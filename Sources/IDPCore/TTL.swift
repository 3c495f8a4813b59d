/// How long an environment lives: a positive whole number of hours or days, `^[0-9]+[dh]$` in ASCII.
///
/// The one TTL parser of the project: the workflows, `idp-validate`, `idp-tfvars` and `idp-ttl`
/// all call `TTL.parse`, so "7d" means the same thing everywhere (seed #17).
public struct TTL: Hashable, Sendable, CustomStringConvertible, Comparable {
    public enum Unit: String, Sendable, CaseIterable {
        case hours = "h"
        case days = "d"

        /// Seconds in one unit.
        public var seconds: Int { self == .hours ? 3_600 : 86_400 }
    }

    /// The number of units, always at least 1.
    public let amount: Int
    public let unit: Unit
    /// The whole duration in seconds; computed without overflow at parse time.
    public let seconds: Int

    /// The platform maximum when none is configured.
    public static let defaultMaximum = TTL(checkedAmount: 30, unit: .days)

    /// Valid and invalid examples: they feed the tests and the tools' `--help`.
    public static let validExamples = ["2h", "24h", "7d", "30d"]
    public static let invalidExamples = ["0d", "7w", " 7d", "7 d", "1.5d", "٧d", "-1h", "99999999999999999999d"]

    private init(checkedAmount: Int, unit: Unit) {
        self.amount = checkedAmount
        self.unit = unit
        self.seconds = checkedAmount * unit.seconds
    }

    public var description: String { "\(amount)\(unit.rawValue)" }

    public static func < (lhs: TTL, rhs: TTL) -> Bool { lhs.seconds < rhs.seconds }

    /// Parses `text`, then enforces `maximum` (pass nil for none, e.g. when parsing the maximum itself).
    public static func parse(_ text: String, maximum: TTL? = TTL.defaultMaximum) throws(TTLError) -> TTL {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { throw .empty }
        if scalars.contains(where: { $0.properties.isWhitespace }) { throw .whitespace(text) }

        let digits = scalars.prefix { $0.properties.numericType != nil }
        let rest = scalars.dropFirst(digits.count)
        if digits.contains(where: { !("0"..."9").contains($0) }) { throw .nonASCIIDigit(text) }
        guard !digits.isEmpty else { throw .missingAmount(text) }
        guard let unitScalar = rest.first else { throw .missingUnit(text) }
        guard rest.count == 1, let unit = Unit(rawValue: String(unitScalar)) else {
            throw .unit(text, found: String(String.UnicodeScalarView(rest)))
        }

        var amount = 0
        for digit in digits {
            let (shifted, o1) = amount.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.addingReportingOverflow(Int(digit.value - 48))
            if o1 || o2 { throw .overflow(text) }
            amount = next
        }
        guard amount > 0 else { throw .zero(text) }
        // Keep the seconds representable and far from Int.max so later date maths cannot overflow:
        // 100 years is beyond any maximum a platform would set.
        guard amount <= 100 * 366 * 86_400 / unit.seconds else { throw .overflow(text) }

        let ttl = TTL(checkedAmount: amount, unit: unit)
        if let maximum, ttl > maximum { throw .exceedsMaximum(text, maximum: maximum) }
        return ttl
    }

    /// The expiry of an environment created or extended at `start`: the only place it is computed.
    public func expiresAt(from start: Timestamp) -> Timestamp {
        start.adding(seconds: seconds)
    }
}

/// Why a TTL was rejected.
public enum TTLError: DiagnosticConvertible, Equatable {
    case empty
    case whitespace(String)
    case nonASCIIDigit(String)
    case missingAmount(String)
    case missingUnit(String)
    case unit(String, found: String)
    case zero(String)
    case overflow(String)
    case exceedsMaximum(String, maximum: TTL)

    private static let accepted = "expected a whole number followed by \"h\" or \"d\", e.g. \"24h\" or \"7d\""

    public var code: String {
        switch self {
        case .empty: "ttl.empty"
        case .whitespace: "ttl.whitespace"
        case .nonASCIIDigit: "ttl.digits"
        case .missingAmount: "ttl.amount"
        case .missingUnit, .unit: "ttl.unit"
        case .zero: "ttl.zero"
        case .overflow: "ttl.overflow"
        case .exceedsMaximum: "ttl.maximum"
        }
    }

    public var message: String {
        switch self {
        case .empty:
            "ttl is empty; \(Self.accepted)"
        case .whitespace(let text):
            "ttl \(quoted(text)) contains whitespace; \(Self.accepted)"
        case .nonASCIIDigit(let text):
            "ttl \(quoted(text)) uses digits other than ASCII 0-9; \(Self.accepted)"
        case .missingAmount(let text):
            "ttl \(quoted(text)) does not start with a number; \(Self.accepted)"
        case .missingUnit(let text):
            "ttl \(quoted(text)) has no unit; expected \"h\" or \"d\" after the number"
        case .unit(let text, let found):
            "ttl \(quoted(text)): unknown unit \(quoted(found)); expected \"h\" or \"d\""
        case .zero(let text):
            "ttl \(quoted(text)) is zero; an environment must live at least 1h"
        case .overflow(let text):
            "ttl \(quoted(text)) is too large to represent"
        case .exceedsMaximum(let text, let maximum):
            "ttl \(quoted(text)) exceeds the platform maximum of \(maximum)"
        }
    }
}
