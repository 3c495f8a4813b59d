import IDPCore

extension ValidationInput {
    /// Checks every given input in one pass and returns every problem, not just the first (seed #19).
    public func problems() -> [Diagnostic] {
        var found: [Diagnostic] = []
        func check<E: DiagnosticConvertible>(_ value: ValidationInput.Value?, _ rule: (String) throws(E) -> Void) {
            guard let value else { return }
            do { try rule(value.text) } catch { found.append(error.diagnostic(subject: value.source)) }
        }
        check(self.name) { (t) throws(NameError) in _ = try EnvironmentName(t) }
        check(self.ttl) { (t) throws(TTLError) in _ = try TTL.parse(t, maximum: self.maximumTTL) }
        check(self.template) { (t) throws(TemplateError) in _ = try Template.parse(t) }
        check(self.schedule) { (t) throws(ScheduleError) in _ = try ScheduleExpression.parse(t) }
        for arn in self.secretARNs { check(arn) { (t) throws(ARNError) in _ = try ARN.secret(t) } }
        check(self.certificateARN) { (t) throws(ARNError) in _ = try ARN.certificate(t) }

        var config: ProjectConfig?
        if let file = self.config {
            let (parsed, problems) = ProjectConfig.parse(yaml: file.text, path: file.path, maximumTTL: self.maximumTTL)
            found += problems
            config = parsed
        }
        // The effective template decides whether a schedule is needed.
        let template = self.template.flatMap { Template(rawValue: $0.text) } ?? config?.template
        if template == .scheduledWorker, self.schedule == nil, config?.schedule == nil,
            !found.contains(where: { $0.code == "config.schedule-missing" })
        {
            found.append(Diagnostic(code: "schedule.missing",
                message: "template \"scheduled-worker\" needs a schedule; pass --schedule or set \"schedule\" in the config",
                subject: self.template?.source))
        }
        return found
    }

    /// The tfvars request these inputs describe, or nil when any is invalid (check `problems()` first).
    public func tfvarsRequest(owner: String, repository: String, image: String?, now: Timestamp) -> TFVarsRequest? {
        guard let nameText = name?.text, let name = try? EnvironmentName(nameText) else { return nil }
        var project = ProjectConfig()
        if let file = config {
            let (parsed, problems) = ProjectConfig.parse(yaml: file.text, path: file.path, maximumTTL: maximumTTL)
            guard !problems.hasErrors else { return nil }
            project = parsed
        }
        if let schedule = schedule?.text { project.schedule = schedule }
        var request = TFVarsRequest(name: name, config: project, image: image, owner: owner, repository: repository, now: now)
        request.template = template.flatMap { Template(rawValue: $0.text) }
        request.ttl = ttl.flatMap { try? TTL.parse($0.text, maximum: maximumTTL) }
        request.certificateARN = certificateARN?.text
        return request
    }
}
