import IDPCore
/// The pull request a run is about: `--pr`, else the event payload's `pull_request.number`
/// (or `number`, as `pull_request` events also carry it at the top level).
public enum PullRequestNumber {
    /// A pull request number as given by a flag or variable.
    public static func parse(_ text: String, source: String = "--pr") throws(ToolFailure) -> Int {
        guard let n = Int(text), n > 0 else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "pr.number", message: "pull request \(quoted(text)) is not a positive number", subject: source)])
        }
        return n
    }

    public static func resolve(_ explicit: String?, eventPath: String?) throws(ToolFailure) -> Int {
        if let explicit { return try parse(explicit) }
        guard let eventPath else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "missing --pr (or IDP_PR_NUMBER, or a pull_request event in GITHUB_EVENT_PATH)")])
        }
        let event: JSONValue
        do { event = try JSONValue.parse(try ToolInputs.readText(eventPath)) } catch let failure as ToolFailure { throw failure } catch {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "event.json", message: "\(quoted(eventPath)) is not JSON", location: SourceLocation(file: eventPath))])
        }
        if case .number(let n)? = event["pull_request"]?["number"] ?? event["number"] ?? event["issue"]?["number"], n > 0 { return Int(n) }
        throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "the event in \(quoted(eventPath)) is not about a pull request; pass --pr")])
    }
}
