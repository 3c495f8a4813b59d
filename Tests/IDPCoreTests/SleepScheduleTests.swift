import TemplateSupport
import Foundation
import Testing
@testable import IDPCore
import TestSupport

/// Time zones from the IANA database's compiled files (copies in Fixtures/zoneinfo), and the awake
/// schedule on a pinned clock: daylight-saving change days, ranges across midnight, zones west and
/// east of UTC.
@Suite struct SleepScheduleTests {
    static func zone(_ name: String) -> TimeZoneRules {
        let bytes = [UInt8](try! Data(contentsOf: Golden.fixtures().appendingPathComponent("zoneinfo/\(name)")))
        return try! TimeZoneRules.parse(tzif: bytes, name: name)
    }

    static let zones = Dictionary(uniqueKeysWithValues: ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"].map { ($0, zone($0)) })

    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    @Test func offsetsFollowDaylightSavingBothWays() {
        let berlin = Self.zones["Europe/Berlin"]!
        #expect(berlin.offset(at: Self.at("2026-01-15T12:00:00Z")) == 3_600 && berlin.offset(at: Self.at("2026-07-15T12:00:00Z")) == 7_200)
        // 2026-03-29 02:00 CET becomes 03:00 CEST at 01:00 UTC; back on 2026-10-25 at 01:00 UTC.
        #expect(berlin.offset(at: Self.at("2026-03-29T00:59:59Z")) == 3_600 && berlin.offset(at: Self.at("2026-03-29T01:00:00Z")) == 7_200)
        #expect(berlin.offset(at: Self.at("2026-10-25T00:59:59Z")) == 7_200 && berlin.offset(at: Self.at("2026-10-25T01:00:00Z")) == 3_600)
        let newYork = Self.zones["America/New_York"]!
        #expect(newYork.offset(at: Self.at("2026-03-08T06:59:59Z")) == -18_000 && newYork.offset(at: Self.at("2026-03-08T07:00:00Z")) == -14_400)
        let sydney = Self.zones["Australia/Sydney"]!
        #expect(sydney.offset(at: Self.at("2026-01-15T00:00:00Z")) == 39_600 && sydney.offset(at: Self.at("2026-07-15T00:00:00Z")) == 36_000)
        #expect(Self.zones["Asia/Kolkata"]!.offset(at: Self.at("2026-07-15T00:00:00Z")) == 19_800)
        #expect(Self.zones["UTC"]!.offset(at: Self.at("2026-07-15T00:00:00Z")) == 0)
    }

    /// After the file's last transition (2037 in a "fat" file, much earlier in a "slim" one) the
    /// footer's POSIX rule decides: the last Sunday of March 2040 is the 25th.
    @Test func theFooterRuleCoversTheFuture() throws {
        let berlin = Self.zones["Europe/Berlin"]!
        #expect(berlin.offset(at: Self.at("2040-03-25T00:59:59Z")) == 3_600 && berlin.offset(at: Self.at("2040-03-25T01:00:00Z")) == 7_200)
        #expect(berlin.offset(at: Self.at("2040-10-28T00:59:59Z")) == 7_200 && berlin.offset(at: Self.at("2040-10-28T01:00:00Z")) == 3_600)
        let rule = try POSIXTimeZone.parse("AEST-10AEDT,M10.1.0,M4.1.0/3", zone: "Australia/Sydney")
        #expect(rule.offset(at: Self.at("2041-01-10T00:00:00Z").secondsSinceEpoch) == 39_600)
        #expect(rule.offset(at: Self.at("2041-06-10T00:00:00Z").secondsSinceEpoch) == 36_000)
        #expect(try POSIXTimeZone.parse("<+0530>-5:30", zone: "Asia/Kolkata").offset(at: 0) == 19_800)
        #expect(try POSIXTimeZone.parse("EST5EDT", zone: "x").offset(at: Self.at("2041-07-01T00:00:00Z").secondsSinceEpoch) == -14_400)
        #expect(try POSIXTimeZone.parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", zone: "America/Nuuk").offset(at: Self.at("2041-07-01T00:00:00Z").secondsSinceEpoch) == -3_600,
                "negative rule times, as TZif version 3 writes them")
        // "<x>-100" was a fuzzer's find: offsets are at most 24 hours (a rule's time of day may reach 167).
        for bad in ["", "C-1", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0", "CET-200", "<x>-100", "CET-1CEST-30"] {
            #expect(throws: TimeZoneError.self, "\(bad)") { try POSIXTimeZone.parse(bad, zone: "x") }
        }
    }

    @Test func malformedFilesAreRefused() {
        #expect(throws: TimeZoneError.self) { try TimeZoneRules.parse(tzif: Array("not a zone".utf8), name: "x") }
        let berlin = [UInt8](try! Data(contentsOf: Golden.fixtures().appendingPathComponent("zoneinfo/Europe/Berlin")))
        #expect(throws: TimeZoneError.self) { try TimeZoneRules.parse(tzif: Array(berlin.prefix(200)), name: "Europe/Berlin") }
        #expect(TimeZoneRules.isZoneName("America/Argentina/Buenos_Aires") && TimeZoneRules.isZoneName("Etc/GMT+5"))
        #expect(!TimeZoneRules.isZoneName("../etc/passwd") && !TimeZoneRules.isZoneName("/etc/localtime") && !TimeZoneRules.isZoneName(""))
    }

    static let office = AwakeSchedule(ranges: [try! AwakeSchedule.parseRange("Mon-Fri 07:00-20:00 Europe/Berlin")])

    @Test func officeHoursInBerlin() {
        let z = Self.zones
        #expect(!Self.office.isAwake(at: Self.at("2026-11-28T09:00:00Z"), zones: z), "Saturday 10:00")
        #expect(Self.office.isAwake(at: Self.at("2026-11-30T06:00:00Z"), zones: z), "Monday 07:00 CET")
        #expect(!Self.office.isAwake(at: Self.at("2026-11-30T05:59:00Z"), zones: z), "Monday 06:59")
        #expect(Self.office.isAwake(at: Self.at("2026-12-04T18:59:00Z"), zones: z) && !Self.office.isAwake(at: Self.at("2026-12-04T19:00:00Z"), zones: z))
        #expect(Self.office.awakeFraction(from: Self.at("2026-11-30T00:00:00Z"), zones: z) == 65.0 / 168.0)
    }

    /// The weekend of the spring change: Monday 07:00 is 05:00 UTC, no longer 06:00.
    @Test func wakingAfterTheClocksWentForward() {
        let next = Self.office.nextChange(after: Self.at("2026-03-28T09:00:00Z"), zones: Self.zones)
        #expect(next == Self.at("2026-03-30T05:00:00Z"))
        #expect(Self.office.describe(next!, zones: Self.zones) == "Mon 07:00 Europe/Berlin")
        #expect(Self.office.nextChange(after: Self.at("2026-10-30T18:00:00Z"), zones: Self.zones) == Self.at("2026-10-30T19:00:00Z"), "Friday 20:00 CET")
    }

    @Test func aRangeAcrossMidnightWestOfUTC() throws {
        let late = AwakeSchedule(ranges: [try AwakeSchedule.parseRange("Fri 22:00-02:00 America/New_York")])
        let z = Self.zones
        #expect(late.isAwake(at: Self.at("2026-12-05T06:00:00Z"), zones: z), "Saturday 01:00 EST")
        #expect(!late.isAwake(at: Self.at("2026-12-05T07:00:00Z"), zones: z), "Saturday 02:00 EST")
        #expect(!late.isAwake(at: Self.at("2026-12-05T02:59:00Z"), zones: z) && late.isAwake(at: Self.at("2026-12-05T03:00:00Z"), zones: z), "Friday 22:00")
    }

    @Test func severalRangesEastOfUTC() throws {
        let india = AwakeSchedule(ranges: [try AwakeSchedule.parseRange("Mon-Fri 09:30-18:00 Asia/Kolkata"),
                                           try AwakeSchedule.parseRange("sat 10:00-13:00 Asia/Kolkata")])
        #expect(india.isAwake(at: Self.at("2026-12-01T04:00:00Z"), zones: Self.zones), "Tuesday 09:30 IST")
        #expect(!india.isAwake(at: Self.at("2026-12-01T03:59:00Z"), zones: Self.zones))
        #expect(india.isAwake(at: Self.at("2026-12-05T05:00:00Z"), zones: Self.zones) && !india.isAwake(at: Self.at("2026-12-06T05:00:00Z"), zones: Self.zones))
        #expect(india.zoneNames == ["Asia/Kolkata"])
    }

    @Test func rangesAreCheckedPartByPart() {
        #expect(try! AwakeSchedule.parseRange("Fri-Mon 00:00-24:00 UTC").days == [5, 6, 0, 1])
        #expect(try! AwakeSchedule.parseRange("Mon-Wed,Fri 07:00-20:00 UTC").days == [1, 2, 3, 5])
        let cases: [(String, AwakeScheduleError)] = [
            ("Mon-Fri 07:00-20:00", .shape("Mon-Fri 07:00-20:00")), ("Mon-Fry 07:00-20:00 UTC", .days("Mon-Fry")),
            ("Mon-Fri 7:00-20:00 UTC", .hours("7:00-20:00")), ("Mon-Fri 07:00-07:00 UTC", .hours("07:00-07:00")),
            ("Mon-Fri 07:00-24:01 UTC", .hours("07:00-24:01")), ("Mon-Fri 07:00-20:00 ../../etc/passwd", .zone("../../etc/passwd")),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try AwakeSchedule.parseRange(text) }
        }
    }

    static func record(_ status: EnvironmentRecord.Status, sleeps: Bool = true) -> EnvironmentRecord {
        var r = EnvironmentRecord(name: try! EnvironmentName("preview-pay"), template: .apiDatabase, owner: "walt", repository: "acme/shop",
                                  branch: "feature/pay", pullRequest: 7, image: nil, ttl: try! TTL.parse("7d", maximum: nil), now: at("2026-11-25T09:00:00Z"))
        r.status = status
        r.sleeps = sleeps
        return r
    }

    @Test func theDecisionFromRecordScheduleAndClock() {
        let saturday = Self.at("2026-11-28T09:00:00Z"), monday = Self.at("2026-11-30T06:00:00Z")
        let z = Self.zones
        #expect(SleepDecision.decide(Self.record(.active), schedule: Self.office, zones: z, now: saturday) == .sleep(until: monday))
        #expect(SleepDecision.decide(Self.record(.sleeping), schedule: Self.office, zones: z, now: saturday) == .stay("asleep outside the awake hours"))
        #expect(SleepDecision.decide(Self.record(.sleeping), schedule: Self.office, zones: z, now: monday) == .wake)
        #expect(SleepDecision.decide(Self.record(.active, sleeps: false), schedule: Self.office, zones: z, now: saturday)
                == .stay("its repository opted out (sleep: false)"))
        #expect(SleepDecision.decide(Self.record(.active), schedule: Self.office, zones: z, now: saturday, kept: true)
                == .stay("its pull request carries the keep label"))
        #expect(SleepDecision.decide(Self.record(.sleeping), schedule: nil, zones: z, now: saturday) == .wake, "schedule removed: everything wakes")
        #expect(SleepDecision.decide(Self.record(.destroying), schedule: Self.office, zones: z, now: saturday) == .stay("destroying: only active environments sleep"))
        // A push (or a wake by hand) on Saturday morning holds it awake for two hours.
        var pushed = Self.record(.active)
        pushed.statusChangedAt = Self.at("2026-11-28T08:15:00Z")
        #expect(SleepDecision.decide(pushed, schedule: Self.office, zones: z, now: saturday) == .stay("deployed or woken 45m ago: awake for 2h after that"))
        #expect(SleepDecision.decide(pushed, schedule: Self.office, zones: z, now: Self.at("2026-11-28T10:15:00Z")) == .sleep(until: monday))
        #expect(SleepDecision.sleepingText(until: monday, schedule: Self.office, zones: z)
                == "😴 sleeping until Mon 07:00 Europe/Berlin — push or comment `/preview wake` to wake it now.")
    }

    @Test func whatSleepChangedSurvivesTheRecord() throws {
        var r = Self.record(.sleeping)
        r.sleep = SleepState(since: Self.at("2026-11-28T09:00:00Z"), services: ["preview-pay-cluster/preview-pay": 2], database: "preview-pay-db")
        r.countSleep(since: Self.at("2026-11-28T09:00:00Z"), now: Self.at("2026-11-30T06:00:00Z"))
        let read = try EnvironmentRecord(json: try JSONValue.parse(r.json))
        #expect(read == r && read.sleptSeconds == 45 * 3_600 && read.sleptMonth == "2026-11")
        r.countSleep(since: Self.at("2026-11-30T20:00:00Z"), now: Self.at("2026-12-01T06:00:00Z"))
        #expect(r.sleptMonth == "2026-12" && r.sleptSeconds == 6 * 3_600, "a new month counts from its first second")
        #expect(TemplateDeclaration.apiDatabase.sleepTargets(for: try EnvironmentName("preview-pay"))
                == SleepTargets(services: ["preview-pay-cluster/preview-pay"], database: "preview-pay-db", alarms: ["preview-pay-running-tasks"]))
        #expect(TemplateDeclaration.scheduledWorker.sleepTargets(for: try EnvironmentName("preview-job")) == SleepTargets(rule: "preview-job-schedule"))
    }
}

/// What sleep does to the estimates: only Fargate tasks, the RDS instance and a worker's runs stop.
@Suite struct SleepCostTests {
    static let prices = Prices.forRegion("us-east-1").prices

    @Test func awakeHoursLowerOnlyWhatSleepStops() {
        let api = CostEstimate(template: .apiDatabase, cpu: 256, memory: 512, prices: Self.prices)
        let task = 0.25 * Self.prices.fargateVCPUHour + 0.5 * Self.prices.fargateGBHour
        let instance = Self.prices.rdsInstanceHour[TemplateDeclaration.apiDatabase.cost.database!.instanceClass] ?? 0
        #expect(abs(api.sleepablePerHour - (task + instance)) < 1e-12)
        let office = api.awake(65.0 / 168.0)
        #expect(abs(office.perHour - (api.perHour - (task + instance) * 103.0 / 168.0)) < 1e-12)
        #expect(api.awake(nil) == api && api.awake(1) .perHour == api.perHour)
        #expect(office.perHour > api.perHour - api.sleepablePerHour, "the load balancer, storage, addresses and alarms still cost")
    }

    @Test func savingsCountThisMonthOnly() {
        var r = SleepScheduleTests.record(.sleeping)
        r.costPerHour = 0.1
        r.sleepablePerHour = 0.05
        r.sleep = SleepState(since: Timestamp(iso8601: "2026-11-30T20:00:00Z")!)
        r.sleptMonth = "2026-11"
        r.sleptSeconds = 10 * 3_600
        // In December the November hours no longer count; the sleep going on counts from the 1st.
        #expect(abs(r.sleepSaved(now: Timestamp(iso8601: "2026-12-01T06:00:00Z")!) - 6 * 0.05) < 1e-12)
        #expect(abs(r.sleepSaved(now: Timestamp(iso8601: "2026-11-30T22:00:00Z")!) - 12 * 0.05) < 1e-12)
        r.sleeps = false
        #expect(r.estimate(awakeFraction: 0.4)?.perHour == 0.1, "an opted-out environment costs all week")
    }
}
