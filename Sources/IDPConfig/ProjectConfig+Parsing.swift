import IDPCore
import Yams

extension ProjectConfig {
    /// Parses and validates the YAML text of a config file, reporting every problem with its
    /// 1-based line and column in `path`. Fields with problems keep their defaults.
    public static func parse(yaml: String, path: String, maximumTTL: TTL? = TTL.defaultMaximum) -> (ProjectConfig, [Diagnostic]) {
        var parser = ConfigParser(path: path, maximumTTL: maximumTTL)
        return parser.run(yaml)
    }
}

/// Walks the composed YAML tree; one method per value type keeps each rule short.
private struct ConfigParser {
    let path: String
    let maximumTTL: TTL?
    var config = ProjectConfig()
    var diagnostics: [Diagnostic] = []

    init(path: String, maximumTTL: TTL?) {
        self.path = path
        self.maximumTTL = maximumTTL
    }

    mutating func run(_ yaml: String) -> (ProjectConfig, [Diagnostic]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            diagnostics.append(Diagnostic(code: "config.syntax", message: syntaxMessage(error), location: syntaxLocation(error, in: yaml)))
            return (config, diagnostics)
        } catch {
            report("config.syntax", "cannot parse YAML: \(error)", at: nil)
            return (config, diagnostics)
        }
        guard let root else { return (config, diagnostics) }  // an empty file means all defaults
        guard let mapping = root.mapping else {
            if root.null == nil {
                report("config.type", "the top level must be a mapping of keys such as \"template:\"", at: root.mark)
            }
            return (config, diagnostics)
        }
        var scheduleMark: Mark?
        var seen: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report("config.key", "keys must be plain strings", at: keyNode.mark)
                continue
            }
            seen[key] = value
            switch key {
            case "template":
                if let text = string(value, key) {
                    do { config.template = try Template.parse(text) } catch { add(error, value) }
                }
            case "image":
                if let text = string(value, key) {
                    if text.isEmpty || text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                        report("config.image", "image \(quoted(text)) must be a non-empty reference without spaces, e.g. \"nginx:alpine\"", at: value.mark)
                    } else { config.image = text }
                }
            case "container_port":
                if let port = integer(value, key) {
                    if ContainerRules.portRange.contains(port) { config.containerPort = port } else {
                        report("config.port", "container_port \(port) is out of range; expected 1 to 65535", at: value.mark)
                    }
                }
            case "health_check_path":
                if let text = string(value, key) {
                    if text.hasPrefix("/"), text.count <= 1024, !text.contains(where: \.isWhitespace) { config.healthCheckPath = text } else {
                        report("config.health-check", "health_check_path \(quoted(text)) must start with \"/\" and contain no spaces", at: value.mark)
                    }
                }
            case "ttl":
                if let text = string(value, key) {
                    do { config.ttl = try TTL.parse(text, maximum: maximumTTL) } catch { add(error, value) }
                }
            case "cpu":
                if let cpu = integer(value, key) { config.cpu = cpu }
            case "memory":
                if let memory = integer(value, key) { config.memory = memory }
            case "log_retention_days":
                if let days = integer(value, key) {
                    if let error = LogRetention.check(days) { add(error, value) } else { config.logRetentionDays = days }
                }
            case "dockerfile", "build_context":
                if let text = string(value, key) {
                    if text.isEmpty || text.hasPrefix("/") || text.split(separator: "/").contains("..") {
                        report("config.path", "\(key) \(quoted(text)) must be a path inside the repository, without \"..\"", at: value.mark)
                    } else if key == "dockerfile" { config.dockerfile = text } else { config.buildContext = text }
                }
            case "environment":
                config.environment = variables(value, key) { _, _ in nil }
            case "secrets":
                config.secrets = variables(value, key) { text, _ in
                    do throws(ARNError) { _ = try ARN.secret(text); return nil } catch { return error }
                }
            case "schedule":
                if let text = string(value, key, allowNumbers: false) {
                    scheduleMark = value.mark
                    do { _ = try ScheduleExpression.parse(text); config.schedule = text } catch { add(error, value) }
                }
            default:
                let hint = closestMatch(to: key, in: ProjectConfig.keys).map { "did you mean \(quoted($0))?" }
                    ?? "expected one of \(ProjectConfig.keys.joined(separator: ", "))"
                report("config.unknown-key", "unknown key \(quoted(key)); \(hint)", at: keyNode.mark)
            }
        }
        checkCombinations(seen: seen, scheduleMark: scheduleMark, rootMark: root.mark)
        return (config, diagnostics)
    }

    /// Rules that span keys: Fargate pairs, schedule ⇔ template, names used twice.
    mutating func checkCombinations(seen: [String: Node], scheduleMark: Mark?, rootMark: Mark?) {
        if let error = FargateSize.check(cpu: config.cpu, memory: config.memory) {
            add(error, seen["memory"] ?? seen["cpu"], fallback: rootMark)
        }
        if config.template == .scheduledWorker, seen["schedule"] == nil {
            report("config.schedule-missing", "template \"scheduled-worker\" needs a \"schedule\", e.g. \"rate(1 hour)\"",
                   at: seen["template"]?.mark ?? rootMark)
        }
        if config.template != .scheduledWorker, let scheduleMark {
            report("config.schedule-unused", "\"schedule\" is used only by template \"scheduled-worker\", not \(quoted(config.template.rawValue))",
                   at: scheduleMark, severity: .warning)
        }
        for name in Set(config.environment.keys).intersection(config.secrets.keys).sorted() {
            report("config.variable-twice", "variable \(quoted(name)) is in both environment and secrets; ECS allows one",
                   at: seen["secrets"]?.mapping?.first(where: { $0.key.string == name })?.key.mark)
        }
    }

    // MARK: Typed readers

    mutating func string(_ node: Node, _ key: String, allowNumbers: Bool = true) -> String? {
        guard let scalar = node.scalar, node.tag.rawValue == Tag.Name.str.rawValue || (allowNumbers && node.null == nil) else {
            report("config.type", "\(key) must be a string", at: node.mark)
            return nil
        }
        return scalar.string
    }

    mutating func integer(_ node: Node, _ key: String) -> Int? {
        guard node.scalar != nil, node.tag.rawValue == Tag.Name.int.rawValue, let value = node.int else {
            report("config.type", "\(key) must be a whole number, not \(node.scalar.map { quoted($0.string) } ?? "a \(kind(node))")", at: node.mark)
            return nil
        }
        return value
    }

    /// A mapping of variable names to scalar values, each checked by `check`.
    mutating func variables(_ node: Node, _ key: String, check: (String, String) -> (any DiagnosticConvertible)?) -> [String: String] {
        guard let mapping = node.mapping else {
            if node.null == nil { report("config.type", "\(key) must be a mapping of NAME: value", at: node.mark) }
            return [:]
        }
        var result: [String: String] = [:]
        for (nameNode, valueNode) in mapping {
            guard let name = nameNode.scalar?.string, ContainerRules.isVariableName(name) else {
                report("config.variable-name", "\(key) name \(quoted(nameNode.scalar?.string ?? "")) must be letters, digits and \"_\", not starting with a digit", at: nameNode.mark)
                continue
            }
            guard let scalar = valueNode.scalar, valueNode.null == nil else {
                report("config.type", "\(key).\(name) must be a single value", at: valueNode.mark)
                continue
            }
            if let problem = check(scalar.string, name) { add(problem, valueNode); continue }
            result[name] = scalar.string
        }
        return result
    }

    // MARK: Reporting

    mutating func add(_ error: any DiagnosticConvertible, _ node: Node?, fallback: Mark? = nil) {
        diagnostics.append(error.diagnostic(at: location(node?.mark ?? fallback)))
    }

    mutating func report(_ code: String, _ message: String, at mark: Mark?, severity: Severity = .error) {
        diagnostics.append(Diagnostic(severity, code: code, message: message, location: location(mark)))
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: path, line: mark?.line, column: mark?.column)
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .mapping: "mapping"
        case .sequence: "list"
        default: "value"
        }
    }

    func syntaxLocation(_ error: YamlError, in yaml: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): location(mark)
        case .duplicatedKeysInMapping(let keys, let context): lastOccurrence(of: keys.first, in: yaml) ?? location(context.mark)
        default: location(nil)
        }
    }

    /// Where a duplicated key appears last: Yams only marks the mapping, but the repeat is what
    /// the user has to remove.
    func lastOccurrence(of key: String?, in yaml: String) -> SourceLocation? {
        guard let key else { return nil }
        var found: SourceLocation?
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                found = SourceLocation(file: path, line: index + 1, column: indent + 1)
            }
        }
        return found
    }

    func syntaxMessage(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            "invalid YAML: \(problem)" + (context.map { " \($0.text)" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, _):
            "key \(duplicates.map(quoted).joined(separator: ", ")) appears more than once"
        default:
            "invalid YAML: \(error)"
        }
    }
}
