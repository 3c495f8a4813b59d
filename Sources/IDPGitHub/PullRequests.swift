import IDPCore
import IDPHTTP

/// What the lifecycle reads of one pull request (`GET /repos/{o}/{r}/pulls/{n}`).
public struct PullRequest: Sendable, Equatable {
    public var number: Int
    public var open: Bool
    public var merged: Bool
    /// `owner/name` of the head branch's repository: another one than the base means a fork.
    /// Nil when the fork was deleted (GitHub then answers `head.repo: null`).
    public var headRepository: String?
    public var labels: [String]
    /// Who opened it.
    public var author: String?

    public init(number: Int, open: Bool, merged: Bool = false, headRepository: String?, labels: [String] = [], author: String? = nil) {
        self.number = number
        self.open = open
        self.merged = merged
        self.headRepository = headRepository
        self.labels = labels
        self.author = author
    }

    public init(json: JSONValue, number: Int) throws(GitHubError) {
        guard let state = json["state"]?.stringValue else {
            throw .malformed("no state in the pull request", operation: "GET pull request #\(number)")
        }
        var labels: [String] = []
        if case .array(let items)? = json["labels"] { labels = items.compactMap { $0["name"]?.stringValue } }
        self.init(number: number, open: state != "closed", merged: json["merged"] == .bool(true) || json["merged_at"]?.stringValue != nil,
                  headRepository: json["head"]?["repo"]?["full_name"]?.stringValue, labels: labels, author: json["user"]?["login"]?.stringValue)
    }
}

/// The reactions the platform answers commands with (GitHub's `content` values).
public enum Reaction: String, Sendable {
    case done = "+1"
    case refused = "confused"
}

extension GitHubClient {
    /// Pull request `number` of `repository`, or nil when GitHub does not show it (404: none, or no access).
    public func pullRequest(_ repository: String, _ number: Int) throws(GitHubError) -> PullRequest? {
        let response: HTTPResponse
        do { response = try send("GET", "/repos/\(repository)/pulls/\(number)", operation: "GET pull request \(repository)#\(number)") } catch {
            if error.httpStatus == 404 { return nil }
            throw error
        }
        guard let json = try? JSONValue.parse(response.body) else {
            throw .malformed("the pull request is not JSON", operation: "GET pull request \(repository)#\(number)")
        }
        return try PullRequest(json: json, number: number)
    }

    /// `user`'s permission on `repository` as GitHub's legacy field names it (admin, write, read or
    /// none; maintain is write, triage is read). Someone GitHub does not know as a collaborator
    /// (404) has none.
    public func permission(of user: String, on repository: String) throws(GitHubError) -> String {
        let operation = "GET the permission of \(user) on \(repository)"
        let response: HTTPResponse
        do { response = try send("GET", "/repos/\(repository)/collaborators/\(percentEncode(user))/permission", operation: operation) } catch {
            if error.httpStatus == 404 { return "none" }
            throw error
        }
        guard let permission = (try? JSONValue.parse(response.body))?["permission"]?.stringValue else {
            throw .malformed("no permission in the answer", operation: operation)
        }
        return permission
    }

    /// Adds `reaction` to issue comment `commentID` (GitHub answers 200 when it was already there).
    public func react(_ reaction: Reaction, toComment commentID: Int, in repository: String) throws(GitHubError) {
        _ = try send("POST", "/repos/\(repository)/issues/comments/\(commentID)/reactions", body: .object(["content": .string(reaction.rawValue)]),
                     operation: "react \(reaction.rawValue) to comment \(commentID)")
    }
}
