import Testing
@testable import IDPCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2000-02-29T23:59:59Z", 951_868_799),
        ("2026-11-22T09:30:00Z", 1_795_339_800),
        ("1969-12-31T23:59:59Z", -1),
    ])
    func roundTrips(_ text: String, _ seconds: Int64) {
        #expect(Timestamp(iso8601: text)?.secondsSinceEpoch == seconds)
        #expect(Timestamp(secondsSinceEpoch: seconds).iso8601 == text)
    }

    @Test func acceptsFractionsAndOffsets() {
        #expect(Timestamp(iso8601: "2026-11-22T09:30:00.123Z")?.iso8601 == "2026-11-22T09:30:00Z")
        #expect(Timestamp(iso8601: "2026-11-22T11:30:00+02:00")?.iso8601 == "2026-11-22T09:30:00Z")
        #expect(Timestamp(iso8601: "2026-11-22T04:30:00-05:00")?.iso8601 == "2026-11-22T09:30:00Z")
    }

    @Test(arguments: ["", "2026-11-22", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-22T24:00:00Z",
                      "2026-11-22T09:30:00", "2026-11-22T09:30:00Zjunk", "２026-11-22T09:30:00Z"])
    func rejectsMalformed(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func basicFormIsKeySafe() {
        #expect(Timestamp(secondsSinceEpoch: 1_795_339_800).basicISO8601 == "20261122T093000Z")
    }

    @Test func humanDurations() {
        #expect(humanDuration(seconds: 90_000) == "1d 1h")
        #expect(humanDuration(seconds: 7_200) == "2h")
        #expect(humanDuration(seconds: 5_400) == "1h 30m")
        #expect(humanDuration(seconds: 59) == "0m")
    }
}
