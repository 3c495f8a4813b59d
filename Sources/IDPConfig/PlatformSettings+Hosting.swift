import IDPCore

extension PlatformSettings {
    /// `runners:` — `default` and `build`, each a label, a list of labels, or
    /// `{ group: NAME, labels: [...] }`.
    static func parseRunners(_ entries: [(key: YAMLNode, value: YAMLNode)], into runners: inout RunnerSettings,
                             problems: inout [Diagnostic], at: (YAMLNode?) -> SourceLocation) {
        for (keyNode, valueNode) in entries {
            let key = keyNode.scalar ?? ""
            guard RunnerSettings.keys.contains(key) else {
                unknown(keyNode, in: "runners", expected: RunnerSettings.keys, problems: &problems, at: at)
                continue
            }
            guard let choice = runnerChoice(valueNode, name: "runners.\(key)", problems: &problems, at: at) else { continue }
            if key == "build" { runners.build = choice } else { runners.default = choice }
        }
    }

    /// One `runs-on:` value as platform.yml (or a workflow) writes it; nil with a located problem.
    /// Anything but one GitHub-hosted label must name a runner group: a called workflow's jobs run in the consumer
    /// repository, whose admins may register runners on it with any labels, and a label-only
    /// `runs-on` matches those too, handing them jobs that assume the platform's AWS role. Groups
    /// exist only at organisation and enterprise level, so `group:` never matches such a runner.
    static func runnerChoice(_ node: YAMLNode, name: String, problems: inout [Diagnostic],
                                    at: (YAMLNode?) -> SourceLocation) -> RunnerChoice? {
        let accepted = "a runner label, a list of labels, or { group: NAME, labels: [LABEL, ...] }; labels of 1 to 100 letters, digits, \".\", \"_\" and \"-\""
        func invalid(_ node: YAMLNode, _ what: String, expected: String = accepted) -> RunnerChoice? {
            problems.append(Diagnostic(code: "settings.runner", message: "\(name) \(what) is not valid; expected \(expected)", location: at(node)))
            return nil
        }
        func labels(_ node: YAMLNode) -> [String]? {
            let items: [YAMLNode]
            switch node.content {
            case .scalar: items = [node]
            case .sequence(let list): items = list
            case .mapping: return nil
            }
            var found: [String] = []
            for item in items {
                guard let text = item.scalar, item.scalarType == .string, RunnerChoice.isLabel(text) else {
                    _ = invalid(item, "label \(quoted(item.scalar ?? item.kind))")
                    return nil
                }
                found.append(text)
            }
            return found
        }
        var choice: RunnerChoice
        if let pairs = node.mapping {
            choice = RunnerChoice(labels: [])
            for (keyNode, valueNode) in pairs {
                switch keyNode.scalar ?? "" {
                case "group":
                    guard let group = valueNode.scalar, valueNode.scalarType == .string, RunnerChoice.isGroup(group) else {
                        return invalid(valueNode, "group \(quoted(valueNode.scalar ?? valueNode.kind))",
                                       expected: "a runner group's name: 1 to 100 letters, digits, inner spaces, \".\", \"_\" and \"-\"")
                    }
                    choice.group = group
                case "labels":
                    guard let found = labels(valueNode) else { return nil }
                    choice.labels = found
                default:
                    unknown(keyNode, in: name, expected: ["group", "labels"], problems: &problems, at: at)
                    return nil
                }
            }
            guard choice.group != nil else { return invalid(node, "mapping without group") }
        } else {
            guard let found = labels(node) else { return nil }
            guard !found.isEmpty else { return invalid(node, "empty list") }
            choice = RunnerChoice(labels: found)
        }
        if !choice.isFenced {
            let labels = choice.yaml.hasPrefix("[") ? choice.yaml : "[" + choice.yaml + "]"
            problems.append(Diagnostic(code: "settings.runner-group",
                message: "\(name) \(choice.yaml) names runners by label alone, which a runner that an admin of any consumer repository "
                    + "registers on it with these labels also matches: it would receive the platform's jobs and their AWS role. "
                    + "Use one GitHub-hosted label (\(RunnerChoice.githubHostedLabels.sorted().joined(separator: ", "))) or name an organisation "
                    + "runner group that only the platform team can add runners to: { group: NAME, labels: \(labels) }",
                location: at(node)))
            return nil
        }
        return choice
    }

    /// `mirrors:` — `opentofu` and `providers`, each a URL.
    static func parseMirrors(_ entries: [(key: YAMLNode, value: YAMLNode)], into mirrors: inout Mirrors,
                             problems: inout [Diagnostic], at: (YAMLNode?) -> SourceLocation) {
        for (keyNode, valueNode) in entries {
            let key = keyNode.scalar ?? ""
            guard Mirrors.keys.contains(key) else {
                unknown(keyNode, in: "mirrors", expected: Mirrors.keys, problems: &problems, at: at)
                continue
            }
            if valueNode.isNull || valueNode.scalar == "" { continue }
            guard let url = valueNode.scalar, Mirrors.check(key, url) else {
                problems.append(Diagnostic(code: "settings.value", message: "mirrors.\(key) \(quoted(valueNode.scalar ?? valueNode.kind)) is not valid; expected \(Mirrors.expectation(key))",
                                           location: at(valueNode)))
                continue
            }
            if key == "opentofu" { mirrors.opentofu = url } else { mirrors.providers = url }
        }
    }
}
