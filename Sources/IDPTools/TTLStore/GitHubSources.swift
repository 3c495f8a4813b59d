import IDPCore
import IDPGitHub
import IDPHTTP
import IDPRuntime

/// The GitHub side of the lifecycle: whether a pull request is still open, for `create` (a
/// provision that starts after its pull request closed records nothing) and `scan` (environments
/// whose pull request closed or branch went are destroyed).
enum GitHubSources {
    /// A client for `GITHUB_API_URL` with `IDP_GITHUB_TOKEN` (the scan's App token) or
    /// `GITHUB_TOKEN`; nil without a token.
    static func client(_ runtime: Runtime) throws(ToolFailure) -> GitHubClient? {
        let env = runtime.context
        guard let token = env["IDP_GITHUB_TOKEN"] ?? env["GITHUB_TOKEN"] else { return nil }
        runtime.mask(token)
        guard let api = Endpoint(env["GITHUB_API_URL"] ?? "https://api.github.com") else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "GITHUB_API_URL \(quoted(env["GITHUB_API_URL"] ?? "")) is not an http(s) URL")])
        }
        return GitHubClient(api: api, token: token)
    }

    /// The lookup the scan uses: one call per environment; a failure is reported once per
    /// repository and counts as unknown (never a reason to destroy).
    static func lookup(_ client: GitHubClient, reports: LockedReports) -> (EnvironmentRecord) -> SourceState {
        { record in
            do throws(GitHubError) { return try client.sourceState(of: record) } catch {
                reports.add(record.repository, Diagnostic(.warning, code: "scan.github",
                    message: "cannot read \(record.repository)'s pull requests or branches (\(error.message)); its environments follow their TTL alone"))
                return .unknown
            }
        }
    }
}

/// Warnings collected during a scan, one per repository.
final class LockedReports {
    private(set) var byRepository: [String: Diagnostic] = [:]
    func add(_ repository: String, _ diagnostic: Diagnostic) {
        if byRepository[repository] == nil { byRepository[repository] = diagnostic }
    }
}
