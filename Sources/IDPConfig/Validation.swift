import IDPCore

extension ValidationInput {
    /// The inputs as parsed: each is nil when absent or invalid.
    public struct Checked: Sendable {
        public var name: EnvironmentName?
        public var ttl: TTL?
        public var template: Template?
        public var config: ProjectConfig?
    }

    /// Checks every given input in one pass and returns every problem, not just the first (seed
    /// #19), with the values it parsed: one parse serves both validation and the tfvars.
    public func check() -> (Checked, [Diagnostic]) {
        var found: [Diagnostic] = []
        var checked = Checked()
        func parse<T, E: DiagnosticConvertible>(_ value: ValidationInput.Value?, _ rule: (String) throws(E) -> T) -> T? {
            guard let value else { return nil }
            do { return try rule(value.text) } catch { found.append(error.diagnostic(subject: value.source)); return nil }
        }
        checked.name = parse(self.name) { (t) throws(NameError) in try EnvironmentName(t) }
        checked.ttl = parse(self.ttl) { (t) throws(TTLError) in try TTL.parse(t, maximum: self.maximumTTL) }
        checked.template = parse(self.template) { (t) throws(TemplateError) in try templates.parse(t) }
        _ = parse(self.schedule) { (t) throws(ScheduleError) in try ScheduleExpression.parse(t) }
        for arn in self.secretARNs { _ = parse(arn) { (t) throws(ARNError) in try ARN.secret(t) } }
        _ = parse(self.certificateARN) { (t) throws(ARNError) in try ARN.certificate(t) }

        if let file = self.config {
            let (parsed, problems) = ProjectConfig.parse(yaml: file.text, path: file.path, maximumTTL: self.maximumTTL, templates: templates,
                                                         template: checked.template?.name)
            found += problems
            checked.config = parsed
        }
        // The effective template decides whether a schedule is needed.
        let template = checked.template ?? templates.resolve(checked.config?.template)
        if let template, template.declaration.takesSchedule, self.schedule == nil, checked.config?.schedule == nil,
            !found.contains(where: { $0.code == "config.schedule-missing" })
        {
            found.append(Diagnostic(code: "schedule.missing",
                message: "template \(quoted(template.rawValue)) needs a schedule; pass --schedule or set \"schedule\" in the config",
                subject: self.template?.source))
        }

        return (checked, found)
    }

    public func problems() -> [Diagnostic] { check().1 }

    /// The tfvars request these inputs describe, with every problem found on the way; the request
    /// is nil exactly when a problem is an error (or no environment was given), so a caller never
    /// fails without a message.
    public func tfvarsRequest(owner: String, repository: String, image: String?, now: Timestamp) -> (TFVarsRequest?, [Diagnostic]) {
        let (checked, problems) = check()
        guard !problems.hasErrors else { return (nil, problems) }
        guard let name = checked.name else {
            return (nil, problems + [Diagnostic(code: "usage", message: "an environment name is required (--environment or IDP_ENVIRONMENT)")])
        }
        var project = checked.config ?? ProjectConfig()
        guard let template = checked.template ?? templates.resolve(project.template) else {
            return (nil, problems + [Diagnostic(code: "template.default", message: "no template is the default and none was named: set \"template:\" in the config")])
        }
        let outside = SecretScope.problems(project.secrets, repository: repository,
                                           location: config.map { SourceLocation(file: $0.path) })
        guard outside.isEmpty else { return (nil, problems + outside) }
        if let schedule = schedule?.text { project.schedule = schedule }
        var request = TFVarsRequest(name: name, config: project, template: template, image: image, owner: owner, repository: repository, now: now)
        request.ttl = checked.ttl
        request.certificateARN = certificateARN?.text
        return (request, problems)
    }
}
