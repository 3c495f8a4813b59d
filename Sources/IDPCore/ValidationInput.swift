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
    /// The platform's templates: which names exist, and each one's keys and rules.
    public var templates = TemplateCatalog([])

    public init() {}
}
