/// A short duration a run waits or spends (`90s`, `15m`, `1h`): `--wait` of `idp-ttl wake`,
/// `--budget` of `idp-ttl scan` and `sleep`. One parser for all of them; TTLs (`7d`) are `TTL`'s.
public enum WaitDuration {
    public static let validExamples = ["90s", "15m", "1h", "0"]
    public static let invalidExamples = ["15", "1.5m", "2d", "-5m", "m", "99999999999999999999s"]

    /// Seconds, from 0 (`0`) to `most`.
    public static func seconds(_ text: String, most: Int) throws(WaitDurationError) -> Int {
        if text == "0" { return 0 }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600]
        guard let unit = text.last.flatMap({ units[$0] }), let n = Int(text.dropLast()), n > 0, !text.hasPrefix("+"),
              n <= most / unit, n * unit <= most else { throw .invalid(text, most: most) }
        return n * unit
    }
}

public enum WaitDurationError: DiagnosticConvertible, Equatable {
    case invalid(String, most: Int)

    public var code: String { "duration" }
    public var message: String {
        switch self {
        case .invalid(let text, let most):
            "duration \(quoted(text)) is not one such as 90s, 15m or 1h (at most \(most >= 3_600 ? "\(most / 3_600)h" : "\(most / 60)m"), or 0)"
        }
    }
}
