import IDPCore

extension PlatformSettings {
    /// Parses `platform.yml`, reporting every problem with its line and column in `path`.
    /// Optional keys may be empty (`""` or null); required ones must be present and valid.
    public static func parse(yaml: String, path: String) -> (PlatformSettings, [Diagnostic]) {
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
        let names = keys.map(\.name)
        var given: Set<String> = []
        var located: [String: YAMLNode] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar, names.contains(key) else {
                let text = keyNode.scalar ?? ""
                let hint = closestMatch(to: text, in: names).map { "did you mean \(quoted($0))?" } ?? "expected one of \(names.joined(separator: ", "))"
                problems.append(Diagnostic(code: "settings.unknown-key", message: "unknown key \(quoted(text)); \(hint)", location: at(keyNode)))
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
        return (settings, problems)
    }
}
