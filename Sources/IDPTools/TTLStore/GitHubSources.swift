import IDPCore
import IDPGitHub
import IDPHTTP
import IDPPlatform
import IDPRuntime

/// The GitHub side of the lifecycle: whether a pull request is still open, for `create` (a
/// provision that starts after its pull request closed records nothing) and `scan` (environments
/// whose pull request closed or branch went are destroyed).
enum GitHubSources {
    static func api(_ runtime: Runtime) throws(ToolFailure) -> Endpoint {
        guard let api = Endpoint(runtime.context["GITHUB_API_URL"] ?? "https://api.github.com") else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "GITHUB_API_URL \(quoted(runtime.context["GITHUB_API_URL"] ?? "")) is not an http(s) URL")])
        }
        return api
    }

    /// A client for `GITHUB_API_URL` with `IDP_GITHUB_TOKEN` or `GITHUB_TOKEN`; nil without a token.
    static func client(_ runtime: Runtime) throws(ToolFailure) -> GitHubClient? {
        guard let token = runtime.context["IDP_GITHUB_TOKEN"] ?? runtime.context["GITHUB_TOKEN"] else { return nil }
        runtime.mask(token)
        return GitHubClient(api: try api(runtime), token: token)
    }

    /// Says on the environment's sticky comment why a push was not applied (the run's own token, which
    /// a consumer's provision may write with); a comment that cannot be written is a warning.
    static func sayRefusedPush(_ refusals: [GuardrailError], of record: EnvironmentRecord, commit: String?, _ runtime: Runtime) throws(ToolFailure) {
        guard let pr = record.pullRequest, let github = try client(runtime) else { return }
        let sticky = StickyComment(client: github, repository: record.repository, pullRequest: pr, authors: ["github-actions[bot]"])
        do throws(GitHubError) {
            _ = try sticky.setSection(.refusedPush, of: record.name, to: PRComment.refusedPush(refusals.map(\.message), commit: commit))
        } catch {
            runtime.report([Diagnostic(.warning, code: "comment.skipped", message: "the refusal is not on \(record.repository)#\(pr): \(error.message)")])
        }
    }

    /// The scan's clients, or nil when it has no way to ask GitHub. With the platform's App
    /// (`IDP_GITHUB_APP_ID`, `IDP_GITHUB_APP_PRIVATE_KEY`) each consumer owner is read through the
    /// App's installation there (a token minted once per owner: contents read, pull requests write
    /// for the warning before expiry); else through `IDP_GITHUB_TOKEN`. A failure is reported once
    /// per owner, and that owner's environments are not looked up: never a reason to destroy.
    static func clients(_ runtime: Runtime, reports: ScanWarnings) throws(ToolFailure) -> ((EnvironmentRecord) -> GitHubClient?)? {
        let env = runtime.context
        if let appID = env["IDP_GITHUB_APP_ID"], let key = env["IDP_GITHUB_APP_PRIVATE_KEY"] {
            let app = GitHubApp(appID: appID, privateKey: key, api: try api(runtime))
            var clients: [String: GitHubClient?] = [:]
            return { record in
                let owner = record.repositoryOwner
                if clients[owner] == nil {
                    do throws(GitHubError) {
                        let token = try app.installationToken(owner: owner, now: runtime.wallClock, commenting: true)
                        token.map(runtime.mask)
                        clients[owner] = .some(token.map { GitHubClient(api: app.api, token: $0) })
                        if token == nil {
                            reports.add(owner, Diagnostic(.warning, code: "scan.github", message: "the platform's GitHub App \(appID) is not installed on "
                                + "\(owner): its environments follow their TTL alone; install the App there to have closed pull requests found"))
                        }
                    } catch {
                        clients[owner] = .some(nil)
                        reports.add(owner, Diagnostic(.warning, code: "scan.github", message: "no token of the platform's GitHub App for \(owner) "
                            + "(\(error.message)); its environments follow their TTL alone"))
                    }
                }
                return clients[owner] ?? nil
            }
        }
        return try client(runtime).map { client in { _ in client } }
    }

    /// What GitHub says of a record's pull request or branch (`.kept` with `keepLabel`); a failure
    /// is reported once per repository and counts as unknown.
    static func sourceState(_ client: GitHubClient?, _ record: EnvironmentRecord, keepLabel: String, _ reports: ScanWarnings) -> SourceState {
        guard let client else { return .unknown }
        do throws(GitHubError) {
            let state = try client.sourceState(of: record, keepLabel: keepLabel)
            if case .keepIgnored(let label, let login, let permission) = state, let pr = record.pullRequest {
                reports.add("\(record.repository)#\(pr)", Diagnostic(.warning, code: "keep.ignored", message: "the label \(quoted(label)) on "
                    + "\(record.repository)#\(pr) was set by \(login.map { "@\($0), who has \(quoted(permission)) permission" } ?? "no one GitHub names"): "
                    + "it keeps nothing (only someone with write access may keep an environment); \(record.name) follows its TTL"))
            }
            return state
        } catch {
            reports.add(record.repository, Diagnostic(.warning, code: "scan.github",
                message: "cannot read \(record.repository)'s pull requests or branches (\(error.message)); its environments follow their TTL alone"))
            return .unknown
        }
    }
}

/// The warnings a scan collects while it asks GitHub, one per repository or owner (the scan is
/// one thread: the lookups run one after another).
final class ScanWarnings {
    private(set) var byRepository: [String: Diagnostic] = [:]
    func add(_ key: String, _ diagnostic: Diagnostic) {
        if byRepository[key] == nil { byRepository[key] = diagnostic }
    }
}
