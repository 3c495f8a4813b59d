import IDPCore

/// The `runs-on:` of the platform's workflow files against platform.yml's `runners:`. The
/// workflows hold the runners literally because nothing else can choose them safely: a called
/// workflow's first job runs before it can read platform.yml, and the `vars` and `inputs` it could
/// read are the caller's, who would then pick the machine that receives the platform's AWS role.
public enum WorkflowRunners {
    /// What `check` found in one workflow file.
    public struct Result: Sendable {
        public var problems: [Diagnostic] = []
        /// The file with every out-of-date `runs-on:` rendered from platform.yml; nil when none is.
        public var rewritten: String?
        /// The jobs whose runner `rewritten` changes, as `jobs.<id>: <old> -> <new>`.
        public var changes: [String] = []
    }

    /// Checks one workflow file (`name` is its base name, `path` where it is, for locations). In a
    /// workflow of `RunnerSettings.renderedWorkflows`, a literal `runs-on:` must be what `runners`
    /// names for the job; in any called (`workflow_call`) workflow an expression is refused, since
    /// `inputs`, `vars`, a matrix or another job's outputs can all carry the caller's choice.
    public static func check(yaml: String, name: String, path: String, runners: RunnerSettings) -> Result {
        var result = Result()
        func at(_ node: YAMLNode?) -> SourceLocation { SourceLocation(file: path, line: node?.line, column: node?.column) }
        let root: YAMLNode?
        do { root = try YAMLNode.load(yaml) } catch {
            result.problems.append(Diagnostic(code: "runners.syntax", message: error.message,
                                              location: SourceLocation(file: path, line: error.line, column: error.column)))
            return result
        }
        guard let top = root?.mapping, let jobs = top.first(where: { $0.key.scalar == "jobs" })?.value.mapping else { return result }
        let called = top.first(where: { $0.key.scalar == "on" }).map { isCalled($0.value) } ?? false
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (jobKey, job) in jobs {
            let id = jobKey.scalar ?? ""
            guard let node = job.mapping?.first(where: { $0.key.scalar == "runs-on" })?.value else { continue }
            if let text = node.scalar, text.contains("${{") {
                if called {
                    result.problems.append(Diagnostic(code: "runners.caller-chosen",
                        message: "jobs.\(id).runs-on \(quoted(text)) is an expression in a called workflow, where inputs, vars, a matrix or another job's "
                            + "outputs can carry the caller's choice of the machine that runs the platform's job (and receives its AWS role); "
                            + "write the runner literally, from platform.yml's runners:", location: at(node)))
                }
                continue
            }
            guard RunnerSettings.renderedWorkflows.contains(name) else { continue }
            let wanted = runners.choice(workflow: name, job: id), current = choice(node)
            guard current != wanted else { continue }
            let setting = "platform.yml's runners.\(runners.key(workflow: name, job: id)) \(wanted.yaml)"
            guard let line = singleLine(node), let edited = replaceValue(in: lines[line - 1], column: node.column, with: wanted.yaml) else {
                result.problems.append(Diagnostic(code: "runners.multi-line",
                    message: "jobs.\(id).runs-on is not \(setting), and spans several lines; write it on one line so it can be rendered", location: at(node)))
                continue
            }
            let was = current?.yaml ?? node.kind
            result.problems.append(Diagnostic(code: "runners.out-of-date",
                message: "jobs.\(id).runs-on \(was) is not \(setting); render it with: idp-validate --platform platform.yml --workflows .github/workflows --write",
                location: at(node)))
            result.changes.append("jobs.\(id): \(was) -> \(wanted.yaml)")
            lines[line - 1] = edited
        }
        if !result.changes.isEmpty { result.rewritten = lines.joined(separator: "\n") }
        return result
    }

    /// `on: workflow_call`, `on: [push, workflow_call]` or `on: { workflow_call: … }`.
    static func isCalled(_ node: YAMLNode) -> Bool {
        switch node.content {
        case .scalar(let text, _): text == "workflow_call"
        case .sequence(let items): items.contains { $0.scalar == "workflow_call" }
        case .mapping(let pairs): pairs.contains { $0.key.scalar == "workflow_call" }
        }
    }

    /// A literal `runs-on:` value as a choice (no rule applied: this only compares).
    static func choice(_ node: YAMLNode) -> RunnerChoice? {
        func labels(_ node: YAMLNode) -> [String]? {
            switch node.content {
            case .scalar(let text, _): return [text]
            case .sequence(let items): return items.allSatisfy { $0.scalar != nil } ? items.compactMap(\.scalar) : nil
            case .mapping: return nil
            }
        }
        guard let pairs = node.mapping else { return labels(node).map { RunnerChoice(labels: $0) } }
        var choice = RunnerChoice(labels: [])
        for (key, value) in pairs {
            switch key.scalar {
            case "group": choice.group = value.scalar
            case "labels": guard let found = labels(value) else { return nil }; choice.labels = found
            default: return nil
            }
        }
        return choice
    }

    /// The node's line when it and everything in it start on that line.
    static func singleLine(_ node: YAMLNode) -> Int? {
        func lines(_ node: YAMLNode) -> [Int] {
            switch node.content {
            case .scalar: [node.line]
            case .sequence(let items): [node.line] + items.flatMap(lines)
            case .mapping(let pairs): [node.line] + pairs.flatMap { lines($0.key) + lines($0.value) }
            }
        }
        let all = lines(node)
        return Set(all).count == 1 ? node.line : nil
    }

    /// `line` with the value starting at 1-based `column` (Unicode scalars) replaced by `value`,
    /// keeping a trailing comment; nil when the value is a block scalar or the column is off the line.
    static func replaceValue(in line: String, column: Int, with value: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        guard column >= 1, column <= scalars.count, scalars[column - 1] != "|", scalars[column - 1] != ">" else { return nil }
        var quote: Unicode.Scalar?
        var end = scalars.count
        for index in (column - 1)..<scalars.count {
            let c = scalars[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#", index > column - 1, scalars[index - 1] == " " || scalars[index - 1] == "\t" {
                end = index
                while end > column - 1, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
                break
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[..<(column - 1)])
        out.append(contentsOf: value.unicodeScalars)
        out.append(contentsOf: scalars[end...])
        return String(out)
    }
}
