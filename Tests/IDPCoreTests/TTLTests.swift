import Testing
@testable import IDPCore

@Suite struct TTLTests {
    @Test(arguments: TTL.validExamples)
    func acceptsValidExamples(_ text: String) throws {
        #expect(try TTL.parse(text).description == text)
    }

    @Test(arguments: TTL.invalidExamples)
    func rejectsInvalidExamples(_ text: String) {
        #expect(throws: TTLError.self) { try TTL.parse(text) }
    }

    @Test func secondsPerUnit() throws {
        #expect(try TTL.parse("2h").seconds == 7_200)
        #expect(try TTL.parse("7d").seconds == 604_800)
    }

    @Test(arguments: [
        ("", TTLError.empty),
        (" 7d", .whitespace(" 7d")),
        ("7d\n", .whitespace("7d\n")),
        ("7\u{00A0}d", .whitespace("7\u{00A0}d")),
        ("٧d", .nonASCIIDigit("٧d")),
        ("７d", .nonASCIIDigit("７d")),
        ("d", .missingAmount("d")),
        ("-1h", .missingAmount("-1h")),
        ("12", .missingUnit("12")),
        ("7w", .unit("7w", found: "w")),
        ("7D", .unit("7D", found: "D")),
        ("7dd", .unit("7dd", found: "dd")),
        ("1.5d", .unit("1.5d", found: ".5d")),
        ("0h", .zero("0h")),
        ("000d", .zero("000d")),
        ("99999999999999999999d", .overflow("99999999999999999999d")),
        ("9223372036854775807h", .overflow("9223372036854775807h")),
        ("31d", .exceedsMaximum("31d", maximum: .defaultMaximum)),
        ("721h", .exceedsMaximum("721h", maximum: .defaultMaximum)),
    ])
    func reportsWhy(_ text: String, _ expected: TTLError) {
        #expect(throws: expected) { try TTL.parse(text) }
    }

    @Test func maximumIsConfigurableAndInclusive() throws {
        let max = try TTL.parse("48h", maximum: nil)
        #expect(try TTL.parse("2d", maximum: max).seconds == max.seconds)
        #expect(throws: TTLError.exceedsMaximum("49h", maximum: max)) { try TTL.parse("49h", maximum: max) }
        #expect(try TTL.parse("365d", maximum: nil).amount == 365)
    }

    @Test func messagesNameTheValueAndWhatIsAccepted() {
        #expect(TTLError.unit("7w", found: "w").message == #"ttl "7w": unknown unit "w"; expected "h" or "d""#)
        #expect(TTLError.whitespace("7d\n").message.contains(#""7d\n""#))
    }

    @Test func expiresAtAddsTheDuration() throws {
        let start = Timestamp(iso8601: "2026-02-28T12:00:00Z")!
        #expect(try TTL.parse("1d").expiresAt(from: start).iso8601 == "2026-03-01T12:00:00Z")
        #expect(try TTL.parse("36h").expiresAt(from: start).iso8601 == "2026-03-02T00:00:00Z")
    }
}
