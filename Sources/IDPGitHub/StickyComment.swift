import IDPCore

/// Keeps one comment per environment on a pull request: found by its hidden marker and author
/// through every page of comments, created, updated in place, left alone when unchanged, or deleted.
public struct StickyComment {
    public let client: GitHubClient
    public let repository: String
    public let pullRequest: Int
    /// Only comments by these logins count as ours (`github-actions[bot]` for `GITHUB_TOKEN`, and
    /// the platform's App, `<slug>[bot]`, which comments from scheduled destroys), so a person
    /// quoting the marker is never overwritten.
    public let authors: Set<String>

    public init(client: GitHubClient, repository: String, pullRequest: Int, authors: Set<String>) {
        self.client = client
        self.repository = repository
        self.pullRequest = pullRequest
        self.authors = authors
    }

    public enum Outcome: Equatable, Sendable {
        case created(Int), updated(Int), unchanged(Int), deleted(Int), absent
        case wouldCreate, wouldUpdate(Int), wouldDelete(Int)

        public var action: String {
            switch self {
            case .created: "created"
            case .updated: "updated"
            case .unchanged: "unchanged"
            case .deleted: "deleted"
            case .absent: "absent"
            case .wouldCreate: "would-create"
            case .wouldUpdate: "would-update"
            case .wouldDelete: "would-delete"
            }
        }

        public var commentID: Int? {
            switch self {
            case .created(let id), .updated(let id), .unchanged(let id), .deleted(let id), .wouldUpdate(let id), .wouldDelete(let id): id
            case .absent, .wouldCreate: nil
            }
        }
    }

    /// The existing comment of `environment` (the newest, should there be several): id and body.
    public func find(_ environment: EnvironmentName) throws(GitHubError) -> (id: Int, body: String)? {
        try find { PRComment.isMarked($0, for: environment) }
    }

    /// Our newest comment whose body `isOurs` accepts.
    func find(_ isOurs: (String) -> Bool) throws(GitHubError) -> (id: Int, body: String)? {
        var found: (Int, String)?
        try client.list("/repos/\(repository)/issues/\(pullRequest)/comments", operation: "list comments of \(repository)#\(pullRequest)") { item in
            guard case .number(let id)? = item["id"], let body = item["body"]?.stringValue,
                  let login = item["user"]?["login"]?.stringValue, authors.contains(login), isOurs(body) else { return }
            found = (Int(id), body)
        }
        return found
    }

    /// Replaces `section` of `environment`'s comment with `text` (nil removes it). Nil when the
    /// environment has no comment (nothing to attach the text to).
    public func setSection(_ section: PRComment.Section, of environment: EnvironmentName, to text: String?) throws(GitHubError) -> Outcome? {
        guard let existing = try find(environment) else { return nil }
        return try write(PRComment.replacingSection(section, with: text, in: existing.body), over: existing)
    }

    /// The pull request's one comment for commands when it has no environment: created once, then
    /// updated in place with the latest answer.
    public func answerWithoutEnvironment(_ text: String) throws(GitHubError) -> Outcome {
        let body = PRComment.commandsMarker + "\n" + text + "\n"
        return try write(body, over: try find { $0.hasPrefix(PRComment.commandsMarker + "\n") })
    }

    private func write(_ body: String, over existing: (id: Int, body: String)?) throws(GitHubError) -> Outcome {
        if let existing, existing.body == body { return .unchanged(existing.id) }
        if let existing {
            _ = try client.send("PATCH", "/repos/\(repository)/issues/comments/\(existing.id)", body: .object(["body": .string(body)]),
                                operation: "update comment \(existing.id)")
            return .updated(existing.id)
        }
        let response = try client.send("POST", "/repos/\(repository)/issues/\(pullRequest)/comments", body: .object(["body": .string(body)]),
                                       operation: "comment on \(repository)#\(pullRequest)")
        guard case .number(let id)? = (try? JSONValue.parse(response.body))?["id"] else {
            throw .malformed("created comment has no id", operation: "comment on \(repository)#\(pullRequest)")
        }
        return .created(Int(id))
    }

    /// Creates or updates the comment so its body is `body`; no write when it already is.
    public func upsert(_ environment: EnvironmentName, body: String, dryRun: Bool) throws(GitHubError) -> Outcome {
        let existing = try find(environment)
        if let existing, existing.body == body { return .unchanged(existing.id) }
        if dryRun { return existing.map { .wouldUpdate($0.id) } ?? .wouldCreate }
        return try write(body, over: existing)
    }

    public func delete(_ environment: EnvironmentName, dryRun: Bool) throws(GitHubError) -> Outcome {
        guard let existing = try find(environment) else { return .absent }
        if dryRun { return .wouldDelete(existing.id) }
        _ = try client.send("DELETE", "/repos/\(repository)/issues/comments/\(existing.id)", operation: "delete comment \(existing.id)")
        return .deleted(existing.id)
    }
}
