/// Every input `idp-validate` can check, each optional; nil means "not given".
public struct ValidationInput: Sendable {
    /// An input value with the flag or variable it came from, for messages.
    public struct Value: Sendable {
        public var text: String
        public var source: String
        public init(_ text: String, source: String) {
            self.text = text
            self.source = source
        }
}

    public var name: Value?
    public var ttl: Value?
    public var template: Value?
    public var schedule: Value?
    public var secretARNs: [Value] = []
    public var certificateARN: Value?
    /// The config file's path and text; nil when there is none to check.
    public var config: (path: String, text: String)?
    public var maximumTTL: TTL = .defaultMaximum

    public init() {}
}

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
}
