import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime

extension GitHubSources {
    /// Warns on the pull request of every environment that expires before the next scan plus the
    /// margin, once per expiry: the comment's warning section first, then the record (a warning
    /// whose record failed is written again, in place, by the next scan). Returns how many.
    static func warnOfExpiry(_ statuses: [EnvironmentStatus], controls: PullRequestControls, clients: (EnvironmentRecord) -> GitHubClient?,
                             store: EnvironmentStore, _ runtime: Runtime, reports: ScanWarnings, budget: RunBudget) -> Int {
        var warned = 0
        for s in statuses where !s.marked {
            // Past the budget the rest waits: a warning is written once per expiry, so the next scan writes it.
            guard !budget.isSpent(at: SystemIO.now()) else { break }
            guard case .keep = s.decision, let record = s.record, let number = record.pullRequest,
                  controls.warnsOfExpiry(record, now: runtime.now, interval: ScanHeartbeat.interval), let client = clients(record) else { continue }
            client.maxWait = Int(min(900, budget.remaining(at: SystemIO.now())))  // no retry-after past the budget
            do throws(GitHubError) {
                guard let pull = try client.pullRequest(record.repository, number), pull.open, !PullRequestControls.carries(pull.labels, controls.keepLabel) else { continue }
                let text = PullRequestControls.expiryWarningText(record, now: runtime.now, author: pull.author)
                let sticky = StickyComment(client: client, repository: record.repository, pullRequest: number, authors: ["github-actions[bot]"])
                guard try sticky.setSection(.expiryWarning, of: record.name, to: text) != nil else { continue }
            } catch {
                reports.add(record.repository, Diagnostic(.warning, code: "scan.github",
                    message: "cannot warn \(record.repository)#\(number) that \(record.name) expires soon (\(error.message))"))
                continue
            }
            do throws(StoreError) {
                if try store.recordExpiryWarning(record.name.rawValue, expiresAt: record.expiresAt) {
                    warned += 1
                    runtime.print("warned \(record.repository)#\(number): \(record.name) expires \(record.expiresAt)")
                }
            } catch {
                reports.add(record.name.rawValue, error.failure.diagnostics.first ?? Diagnostic(code: "scan.warn", message: "\(record.name): \(error)"))
            }
        }
        return warned
    }
}
