import IDPCore

extension PlatformSettings {
    /// Parses `platform.yml`, reporting every problem with its line and column in `path`.
    /// Optional keys may be empty (`""` or null); required ones must be present and valid.
    /// `zoneExists`, when given, is asked whether each time zone of `sleep.awake` is in the
    /// machine's zone database (the caller's I/O), so an unknown one is located here too.
    public static func parse(yaml: String, path: String, templates: TemplateCatalog? = nil, zoneExists: ((String) -> Bool)? = nil) -> (PlatformSettings, [Diagnostic]) {
        var settings = PlatformSettings()
        var problems: [Diagnostic] = []
        func at(_ node: YAMLNode?) -> SourceLocation { SourceLocation(file: path, line: node?.line, column: node?.column) }
        let root: YAMLNode?
        do { root = try YAMLNode.load(yaml) } catch {
            return (settings, [Diagnostic(code: "settings.syntax", message: error.message,
                                          location: SourceLocation(file: path, line: error.line, column: error.column))])
        }
        guard let mapping = root?.mapping else {
            return (settings, [Diagnostic(code: "settings.type", message: "the top level must be a mapping of keys such as \"state_bucket:\"", location: at(root))])
        }
        let names = keys.map(\.name) + sections
        var given: Set<String> = []
        var located: [String: YAMLNode] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar, names.contains(key) else {
                let text = keyNode.scalar ?? ""
                let hint = (closestMatch(to: text, in: names).map { "did you mean \(quoted($0))?" } ?? "expected one of \(names.joined(separator: ", "))") + newerRelease
                problems.append(Diagnostic(code: "settings.unknown-key", message: "unknown key \(quoted(text)); \(hint)", location: at(keyNode)))
                continue
            }
            if key == "templates" {  // a list of template names
                guard case .sequence(let items) = valueNode.content else {
                    problems.append(Diagnostic(code: "settings.type", message: "templates must be a list of template names (folders of infrastructure/templates)", location: at(valueNode)))
                    continue
                }
                settings.templates = items.compactMap { item in
                    do throws(TemplateError) {
                        let name = try TemplateName.parse(item.scalar ?? "")
                        if let templates, templates.template(name) == nil {  // a newer release's: said, not failed
                            problems.append(Diagnostic(.warning, code: "template.unknown", message: "templates: \(quoted(name.rawValue)) is not a template of this release "
                                + "(\(templates.names))", location: at(item)))
                        }
                        return name
                    } catch { problems.append(error.diagnostic(at: at(item))); return nil }
                }
                continue
            }
            if key == "access" {  // a word or a mapping
                if !valueNode.isNull, let access = AccessSetting.parse(valueNode, allowProvider: true, problems: &problems, at: at) { settings.access = access }
                continue
            }
            if sections.contains(key) {
                guard let entries = valueNode.mapping else {
                    if !valueNode.isNull { problems.append(Diagnostic(code: "settings.type", message: "\(key) must be a mapping", location: at(valueNode))) }
                    continue
                }
                switch key {
                case "pricing": parsePricing(entries, into: &settings, problems: &problems, at: at)
                case "pull_requests": parseControls(entries, into: &settings.pullRequests, problems: &problems, at: at)
                case "sleep": settings.sleep = parseSleep(entries, zoneExists: zoneExists, problems: &problems, at: at)
                case "runners": parseRunners(entries, into: &settings.runners, problems: &problems, at: at)
                case "mirrors": parseMirrors(entries, into: &settings.mirrors, problems: &problems, at: at)
                default: parseGuardrails(entries, into: &settings.guardrails, templates: templates, problems: &problems, at: at)
                }
                continue
            }
            guard !valueNode.isNull, let value = valueNode.scalar, valueNode.mapping == nil else {
                if !valueNode.isNull { problems.append(Diagnostic(code: "settings.type", message: "\(key) must be a single value", location: at(valueNode))) }
                continue
            }
            if value.isEmpty { continue }
            given.insert(key)
            located[key] = valueNode
            switch key {
            case "certificate_arn":
                do throws(ARNError) { _ = try ARN.certificate(value); settings.certificateARN = value } catch { problems.append(error.diagnostic(at: at(valueNode))) }
            case "alarm_topic_arn":
                do throws(ARNError) { _ = try ARN.topic(value); settings.alarmTopicARN = value } catch { problems.append(error.diagnostic(at: at(valueNode))) }
            case "max_ttl":
                do throws(TTLError) { settings.maximumTTL = try TTL.parse(value, maximum: nil) } catch { problems.append(error.diagnostic(at: at(valueNode))) }
            case "naming":
                guard let scheme = NamingScheme(rawValue: value), check(key, value) == nil else {
                    problems.append(check(key, value)?.diagnostic(at: at(valueNode)) ?? Diagnostic(code: "settings.value", message: "naming"))
                    continue
                }
                settings.naming = scheme
            default:
                if let error = check(key, value) { problems.append(error.diagnostic(at: at(valueNode))); continue }
                switch key {
                case "aws_region": settings.awsRegion = value
                case "role_arn": settings.roleARN = value
                case "state_bucket": settings.stateBucket = value
                case "lock_table": settings.lockTable = value
                case "ecr_repository": settings.ecrRepository = value
                case "tofu_version": settings.tofuVersion = value
                case "preview_domain": settings.previewDomain = value
                case "github_app_id": settings.githubAppID = value
                case "nat_gateways": settings.natGateways = Int(value) ?? 1
                case "cpu_architecture": settings.cpuArchitecture = CPUArchitecture(rawValue: value) ?? .x86_64
                default: settings.dashboardIssue = value
                }
            }
        }
        for (key, required) in keys where required && !given.contains(key) && !problems.contains(where: { $0.message.hasPrefix(key + " ") }) {
            problems.append(Diagnostic(code: "settings.missing", message: "\(key) is required; set it in \(path)", location: at(root)))
        }
        if settings.lockTable == nil, let version = settings.tofuVersion, !PlatformSettings.hasNativeS3Locking(version) {
            problems.append(Diagnostic(code: "settings.locking",
                message: "tofu_version \(quoted(version)) has no S3-native locking (use_lockfile came in OpenTofu 1.10.0) and no lock_table is set; "
                    + "set lock_table or a tofu_version of 1.10.0 or later", location: at(located["tofu_version"])))
        }
        // ARM64 tasks are priced with the ARM figures: x86 overrides alone (negotiated rates, a region
        // without a table) would silently give way to the built-in ARM list prices.
        let x86 = ["fargate_vcpu_hour", "fargate_gb_hour"].filter { settings.pricing[$0] != nil }
        if settings.cpuArchitecture == .arm64, !x86.isEmpty, settings.pricing["fargate_arm_vcpu_hour"] == nil || settings.pricing["fargate_arm_gb_hour"] == nil {
            problems.append(Diagnostic(code: "settings.pricing", message: "pricing sets \(x86.joined(separator: " and ")) but cpu_architecture is ARM64, "
                + "whose tasks are priced with fargate_arm_vcpu_hour and fargate_arm_gb_hour; set those too", location: at(located["cpu_architecture"])))
        }
        return (settings, problems)
    }

    /// A number ≥ 0 (`positive`: > 0), or a located problem.
    private static func number(_ node: YAMLNode, _ name: String, positive: Bool = false, problems: inout [Diagnostic],
                               at: (YAMLNode?) -> SourceLocation) -> Double? {
        let isNumber: Bool
        switch node.scalarType { case .float?, .int?: isNumber = true; default: isNumber = false }
        guard isNumber, let text = node.scalar, let value = Double(text), value.isFinite, positive ? value > 0 : value >= 0 else {
            problems.append(Diagnostic(code: "settings.value",
                message: "\(name) \(quoted(node.scalar ?? node.kind)) is not valid; expected a number \(positive ? "above" : "of at least") 0",
                location: at(node)))
            return nil
        }
        return value
    }

    static func unknown(_ node: YAMLNode, in section: String, expected: [String], problems: inout [Diagnostic],
                                at: (YAMLNode?) -> SourceLocation) {
        let text = node.scalar ?? ""
        let hint = (closestMatch(to: text, in: expected).map { "did you mean \(quoted($0))?" } ?? "expected one of \(expected.joined(separator: ", "))") + newerRelease
        problems.append(Diagnostic(code: "settings.unknown-key", message: "unknown key \(quoted(text)) in \(section); \(hint)", location: at(node)))
    }

    /// Runs read platform.yml from the default branch whatever release they pinned, so a key a
    /// newer release added reaches older releases too, and the message says so.
    static let newerRelease = " (this release knows no other: a key a newer release added needs consumers pinned to that release)"

    /// `pricing:` — each key of `Prices.overrideKeys` a price, and `rds_instance_hour:` a mapping
    /// of instance class to its hourly price.
    private static func parsePricing(_ entries: [(key: YAMLNode, value: YAMLNode)], into settings: inout PlatformSettings,
                                     problems: inout [Diagnostic], at: (YAMLNode?) -> SourceLocation) {
        let instances = String(Prices.instancePrefix.dropLast())
        for (keyNode, valueNode) in entries {
            let key = keyNode.scalar ?? ""
            if key == instances {
                guard let classes = valueNode.mapping else {
                    problems.append(Diagnostic(code: "settings.type", message: "pricing.\(key) must be a mapping of instance class to hourly price",
                                               location: at(valueNode)))
                    continue
                }
                for (classNode, priceNode) in classes {
                    let name = classNode.scalar ?? ""
                    guard name.hasPrefix("db."), name.split(separator: ".").count == 3 else {
                        problems.append(Diagnostic(code: "settings.value", message: "\(quoted(name)) is not an RDS instance class such as \"db.t4g.micro\"",
                                                   location: at(classNode)))
                        continue
                    }
                    if let price = number(priceNode, "pricing.\(key).\(name)", problems: &problems, at: at) {
                        settings.pricing[Prices.instancePrefix + name] = price
                    }
                }
            } else if Prices.overrideKeys.contains(key) {
                if let price = number(valueNode, "pricing.\(key)", positive: key == "worker_run_minutes", problems: &problems, at: at) {
                    settings.pricing[key] = price
                }
            } else {
                unknown(keyNode, in: "pricing", expected: Prices.overrideKeys + [instances], problems: &problems, at: at)
            }
        }
    }

    /// `guardrails:` — counts (whole numbers ≥ 1), a monthly cost (dollars > 0), TTLs per template
    /// and the lifetime limit.
    /// With `templates`, max_ttl's keys must be templates there (without, only names: runs of any
    /// release read the file).
    private static func parseGuardrails(_ entries: [(key: YAMLNode, value: YAMLNode)], into limits: inout Guardrails, templates: TemplateCatalog?,
                                        problems: inout [Diagnostic], at: (YAMLNode?) -> SourceLocation) {
        func count(_ node: YAMLNode, _ name: String) -> Int? {
            guard let n = node.int, n >= 1 else {
                problems.append(Diagnostic(code: "settings.value", message: "guardrails.\(name) \(quoted(node.scalar ?? node.kind)) is not valid; expected a whole number of at least 1",
                                           location: at(node)))
                return nil
            }
            return n
        }
        func ttl(_ node: YAMLNode) -> TTL? {
            do throws(TTLError) { return try TTL.parse(node.scalar ?? "", maximum: nil) } catch {
                problems.append(error.diagnostic(at: at(node)))
                return nil
            }
        }
        for (keyNode, valueNode) in entries {
            switch keyNode.scalar ?? "" {
            case "max_environments_per_repository": limits.maxEnvironmentsPerRepository = count(valueNode, "max_environments_per_repository")
            case "max_environments_per_owner": limits.maxEnvironmentsPerOwner = count(valueNode, "max_environments_per_owner")
            case "max_monthly_cost_per_repository":
                limits.maxMonthlyCostPerRepository = number(valueNode, "guardrails.max_monthly_cost_per_repository", positive: true, problems: &problems, at: at)
            case "max_lifetime": if let t = ttl(valueNode) { limits.maxLifetime = t }
            case "max_ttl":
                guard let perTemplate = valueNode.mapping else {
                    problems.append(Diagnostic(code: "settings.type", message: "guardrails.max_ttl must be a mapping of template to TTL", location: at(valueNode)))
                    continue
                }
                for (templateNode, ttlNode) in perTemplate {
                    do throws(TemplateError) {
                        let text = templateNode.scalar ?? ""
                        let template = try TemplateName.parse(text)
                        // A template this release does not have is a warning: runs of every pinned
                        // release read the default branch's file, and an older one lacks newer templates.
                        if let templates, templates.template(template) == nil {
                            do throws(TemplateError) { _ = try templates.parse(text) } catch {
                                problems.append(Diagnostic(.warning, code: error.code, message: error.message + "; its max_ttl is not used by this release",
                                                           location: at(templateNode)))
                            }
                        }
                        if let t = ttl(ttlNode) { limits.maxTTL[template] = t }
                    } catch { problems.append(error.diagnostic(at: at(templateNode))) }
                }
            default:
                unknown(keyNode, in: "guardrails", expected: Guardrails.keys, problems: &problems, at: at)
            }
        }
    }

    /// `pull_requests:` — when environments are created, the two label names, and how early the
    /// scan warns before expiry.
    private static func parseControls(_ entries: [(key: YAMLNode, value: YAMLNode)], into controls: inout PullRequestControls,
                                      problems: inout [Diagnostic], at: (YAMLNode?) -> SourceLocation) {
        var labelNodes: [String: YAMLNode] = [:]
        for (keyNode, valueNode) in entries {
            let key = keyNode.scalar ?? ""
            guard PullRequestControls.keys.contains(key) else {
                unknown(keyNode, in: "pull_requests", expected: PullRequestControls.keys, problems: &problems, at: at)
                continue
            }
            let value = valueNode.scalar ?? ""
            func invalid(_ expected: String) {
                problems.append(Diagnostic(code: "settings.value", message: "pull_requests.\(key) \(quoted(valueNode.scalar ?? valueNode.kind)) is not valid; expected \(expected)",
                                           location: at(valueNode)))
            }
            switch key {
            case "create":
                guard let creation = PullRequestControls.Creation(rawValue: value) else {
                    invalid(PullRequestControls.Creation.allCases.map { quoted($0.rawValue) }.joined(separator: " or "))
                    continue
                }
                controls.creation = creation
            case "expiry_warning":
                do throws(TTLError) { controls.expiryWarning = try TTL.parse(value, maximum: nil) } catch { problems.append(error.diagnostic(at: at(valueNode))) }
            default:
                guard valueNode.mapping == nil, PullRequestControls.isLabel(value) else {
                    invalid("a GitHub label name: 1 to \(PullRequestControls.maxLabelLength) characters, no surrounding spaces, commas or control characters")
                    continue
                }
                labelNodes[key] = valueNode
                if key == "label" { controls.label = value } else { controls.keepLabel = value }
            }
        }
        if controls.label == controls.keepLabel {
            problems.append(Diagnostic(code: "settings.value", message: "pull_requests.label and pull_requests.keep_label are both \(quoted(controls.label)); "
                + "the label that creates an environment must differ from the one that keeps it", location: at(labelNodes["keep_label"] ?? labelNodes["label"])))
        }
    }

    /// `sleep:` — `awake:`, one range or a list of them (`Mon-Fri 07:00-20:00 Europe/Berlin`).
    private static func parseSleep(_ entries: [(key: YAMLNode, value: YAMLNode)], zoneExists: ((String) -> Bool)?, problems: inout [Diagnostic],
                                   at: (YAMLNode?) -> SourceLocation) -> AwakeSchedule? {
        var schedule: AwakeSchedule?
        for (keyNode, valueNode) in entries {
            guard keyNode.scalar == "awake" else {
                unknown(keyNode, in: "sleep", expected: ["awake"], problems: &problems, at: at)
                continue
            }
            var items = [valueNode]
            if case .sequence(let list) = valueNode.content { items = list }
            var ranges: [AwakeSchedule.Range] = []
            for item in items {
                do throws(AwakeScheduleError) {
                    let range = try AwakeSchedule.parseRange(item.scalar ?? item.kind)
                    if let zoneExists, !zoneExists(range.zone) {
                        problems.append(TimeZoneError.unknown(range.zone).diagnostic(at: at(item)))
                        continue
                    }
                    ranges.append(range)
                } catch { problems.append(error.diagnostic(at: at(item))) }
            }
            if ranges.isEmpty, !problems.contains(where: { $0.location?.line == valueNode.line }) {
                problems.append(Diagnostic(code: "sleep.schedule", message: "sleep.awake has no range; give at least one, e.g. \"Mon-Fri 07:00-20:00 Europe/Berlin\", or remove sleep:",
                                           location: at(valueNode)))
            }
            schedule = ranges.isEmpty ? nil : AwakeSchedule(ranges: ranges)
        }
        return schedule
    }
}
