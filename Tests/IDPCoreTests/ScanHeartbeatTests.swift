import Testing
@testable import IDPCore

@Suite struct ScanHeartbeatTests {
    let at = Timestamp(iso8601: "2026-11-22T08:00:00Z")!

    func later(_ seconds: Int) -> Timestamp { at.adding(seconds: seconds) }

    @Test func overdueAfterThreeMissedRuns() {
        let beat = ScanHeartbeat(scannedAt: at)
        #expect(!ScanHeartbeat.isOverdue(beat, now: later(12 * 3_600)))
        #expect(ScanHeartbeat.isOverdue(beat, now: later(12 * 3_600 + 1)))
        // Never scanned: overdue.
        #expect(ScanHeartbeat.isOverdue(nil, now: at))
    }

    @Test func theWarningSaysSinceWhenAndWhatToRun() throws {
        let warning = try #require(ScanHeartbeat.warning(ScanHeartbeat(scannedAt: at), now: later(2 * 86_400)))
        #expect(warning.contains("has not run since 2026-11-22T08:00:00Z (2d ago)"), "\(warning)")
        #expect(warning.contains("gh workflow enable ttl-cleanup.yml"))
        #expect(ScanHeartbeat.warning(ScanHeartbeat(scannedAt: at), now: later(3_600)) == nil)
        #expect(ScanHeartbeat.status(ScanHeartbeat(scannedAt: at), now: later(3_600)) == "TTL cleanup last ran 1h ago (2026-11-22T08:00:00Z)")
    }

    @Test func roundTripsAndRefusesGarbage() {
        let beat = ScanHeartbeat(scannedAt: at, runURL: "https://github.com/acme/mini-idp/actions/runs/1")
        #expect(ScanHeartbeat(json: Array(beat.json.utf8)) == beat)
        #expect(ScanHeartbeat(json: Array(#"{"scanned_at":"yesterday"}"#.utf8)) == nil)
        #expect(ScanHeartbeat(json: Array("not json".utf8)) == nil)
    }
}
