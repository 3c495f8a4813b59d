import IDPCore

extension ProjectConfig {
    /// Parses and validates the YAML text of a config file, reporting every problem with its
    /// 1-based line and column in `path`. Fields with problems keep their defaults. `templates`
    /// says which templates exist and which keys of their own each takes; `template` (a workflow
    /// input's) replaces the file's `template:` in the rules that depend on it.
    public static func parse(yaml: String, path: String, maximumTTL: TTL? = TTL.defaultMaximum, templates: TemplateCatalog,
                             template: TemplateName? = nil) -> (ProjectConfig, [Diagnostic]) {
        var parser = ConfigParser(path: path, maximumTTL: maximumTTL, templates: templates, override: template)
        return parser.run(yaml)
    }
}

/// Walks the composed YAML tree; one method per value type keeps each rule short.
private struct ConfigParser {
    let path: String
    let maximumTTL: TTL?
    let templates: TemplateCatalog
    let override: TemplateName?
    var config = ProjectConfig()
    var diagnostics: [Diagnostic] = []
    /// Keys some template declares, checked once the config's template is known.
    var templateKeys: [(key: YAMLNode, value: YAMLNode)] = []

    init(path: String, maximumTTL: TTL?, templates: TemplateCatalog, override: TemplateName?) {
        self.path = path
        self.maximumTTL = maximumTTL
        self.templates = templates
        self.override = override
    }

    /// The template the rules follow: the input's, else the file's, else the default.
    var effective: Template? { templates.resolve(override ?? config.template) }

    mutating func run(_ yaml: String) -> (ProjectConfig, [Diagnostic]) {
        let root: YAMLNode?
        do {
            root = try YAMLNode.load(yaml)
        } catch {
            diagnostics.append(Diagnostic(code: "config.syntax", message: error.message,
                                          location: SourceLocation(file: path, line: error.line, column: error.column)))
            return (config, diagnostics)
        }
        guard let root else { return (config, diagnostics) }  // an empty file means all defaults
        guard let mapping = root.mapping else {
            if !root.isNull {
                report("config.type", "the top level must be a mapping of keys such as \"template:\"", at: root)
            }
            return (config, diagnostics)
        }
        var scheduleNode: YAMLNode?
        var seen: [String: YAMLNode] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar else {
                report("config.key", "keys must be plain strings", at: keyNode)
                continue
            }
            seen[key] = value
            switch key {
            case "template":
                if let text = string(value, key) {
                    do { config.template = try templates.parse(text).name } catch { add(error, value) }
                }
            case "image":
                if let text = string(value, key) {
                    if text.isEmpty || text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                        report("config.image", "image \(quoted(text)) must be a non-empty reference without spaces, e.g. \"nginx:alpine\"", at: value)
                    } else { config.image = text }
                }
            case "container_port":
                if let port = integer(value, key) {
                    if ContainerRules.portRange.contains(port) { config.containerPort = port } else {
                        report("config.port", "container_port \(port) is out of range; expected 1 to 65535", at: value)
                    }
                }
            case "health_check_path":
                if let text = string(value, key) {
                    if text.hasPrefix("/"), text.count <= 1024, !text.contains(where: \.isWhitespace) { config.healthCheckPath = text } else {
                        report("config.health-check", "health_check_path \(quoted(text)) must start with \"/\" and contain no spaces", at: value)
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
                        report("config.path", "\(key) \(quoted(text)) must be a path inside the repository, without \"..\"", at: value)
                    } else if key == "dockerfile" { config.dockerfile = text } else { config.buildContext = text }
                }
            case "environment":
                config.environment = variables(value, key) { _, _ in nil }
            case "secrets":
                config.secrets = variables(value, key) { text, _ in
                    do throws(ARNError) { _ = try ARN.secret(text); return nil } catch { return error }
                }
            case "sleep":
                guard value.scalarType == .bool, let text = value.scalar else {
                    report("config.type", "sleep must be true or false, not \(value.scalar.map(quoted) ?? "a \(value.kind)")", at: value)
                    continue
                }
                config.sleep = text == "true"
            case "access":
                var found: [Diagnostic] = []
                config.access = AccessSetting.parse(value, allowProvider: false, problems: &found, at: { SourceLocation(file: path, line: $0?.line, column: $0?.column) })?.mode
                diagnostics += found
            case "schedule":
                if let text = string(value, key, allowNumbers: false) {
                    scheduleNode = value
                    do { _ = try ScheduleExpression.parse(text); config.schedule = text } catch { add(error, value) }
                }
            default:
                guard templates.declaring(key).isEmpty else {
                    templateKeys.append((keyNode, value))
                    continue
                }
                let known = ProjectConfig.keys + templates.templates.flatMap { $0.declaration.settings.map(\.key) }
                let hint = closestMatch(to: key, in: known).map { "did you mean \(quoted($0))?" }
                    ?? "expected one of \(known.joined(separator: ", "))"
                report("config.unknown-key", "unknown key \(quoted(key)); \(hint)", at: keyNode)
            }
        }
        checkCombinations(seen: seen, scheduleNode: scheduleNode, root: root)
        checkTemplateSettings(seen: seen, root: root)
        return (config, diagnostics)
    }

    /// The keys a template declares: read by the config's template's rules, warned about when
    /// they belong to another template, required when its declaration says so.
    mutating func checkTemplateSettings(seen: [String: YAMLNode], root: YAMLNode) {
        guard let template = effective else { return }
        for (keyNode, value) in templateKeys {
            let key = keyNode.scalar ?? ""
            guard let setting = template.declaration.setting(key) else {
                let owners = templates.declaring(key).map { quoted($0.rawValue) }.joined(separator: ", ")
                report("config.setting-unused", "\(quoted(key)) is used only by template \(owners), not \(quoted(template.rawValue))", at: keyNode, severity: .warning)
                continue
            }
            switch TemplateSettingValue.read(value, as: setting) {
            case .success(let read): config.settings[key] = read
            case .failure(let message): report("config.setting", "\(key): \(message) (template \(quoted(template.rawValue)))", at: value)
            }
        }
        for setting in template.declaration.settings where setting.required && seen[setting.key] == nil {
            report("config.setting-missing", "template \(quoted(template.rawValue)) needs \(quoted(setting.key)) (\(setting.accepted))"
                + (setting.help.isEmpty ? "" : ": \(setting.help)"), at: seen["template"] ?? root)
        }
    }

    /// Rules that span keys: Fargate pairs, schedule ⇔ template, names used twice.
    mutating func checkCombinations(seen: [String: YAMLNode], scheduleNode: YAMLNode?, root: YAMLNode) {
        if let error = FargateSize.check(cpu: config.cpu, memory: config.memory) {
            add(error, seen["memory"] ?? seen["cpu"] ?? root)
        }
        if let template = effective {
            if template.declaration.takesSchedule, seen["schedule"] == nil, override == nil {
                report("config.schedule-missing", "template \(quoted(template.rawValue)) needs a \"schedule\", e.g. \"rate(1 hour)\"",
                       at: seen["template"] ?? root)
            }
            if !template.declaration.takesSchedule, let scheduleNode {
                let users = templates.templates.filter(\.declaration.takesSchedule).map { quoted($0.rawValue) }.joined(separator: ", ")
                report("config.schedule-unused", "\"schedule\" is used only by template \(users), not \(quoted(template.rawValue))",
                       at: scheduleNode, severity: .warning)
            }
        }
        for name in Set(config.environment.keys).intersection(config.secrets.keys).sorted() {
            report("config.variable-twice", "variable \(quoted(name)) is in both environment and secrets; ECS allows one",
                   at: seen["secrets"]?.mapping?.first(where: { $0.key.scalar == name })?.key)
        }
    }

    // MARK: Typed readers

    /// A string, or (unless `allowNumbers` is false) any other non-null scalar read as its text:
    /// `ttl: 7` then gets the TTL rule's message rather than a type error.
    mutating func string(_ node: YAMLNode, _ key: String, allowNumbers: Bool = true) -> String? {
        guard let text = node.scalar, node.scalarType == .string || (allowNumbers && !node.isNull) else {
            report("config.type", "\(key) must be a string", at: node)
            return nil
        }
        return text
    }

    mutating func integer(_ node: YAMLNode, _ key: String) -> Int? {
        guard let value = node.int else {
            report("config.type", "\(key) must be a whole number, not \(node.scalar.map(quoted) ?? "a \(node.kind)")", at: node)
            return nil
        }
        return value
    }

    /// A mapping of variable names to scalar values, each checked by `check`.
    mutating func variables(_ node: YAMLNode, _ key: String, check: (String, String) -> (any DiagnosticConvertible)?) -> [String: String] {
        guard let mapping = node.mapping else {
            if !node.isNull { report("config.type", "\(key) must be a mapping of NAME: value", at: node) }
            return [:]
        }
        var result: [String: String] = [:]
        for (nameNode, valueNode) in mapping {
            guard let name = nameNode.scalar, ContainerRules.isVariableName(name) else {
                report("config.variable-name", "\(key) name \(quoted(nameNode.scalar ?? "")) must be letters, digits and \"_\", not starting with a digit", at: nameNode)
                continue
            }
            guard let text = valueNode.scalar, !valueNode.isNull else {
                report("config.type", "\(key).\(name) must be a single value", at: valueNode)
                continue
            }
            if let problem = check(text, name) { add(problem, valueNode); continue }
            result[name] = text
        }
        return result
    }

    // MARK: Reporting

    mutating func add(_ error: any DiagnosticConvertible, _ node: YAMLNode) {
        diagnostics.append(error.diagnostic(at: location(node)))
    }

    mutating func report(_ code: String, _ message: String, at node: YAMLNode?, severity: Severity = .error) {
        diagnostics.append(Diagnostic(severity, code: code, message: message, location: location(node)))
    }

    func location(_ node: YAMLNode?) -> SourceLocation {
        SourceLocation(file: path, line: node?.line, column: node?.column)
    }
}
