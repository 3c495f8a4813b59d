import IDPCore
import IDPHTTP

extension GitHubClient {
    /// The state of pull request `number` of `repository` (`owner/name`): open (kept, when it
    /// carries `keepLabel`), or closed and whether it was merged. A pull request GitHub does not
    /// show (404: no access, or none) is `.unknown`, never a reason to destroy.
    public func pullRequestState(_ repository: String, _ number: Int, keepLabel: String? = nil) throws(GitHubError) -> SourceState {
        guard let pull = try pullRequest(repository, number) else { return .unknown }
        guard pull.open else { return .closed(pullRequest: number, merged: pull.merged) }
        if let keepLabel, PullRequestControls.carries(pull.labels, keepLabel) {
            let setter = try labelSetter(keepLabel, repository, number)
            return setter.honoured ? .kept(label: keepLabel) : .keepIgnored(label: keepLabel, by: setter.login, permission: setter.permission)
        }
        return .open
    }

    /// Who last set `label` on issue or pull request `number` (its `labeled` events, newest last), with
    /// their permission, and whether a label of theirs steers environments: only one set by someone
    /// with write access (triage may label; `PullRequestControls.mayCommand`). No such event: nobody.
    public func labelSetter(_ label: String, _ repository: String, _ number: Int) throws(GitHubError) -> (login: String?, permission: String, honoured: Bool) {
        var login: String?
        try list("/repos/\(repository)/issues/\(number)/events", operation: "list events of \(repository)#\(number)") { event in
            guard event["event"]?.stringValue == "labeled", let name = event["label"]?["name"]?.stringValue,
                  PullRequestControls.carries([name], label) else { return }
            login = event["actor"]?["login"]?.stringValue
        }
        guard let login else { return (nil, "none", false) }
        let permission = try permission(of: login, on: repository)
        return (login, permission, PullRequestControls.mayCommand(permission: permission))
    }

    /// Whether `branch` still exists in `repository`. GitHub answers 404 both for a deleted branch
    /// and for a repository the token cannot see, so the repository is asked first: only a
    /// visible repository without the branch is `.branchDeleted`.
    public func branchState(_ repository: String, _ branch: String) throws(GitHubError) -> SourceState {
        do { _ = try send("GET", "/repos/\(repository)", operation: "GET repository \(repository)") } catch {
            if error.httpStatus == 404 { return .unknown }
            throw error
        }
        do {
            _ = try send("GET", "/repos/\(repository)/branches/\(percentEncode(branch))", operation: "GET branch \(branch) of \(repository)")
            return .open
        } catch {
            if error.httpStatus == 404 { return .branchDeleted(branch) }
            throw error
        }
    }

    /// What GitHub says of the pull request (or, without one, the branch) a record was made for.
    public func sourceState(of record: EnvironmentRecord, keepLabel: String? = nil) throws(GitHubError) -> SourceState {
        if let number = record.pullRequest { return try pullRequestState(record.repository, number, keepLabel: keepLabel) }
        return try branchState(record.repository, record.branch)
    }

    /// How `head` relates to `base` in `repository` (`GET /repos/{o}/{r}/compare/{base}...{head}`);
    /// nil when GitHub cannot say (a commit it does not know: 404).
    public func commitOrder(_ repository: String, base: String, head: String) throws(GitHubError) -> CommitOrder? {
        let operation = "GET compare \(base.prefix(7))...\(head.prefix(7)) in \(repository)"
        let response: HTTPResponse
        do { response = try send("GET", "/repos/\(repository)/compare/\(percentEncode(base))...\(percentEncode(head))", operation: operation) } catch {
            if error.httpStatus == 404 { return nil }
            throw error
        }
        guard let status = (try? JSONValue.parse(response.body))?["status"]?.stringValue else {
            throw .malformed("no status in the comparison", operation: operation)
        }
        return CommitOrder(rawValue: status)
    }
}
