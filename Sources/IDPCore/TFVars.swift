/// What `idp-tfvars` needs to describe one environment to a template.
public struct TFVarsRequest: Sendable {
    public var name: EnvironmentName
    public var config: ProjectConfig
    /// The template applied: a workflow input's, else the config's, else the catalog's default.
    public var template: Template
    /// Overrides of the config made by workflow inputs.
    public var ttl: TTL?
    public var image: String?
    public var certificateARN: String?
    public var owner: String
    public var repository: String
    public var now: Timestamp
    /// The environment record's times: every apply after the first must describe the same
    /// environment (its `idp:created-at` tag is not the time of the latest push).
    public var createdAt: Timestamp?
    public var expiresAt: Timestamp?
    /// `preview_domain` and `alarm_topic_arn` from the platform's settings (empty: not set).
    public var previewDomain: String?
    public var alarmTopicARN: String?
    /// platform.yml `cpu_architecture`: the task definitions' `runtime_platform`.
    public var cpuArchitecture = CPUArchitecture.x86_64
    /// Who may open the URL: the platform's `access:` narrowed by the repository's.
    public var access = AccessSetting()

    public init(
        name: EnvironmentName, config: ProjectConfig, template: Template, ttl: TTL? = nil,
        image: String? = nil, certificateARN: String? = nil, owner: String, repository: String, now: Timestamp
    ) {
        self.name = name
        self.config = config
        self.template = template
        self.ttl = ttl
        self.image = image
        self.certificateARN = certificateARN
        self.owner = owner
        self.repository = repository
        self.now = now
    }
}

/// The variables one template receives, plus the facts the workflow needs next to them.
public struct TFVars: Sendable {
    public var template: Template
    public var variables: [String: JSONValue]
    public var expiresAt: Timestamp
    public var logRetentionDays: Int
    public var timeoutMinutes: Int { template.timeoutMinutes }

    /// Every variable the platform writes itself (and `source_root`, which the provision job sets):
    /// a template's own settings may feed none of them.
    public static let reservedVariables: Set<String> = [
        "environment_name", "template", "owner", "repository", "ttl", "created_at", "expires_at", "log_retention_days", "tags",
        "alarm_topic_arn", "container_image", "cpu", "cpu_architecture", "memory", "environment_variables", "secrets",
        "schedule_expression", "preview_domain", "container_port", "health_check_path", "acm_certificate_arn",
        "access_mode", "access_cidrs", "access_oidc", "source_root",
    ]

    /// The template's settings of type `path` as given (folders of the repository it reads), for
    /// the provision job's check of what is below them.
    public var sourcePaths: [String] {
        template.declaration.settings.filter { $0.kind == .path }.compactMap { variables[$0.variable]?.stringValue }
    }

    /// The `terraform.tfvars.json` text: sorted keys, stable across runs with the same inputs.
    public var json: String { JSONValue.object(variables).rendered() + "\n" }

    /// Builds the variables; the request's values are already validated types.
    public init(_ request: TFVarsRequest) {
        var config = request.config
        if let ttl = request.ttl { config.ttl = ttl }
        template = request.template
        let declaration = template.declaration
        let createdAt = request.createdAt ?? request.now
        expiresAt = request.expiresAt ?? config.ttl.expiresAt(from: request.now)
        logRetentionDays = config.effectiveLogRetentionDays

        // What every template receives.
        var v: [String: JSONValue] = [
            "environment_name": .string(request.name.rawValue),
            "template": .string(template.rawValue),
            "owner": .string(request.owner),
            "repository": .string(request.repository),
            "ttl": .string(config.ttl.description),
            "created_at": .string(createdAt.iso8601),
            "expires_at": .string(expiresAt.iso8601),
            "log_retention_days": .int(logRetentionDays),
            "tags": .object(Tagging.tags(
                name: request.name, template: template.name, owner: request.owner, repository: request.repository,
                createdAt: createdAt, ttl: config.ttl, expiresAt: expiresAt
            ).mapValues(JSONValue.string)),
        ]
        if let topic = request.alarmTopicARN, !topic.isEmpty { v["alarm_topic_arn"] = .string(topic) }
        if declaration.workload != .none {  // the tasks'
            v["container_image"] = .string(request.image ?? config.image)
            v["cpu"] = .int(config.cpu)
            v["cpu_architecture"] = .string(request.cpuArchitecture.rawValue)
            v["memory"] = .int(config.memory)
            v["environment_variables"] = .object(config.environment.mapValues(JSONValue.string))
            v["secrets"] = .object(config.secrets.mapValues(JSONValue.string))
        }
        if declaration.takesSchedule { v["schedule_expression"] = .string(config.schedule ?? "") }
        // The template's own keys: the config's value, else the declared default (else the .tf's own).
        for setting in declaration.settings {
            if let value = config.settings[setting.key] ?? setting.defaultValue { v[setting.variable] = value }
        }
        if declaration.loadBalancer {
            if let domain = request.previewDomain, !domain.isEmpty { v["preview_domain"] = .string(domain) }
            v["container_port"] = .int(config.containerPort)
            v["health_check_path"] = .string(config.healthCheckPath)
            if let arn = request.certificateARN, !arn.isEmpty { v["acm_certificate_arn"] = .string(arn) }
            v["access_mode"] = .string(request.access.mode.name)
            if case .cidrs(let ranges) = request.access.mode { v["access_cidrs"] = .array(ranges.map(JSONValue.string)) } else { v["access_cidrs"] = .array([]) }
            if request.access.mode == .oidc, let p = request.access.provider {
                v["access_oidc"] = .object([
                    "issuer": .string(p.issuer), "authorization_endpoint": .string(p.authorizationEndpoint), "token_endpoint": .string(p.tokenEndpoint),
                    "user_info_endpoint": .string(p.userInfoEndpoint), "client_id": .string(p.clientID),
                    "client_secret_arn": .string(p.clientSecretARN), "scope": .string(p.scope),
                ])
            }
        }
        variables = v
    }
}

/// Which Secrets Manager secrets an environment's task execution role may read: those named under
/// its repository's prefix, `idp/<owner>/<repo>/`, so that one repository's config cannot hand it
/// another's credentials (modules/common grants exactly this prefix).
public enum SecretScope {
    public static func prefix(repository: String) -> String { "idp/\(repository)/" }

    /// One error per secret of `secrets` (variable → ARN) named outside the prefix.
    public static func problems(_ secrets: [String: String], repository: String, location: SourceLocation?) -> [Diagnostic] {
        let prefix = prefix(repository: repository)
        return secrets.sorted { $0.key < $1.key }.compactMap { variable, arn in
            let name = arn.split(separator: ":", maxSplits: 7, omittingEmptySubsequences: false).dropFirst(6).first.map(String.init) ?? ""
            guard !name.hasPrefix(prefix) else { return nil }
            return Diagnostic(code: "secret.scope", message: "secret \(variable) \(quoted(arn)) is outside \(quoted(prefix)): "
                + "the task execution role may read only secrets whose name starts with it; create the secret under that prefix",
                location: location)
        }
    }
}

/// The tagging strategy every resource carries, for cost attribution and clean-up.
public enum Tagging {
    /// AWS tag values allow letters, digits, spaces and `_ . : / = + - @`, up to 256 characters.
    public static let maxValueLength = 256

    public static func tags(
        name: EnvironmentName, template: TemplateName, owner: String, repository: String,
        createdAt: Timestamp, ttl: TTL, expiresAt: Timestamp
    ) -> [String: String] {
        [
            "idp:managed": "true",
            "idp:environment": name.rawValue,
            "idp:template": template.rawValue,
            "idp:owner": tagValue(owner),
            "idp:repository": tagValue(repository),
            "idp:created-at": createdAt.iso8601,
            "idp:ttl": ttl.description,
            "idp:expires-at": expiresAt.iso8601,
            "cost-center": "engineering",
        ]
    }

    /// `value` with every character AWS refuses in a tag replaced by `_`, cut to the limit.
    public static func tagValue(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            let p = scalar.properties
            let ok = p.isAlphabetic || p.numericType != nil || scalar == " " || "_.:/=+-@".unicodeScalars.contains(scalar)
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        return String(out.prefix(maxValueLength))
    }
}
