/// A time zone's offsets from UTC, read from its compiled TZif file (RFC 8536, the files of the IANA
/// database under /usr/share/zoneinfo): the recorded transitions, and after the last one the POSIX
/// TZ rule of the file's footer (a "slim" file records few transitions and relies on it). Bytes in,
/// offsets out: reading the file is the tool's job.
public struct TimeZoneRules: Sendable, Equatable {
    /// The zone's name as asked for, e.g. "Europe/Berlin".
    public let name: String
    /// UTC seconds at which `offsets[i]` starts, ascending.
    let transitions: [Int64]
    /// The offset (seconds east of UTC) that starts at each transition.
    let offsets: [Int]
    /// Before the first transition.
    let initialOffset: Int
    /// After the last transition, when the file has one.
    let footer: POSIXTimeZone?

    /// A zone with one fixed offset (UTC, or a test's).
    public init(name: String, fixedOffset: Int) {
        self.init(name: name, transitions: [], offsets: [], initialOffset: fixedOffset, footer: nil)
    }

    init(name: String, transitions: [Int64], offsets: [Int], initialOffset: Int, footer: POSIXTimeZone?) {
        self.name = name
        self.transitions = transitions
        self.offsets = offsets
        self.initialOffset = initialOffset
        self.footer = footer
    }

    /// Seconds east of UTC in effect at `time`.
    public func offset(at time: Timestamp) -> Int {
        let t = time.secondsSinceEpoch
        if let last = transitions.last, t >= last, let footer { return footer.offset(at: t) }
        if transitions.isEmpty { return footer?.offset(at: t) ?? initialOffset }
        guard t >= transitions[0] else { return initialOffset }
        var low = 0, high = transitions.count - 1  // the last transition at or before t
        while low < high {
            let mid = (low + high + 1) / 2
            if transitions[mid] <= t { low = mid } else { high = mid - 1 }
        }
        return offsets[low]
    }

    /// Parses a TZif file (version 1, 2, 3 or 4; the 64-bit data of version 2+ when present).
    public static func parse(tzif bytes: [UInt8], name: String) throws(TimeZoneError) -> TimeZoneRules {
        var reader = ByteReader(bytes: bytes)
        var header = try reader.header(name)
        let version = header.version
        if version >= 2 {
            try reader.skip(header.dataLength(timeSize: 4), name)
            header = try reader.header(name)
        }
        let timeSize = version >= 2 ? 8 : 4
        var transitions: [Int64] = []
        for _ in 0..<header.timeCount { transitions.append(try reader.integer(timeSize, name)) }
        var indices: [Int] = []
        for _ in 0..<header.timeCount {
            let index = Int(try reader.integer(1, name, signed: false))
            guard index < header.typeCount else { throw .malformed(name, "a transition names local time type \(index) of \(header.typeCount)") }
            indices.append(index)
        }
        var types: [(offset: Int, isDST: Bool)] = []
        for _ in 0..<header.typeCount {
            let offset = Int(try reader.integer(4, name))
            let isDST = try reader.integer(1, name, signed: false) != 0
            _ = try reader.integer(1, name, signed: false)  // abbreviation index
            guard abs(offset) < 26 * 3_600 else { throw .malformed(name, "offset \(offset) s is beyond ±26 h") }
            types.append((offset, isDST))
        }
        guard !types.isEmpty else { throw .malformed(name, "no local time types") }
        try reader.skip(header.charCount + header.leapCount * (timeSize + 4) + header.isStdCount + header.isUTCCount, name)
        var footer: POSIXTimeZone?
        if version >= 2, let text = reader.footer() {
            footer = text.isEmpty ? nil : try POSIXTimeZone.parse(text, zone: name)
        }
        // RFC 8536: before the first transition, the first non-DST type (else type 0).
        let initial = types.first { !$0.isDST }?.offset ?? types[0].offset
        return TimeZoneRules(name: name, transitions: transitions, offsets: indices.map { types[$0].offset }, initialOffset: initial, footer: footer)
    }

    /// A zone name as the IANA database spells them (`Europe/Berlin`, `America/Argentina/Buenos_Aires`,
    /// `UTC`): letters, digits, `_`, `-`, `+` in `/`-separated parts, never `.` or `..`, so that the
    /// name is safe to join to a directory.
    public static func isZoneName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return (1...255).contains(name.count) && !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.first != "-" && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-+".contains($0)) }
        }
    }
}

/// Why a time zone cannot be used.
public enum TimeZoneError: DiagnosticConvertible, Equatable {
    case malformed(String, String)
    case rule(String, String)
    case unknown(String)

    public var code: String { "timezone.invalid" }
    public var message: String {
        switch self {
        case .malformed(let zone, let why): "time zone \(quoted(zone)): its TZif file is malformed (\(why))"
        case .rule(let zone, let rule): "time zone \(quoted(zone)): cannot read its rule \(quoted(rule))"
        case .unknown(let zone): "time zone \(quoted(zone)) is not in the IANA time zone database; expected a name such as \"Europe/Berlin\" or \"America/New_York\""
        }
    }
}

/// The bytes of a TZif file, read front to back.
private struct ByteReader {
    let bytes: [UInt8]
    var at = 0

    struct Header {
        var version: Int
        var isUTCCount, isStdCount, leapCount, timeCount, typeCount, charCount: Int
        func dataLength(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4) + isStdCount + isUTCCount
        }
    }

    mutating func header(_ name: String) throws(TimeZoneError) -> Header {
        guard at + 44 <= bytes.count, bytes[at..<at + 4].elementsEqual("TZif".utf8) else { throw .malformed(name, "no TZif header") }
        let versionByte = bytes[at + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - 48
        guard (1...4).contains(version) else { throw .malformed(name, "unknown version") }
        at += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            let n = try integer(4, name)
            guard (0...1_000_000).contains(n) else { throw .malformed(name, "a count of \(n)") }
            counts.append(Int(n))
        }
        return Header(version: version, isUTCCount: counts[0], isStdCount: counts[1], leapCount: counts[2], timeCount: counts[3],
                      typeCount: counts[4], charCount: counts[5])
    }

    mutating func integer(_ size: Int, _ name: String, signed: Bool = true) throws(TimeZoneError) -> Int64 {
        guard at + size <= bytes.count else { throw .malformed(name, "it ends early") }
        var value: UInt64 = 0
        for byte in bytes[at..<at + size] { value = value << 8 | UInt64(byte) }
        at += size
        guard signed, size < 8 else { return Int64(bitPattern: value) }
        let shift = UInt64(64 - size * 8)
        return Int64(bitPattern: value << shift) >> Int64(shift)
    }

    mutating func skip(_ count: Int, _ name: String) throws(TimeZoneError) {
        guard count >= 0, at + count <= bytes.count else { throw .malformed(name, "it ends early") }
        at += count
    }

    /// The text between the newlines after the version 2+ data, or nil when there is none.
    func footer() -> String? {
        guard at < bytes.count, bytes[at] == UInt8(ascii: "\n"), let end = bytes[(at + 1)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return String(decoding: bytes[(at + 1)..<end], as: UTF8.self)
    }
}
