import TemplateSupport
import Foundation
import Testing
@testable import IDPCore
import TestSupport

/// Each `Fixtures/events/x.json` is a `pull_request` event under a `create:` mode; `x.out` beside it
/// holds what provision.yml and destroy.yml are told.
@Suite struct PullRequestControlsTests {
    @Test(arguments: Golden.cases("events", ext: "json"))
    func fixturesDecideAsExpected(_ file: URL) throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var controls = PullRequestControls()
        controls.creation = try #require(PullRequestControls.Creation(rawValue: json["create"] as? String ?? ""))
        let decision = controls.decide(action: json["action"] as? String ?? "", labels: json["labels"] as? [String] ?? [],
                                       changedLabel: json["label"] as? String)
        let rendered = "\(decision.action.rawValue): \(decision.reason)\n"
        #expect(try Golden.mismatch(rendered, against: file.deletingPathExtension().appendingPathExtension("out")) == nil)
    }

    @Test func everyExpectedFileHasItsInput() {
        #expect(Golden.orphans("events", ext: "json").isEmpty)
    }

    @Test func labelNamesFollowGitHubsRules() {
        for good in ["preview", "preview:keep", "env/preview", "🚀 preview", String(repeating: "x", count: 50)] {
            #expect(PullRequestControls.isLabel(good), "\(good)")
        }
        for bad in ["", " preview", "preview ", "a,b", "tab\there", String(repeating: "x", count: 51), "new\nline"] {
            #expect(!PullRequestControls.isLabel(bad), "\(bad)")
        }
    }

    /// GitHub's legacy permission field maps maintain to write and triage to read.
    @Test func onlyWriteMaintainAndAdminMayCommand() {
        #expect(PullRequestControls.mayCommand(permission: "admin") && PullRequestControls.mayCommand(permission: "write"))
        for other in ["read", "none", "triage", "maintain-ish", ""] { #expect(!PullRequestControls.mayCommand(permission: other), "\(other)") }
    }

    static let now = Timestamp(iso8601: "2026-12-01T10:00:00Z")!

    static func record(expiresIn hours: Int64, status: EnvironmentRecord.Status = .active, pullRequest: Int? = 7) -> EnvironmentRecord {
        var r = EnvironmentRecord(name: try! EnvironmentName("preview-pay"), template: .apiService, owner: "walt", repository: "acme/shop",
                                  branch: "feature/pay", pullRequest: pullRequest, image: nil, ttl: try! TTL.parse("3d", maximum: nil),
                                  now: now.adding(seconds: -3_600))
        r.expiresAt = now.adding(seconds: Int(hours * 3_600))
        r.status = status
        return r
    }

    /// The window is the scan's interval (4 h) plus the margin (24 h by default).
    @Test func warnsOncePerExpiryWithinTheWindow() {
        let controls = PullRequestControls()
        let interval = ScanHeartbeat.interval
        #expect(controls.warnsOfExpiry(Self.record(expiresIn: 28), now: Self.now, interval: interval))
        #expect(!controls.warnsOfExpiry(Self.record(expiresIn: 29), now: Self.now, interval: interval), "too early")
        #expect(!controls.warnsOfExpiry(Self.record(expiresIn: -1), now: Self.now, interval: interval), "already expired: the scan destroys it")
        #expect(!controls.warnsOfExpiry(Self.record(expiresIn: 5, status: .failed), now: Self.now, interval: interval))
        #expect(!controls.warnsOfExpiry(Self.record(expiresIn: 5, pullRequest: nil), now: Self.now, interval: interval), "no pull request to warn on")
        var warned = Self.record(expiresIn: 5)
        warned.expiryWarnedFor = warned.expiresAt
        #expect(!controls.warnsOfExpiry(warned, now: Self.now, interval: interval), "warned of this expiry already")
        warned.expiresAt = warned.expiresAt.adding(seconds: 3_600)
        #expect(controls.warnsOfExpiry(warned, now: Self.now, interval: interval), "an extension re-arms the warning")
        var shorter = controls
        shorter.expiryWarning = try! TTL.parse("1h", maximum: nil)
        #expect(!shorter.warnsOfExpiry(Self.record(expiresIn: 6), now: Self.now, interval: interval))
    }

    @Test func theWarningMentionsOnlyAValidLogin() {
        let text = PullRequestControls.expiryWarningText(Self.record(expiresIn: 5), now: Self.now, author: "walt")
        #expect(text == "⏰ @walt this environment expires in 5h (2026-12-01T15:00:00Z) — comment `/preview extend 3d` to keep it.")
        let forged = PullRequestControls.expiryWarningText(Self.record(expiresIn: 5), now: Self.now, author: "walt @everyone")
        #expect(!forged.contains("@"), "\(forged)")
        #expect(GitHubLogin.isValid("dependabot[bot]") && !GitHubLogin.isValid("-walt") && !GitHubLogin.isValid("wa--lt"))
    }
}
