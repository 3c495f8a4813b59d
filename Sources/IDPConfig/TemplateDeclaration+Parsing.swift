import IDPCore

extension TemplateDeclaration {
    /// Parses a template's `template.yml`, reporting every problem with its line and column in
    /// `path`. The declaration is usable only when no problem is an error.
    public static func parse(yaml: String, path: String) -> (TemplateDeclaration, [Diagnostic]) {
        var parser = DeclarationParser(path: path)
        return parser.run(yaml)
    }
}

/// Walks the YAML tree of one declaration; every rule names the key and what it accepts.
private struct DeclarationParser {
    let path: String
    var declaration = TemplateDeclaration()
    var problems: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func run(_ yaml: String) -> (TemplateDeclaration, [Diagnostic]) {
        let root: YAMLNode?
        do { root = try YAMLNode.load(yaml) } catch {
            problems.append(Diagnostic(code: "template.syntax", message: error.message, location: SourceLocation(file: path, line: error.line, column: error.column)))
            return (declaration, problems)
        }
        guard let root, let mapping = root.mapping else {
            report("the declaration must be a mapping with keys such as \"workload:\"", at: root)
            return (declaration, problems)
        }
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            let key = keyNode.scalar ?? ""
            seen.insert(key)
            switch key {
            case "description": declaration.description = string(value, key, most: 500) ?? ""
            case "default": declaration.isDefault = boolean(value, key) ?? false
            case "opt_in": declaration.optIn = boolean(value, key) ?? false
            case "timeout_minutes": declaration.timeoutMinutes = integer(value, key, 1...TemplateDeclaration.maxTimeoutMinutes) ?? declaration.timeoutMinutes
            case "workload":
                let names = TemplateDeclaration.Workload.allCases.map(\.rawValue)
                if let text = string(value, key, most: 20) {
                    if let workload = TemplateDeclaration.Workload(rawValue: text) { declaration.workload = workload } else {
                        report("workload \(quoted(text)) is not one of \(names.joined(separator: ", "))", at: value)
                    }
                }
            case "load_balancer": declaration.loadBalancer = boolean(value, key) ?? false
            case "settings": entries(value, key) { parser, key, node in parser.setting(key, node) }
            case "cost": entries(value, key) { parser, key, node in parser.cost(key, node) }
            case "sleep": entries(value, key) { parser, key, node in parser.sleep(key, node) }
            case "outputs": declaration.outputs = names(value, key)
            case "access":
                let modes = names(value, key)
                for mode in modes where !AccessMode.names.contains(mode) {
                    report("access \(quoted(mode)) is not one of \(AccessMode.names.joined(separator: ", "))", at: value)
                }
                declaration.accessModes = modes
            default: unknown(keyNode, expected: TemplateDeclaration.keys, in: "the declaration")
            }
        }
        if !seen.contains("workload") { report("the declaration has no \"workload:\" (service, scheduled or none)", at: root) }
        if declaration.loadBalancer && declaration.workload != .service {
            report("load_balancer: true needs workload: service (the load balancer forwards to the service's tasks)", at: root)
        }
        if declaration.workload == .none && declaration.sleep.services.count + (declaration.sleep.rule == nil ? 0 : 1) > 0 {
            report("a template with workload: none has no tasks for sleep to stop; remove sleep.services and sleep.rule", at: root)
        }
        // Who may open a URL is never left open by omission: one served without the load balancer
        // must say which access modes the template itself enforces.
        let access = mapping.first { $0.key.scalar == "access" }
        if declaration.loadBalancer, let access {
            report("access: is for a template serving its URL without the load balancer; behind it every mode is enforced (remove access:)", at: access.value)
        } else if let access, declaration.accessModes?.isEmpty == true {
            report("access: [] would refuse every platform; list the modes the template enforces, e.g. [public]", at: access.value)
        } else if !declaration.loadBalancer, declaration.accessModes == nil, declaration.outputs.contains("endpoint") {
            report("a template with an endpoint output and no load balancer must say which access modes it enforces (access: [public], "
                + "or the modes its own resources hold the URL to): without it, a platform's cidrs or oidc would not be enforced", at: root)
        }
        let variables = declaration.settings.map(\.variable)
        for variable in Set(variables) where variables.filter({ $0 == variable }).count > 1 {
            report("two settings feed the variable \(quoted(variable)); each variable takes one", at: root)
        }
        return (declaration, problems)
    }

    // MARK: Sections

    mutating func setting(_ key: String, _ node: YAMLNode) {
        guard ContainerRules.isVariableName(key), key == key.lowercased() else {
            return report("settings key \(quoted(key)) must be lower-case letters, digits and \"_\"", at: node)
        }
        guard !ProjectConfig.keys.contains(key) else {
            return report("settings.\(key) is a key every config has already; choose another name", at: node)
        }
        var given = Set<String>()
        var kindName = "string", variable: String?, defaultNode: YAMLNode?, required = false, help = ""
        var most = 256, low = Int.min, high = Int.max, choices: [String] = []
        entries(node, "settings.\(key)") { parser, field, value in
            let name = "settings.\(key).\(field)"
            given.insert(field)
            switch field {
            case "type": kindName = parser.string(value, name, most: 20) ?? kindName
            case "variable": variable = parser.string(value, name, most: 64)
            case "default": defaultNode = value
            case "required": required = parser.boolean(value, name) ?? false
            case "help": help = parser.string(value, name, most: 500) ?? ""
            case "max_length": most = parser.integer(value, name, 1...65_536) ?? most
            case "min": low = parser.integer(value, name, Int.min...Int.max) ?? low
            case "max": high = parser.integer(value, name, Int.min...Int.max) ?? high
            case "choices": choices = parser.names(value, name)
            default: parser.unknown(value, text: field, expected: ["type", "variable", "default", "required", "help", "max_length", "min", "max", "choices"], in: "settings.\(key)")
            }
        }
        let kind: TemplateDeclaration.Setting.Kind
        switch kindName {
        case "string": kind = .string(maxLength: most)
        case "integer": kind = .integer(min: low, max: high)
        case "boolean": kind = .boolean
        case "path": kind = .path
        case "choice" where !choices.isEmpty: kind = .choice(choices)
        case "choice": return report("settings.\(key) of type choice needs \"choices:\"", at: node)
        default: return report("settings.\(key).type \(quoted(kindName)) is not one of string, integer, boolean, path, choice", at: node)
        }
        if low > high { report("settings.\(key): min \(low) is above max \(high)", at: node) }
        // Options of another type would be ignored: said, not dropped.
        let options = ["string": ["max_length"], "integer": ["min", "max"], "choice": ["choices"]]
        for option in given.intersection(["max_length", "min", "max", "choices"]).sorted() where !(options[kindName] ?? []).contains(option) {
            report("settings.\(key).\(option) does not apply to type \(kindName)", at: node)
        }
        if required, defaultNode != nil { report("settings.\(key) is required and has a default; one or the other", at: node) }
        let fed = variable ?? key
        guard fed.first.map({ $0.isLetter || $0 == "_" }) == true, fed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            return report("settings.\(key).variable \(quoted(fed)) is not an OpenTofu variable name (letters, digits and \"_\")", at: node)
        }
        guard !TFVars.reservedVariables.contains(fed) else {
            return report("settings.\(key) would feed \(quoted(fed)), a variable the platform writes itself (\(TFVars.reservedVariables.sorted().joined(separator: ", "))); "
                + "choose another name", at: node)
        }
        var setting = TemplateDeclaration.Setting(key: key, variable: variable, kind: kind)
        setting.required = required
        setting.help = help
        if let defaultNode {
            switch TemplateSettingValue.read(defaultNode, as: setting) {
            case .success(let value): setting.defaultValue = value
            case .failure(let message): report("settings.\(key).default: \(message)", at: defaultNode)
            }
        }
        declaration.settings.append(setting)
    }

    mutating func cost(_ key: String, _ node: YAMLNode) {
        switch key {
        case "alarm_metrics": declaration.cost.alarmMetrics = integer(node, "cost.alarm_metrics", 0...100) ?? 0
        case "fixed_monthly": declaration.cost.fixedMonthly = number(node, "cost.fixed_monthly") ?? 0
        case "database":
            var instanceClass: String?, storage = 20.0, secrets = 0
            entries(node, "cost.database") { parser, field, value in
                switch field {
                case "class": instanceClass = parser.string(value, "cost.database.class", most: 40)
                case "storage_gb": storage = parser.number(value, "cost.database.storage_gb") ?? storage
                case "secrets": secrets = parser.integer(value, "cost.database.secrets", 0...10) ?? 0
                default: parser.unknown(value, text: field, expected: ["class", "storage_gb", "secrets"], in: "cost.database")
                }
            }
            guard let instanceClass, instanceClass.hasPrefix("db.") else { return report("cost.database needs a class such as \"db.t4g.micro\"", at: node) }
            declaration.cost.database = TemplateDeclaration.Database(instanceClass: instanceClass, storageGB: storage, secrets: secrets)
        default: unknown(node, text: key, expected: ["alarm_metrics", "database", "fixed_monthly"], in: "cost")
        }
    }

    mutating func sleep(_ key: String, _ node: YAMLNode) {
        switch key {
        case "services":
            declaration.sleep.services = patterns(node, "sleep.services")
            for service in declaration.sleep.services where service.split(separator: "/").count != 2 {
                report("each of sleep.services \(quoted(service)) must be cluster/service, e.g. \"{name}-cluster/{name}\"", at: node)
            }
        case "alarms": declaration.sleep.alarms = patterns(node, "sleep.alarms")
        case "database": declaration.sleep.database = pattern(node, "sleep.database")
        case "rule": declaration.sleep.rule = pattern(node, "sleep.rule")
        default: unknown(node, text: key, expected: ["services", "database", "rule", "alarms"], in: "sleep")
        }
    }

    // MARK: Typed readers

    mutating func entries(_ node: YAMLNode, _ name: String, _ each: (inout DeclarationParser, String, YAMLNode) -> Void) {
        guard let mapping = node.mapping else {
            if !node.isNull { report("\(name) must be a mapping, not a \(node.kind)", at: node) }
            return
        }
        for (keyNode, value) in mapping { each(&self, keyNode.scalar ?? "", value) }
    }

    mutating func string(_ node: YAMLNode, _ name: String, most: Int) -> String? {
        guard let text = node.scalar, node.scalarType == .string, text.unicodeScalars.count <= most else {
            report("\(name) must be a string of at most \(most) characters", at: node)
            return nil
        }
        return text
    }

    mutating func boolean(_ node: YAMLNode, _ name: String) -> Bool? {
        guard node.scalarType == .bool, let text = node.scalar else {
            report("\(name) must be true or false, not \(node.scalar.map(quoted) ?? "a \(node.kind)")", at: node)
            return nil
        }
        return text == "true"
    }

    mutating func integer(_ node: YAMLNode, _ name: String, _ range: ClosedRange<Int>) -> Int? {
        guard let value = node.int, range.contains(value) else {
            let bounds = range.lowerBound == Int.min ? "" : " from \(range.lowerBound) to \(range.upperBound)"
            report("\(name) must be a whole number\(bounds), not \(node.scalar.map(quoted) ?? "a \(node.kind)")", at: node)
            return nil
        }
        return value
    }

    mutating func number(_ node: YAMLNode, _ name: String) -> Double? {
        switch node.scalarType {
        case .int?, .float?: if let text = node.scalar, let value = Double(text), value.isFinite, value >= 0, value < 1_000_000 { return value }
        default: break
        }
        report("\(name) must be a number of at least 0, not \(node.scalar.map(quoted) ?? "a \(node.kind)")", at: node)
        return nil
    }

    /// A list of plain names (outputs, choices).
    mutating func names(_ node: YAMLNode, _ name: String) -> [String] {
        guard case .sequence(let items) = node.content else {
            report("\(name) must be a list", at: node)
            return []
        }
        return items.compactMap { string($0, "each of \(name)", most: 128) }
    }

    /// An AWS resource name with `{name}` for the environment's name, and nothing else in braces.
    mutating func pattern(_ node: YAMLNode, _ name: String) -> String? {
        guard let text = string(node, name, most: 255) else { return nil }
        let rest = text.replacing("{name}", with: "")
        guard text.contains("{name}"), !rest.contains("{"), !rest.contains("}"), !rest.contains(where: \.isWhitespace) else {
            report("\(name) \(quoted(text)) must contain {name} (the environment's name), no other braces and no spaces", at: node)
            return nil
        }
        return text
    }

    mutating func patterns(_ node: YAMLNode, _ name: String) -> [String] {
        guard case .sequence(let items) = node.content else {
            report("\(name) must be a list", at: node)
            return []
        }
        return items.compactMap { pattern($0, "each of \(name)") }
    }

    mutating func unknown(_ node: YAMLNode, expected: [String], in section: String) {
        unknown(node, text: node.scalar ?? "", expected: expected, in: section)
    }

    mutating func unknown(_ node: YAMLNode, text: String, expected: [String], in section: String) {
        let hint = closestMatch(to: text, in: expected).map { "did you mean \(quoted($0))?" } ?? "expected one of \(expected.joined(separator: ", "))"
        problems.append(Diagnostic(code: "template.unknown-key", message: "unknown key \(quoted(text)) in \(section); \(hint)", location: location(node)))
    }

    mutating func report(_ message: String, at node: YAMLNode?) {
        problems.append(Diagnostic(code: "template.declaration", message: message, location: location(node)))
    }

    func location(_ node: YAMLNode?) -> SourceLocation { SourceLocation(file: path, line: node?.line, column: node?.column) }
}

/// Reads a template setting's value from YAML by the setting's kind: a declaration's default and a
/// config's value go through the same rule.
public enum TemplateSettingValue {
    public enum Read { case success(JSONValue), failure(String) }

    public static func read(_ node: YAMLNode, as setting: TemplateDeclaration.Setting) -> Read {
        let shown = node.scalar.map(quoted) ?? "a \(node.kind)"
        switch setting.kind {
        case .string(let most):
            guard let text = node.scalar, !node.isNull, text.unicodeScalars.count <= most else { return .failure("\(shown) is not \(setting.accepted)") }
            return .success(.string(text))
        case .integer(let low, let high):
            guard let value = node.int, value >= low, value <= high else { return .failure("\(shown) is not \(setting.accepted)") }
            return .success(.int(value))
        case .boolean:
            guard node.scalarType == .bool, let text = node.scalar else { return .failure("\(shown) is not \(setting.accepted)") }
            return .success(.bool(text == "true"))
        case .path:
            guard let text = node.scalar, node.scalarType == .string, RepositoryPath.isValid(text) else { return .failure("\(shown) is not \(setting.accepted)") }
            return .success(.string(text))
        case .choice(let values):
            guard let text = node.scalar, values.contains(text) else { return .failure("\(shown) is not \(setting.accepted)") }
            return .success(.string(text))
        }
    }
}
