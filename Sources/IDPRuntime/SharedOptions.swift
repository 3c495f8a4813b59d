import IDPCore

/// The options several tools take, declared once: one flag name, one variable and one help text
/// for each, whichever tool reads it.
public enum SharedOptions {
    public static let environment = OptionSpec.option("environment", "name", variable: "IDP_ENVIRONMENT", help: "Environment name, e.g. preview-payment-api.")
    public static let repository = OptionSpec.option("repository", "owner/name", variable: "IDP_REPOSITORY", help: "Application repository; else GITHUB_REPOSITORY.")
    public static let owner = OptionSpec.option("owner", "who", variable: "IDP_OWNER", help: "Owner; else GITHUB_ACTOR, then USER.")
    public static let pullRequest = OptionSpec.option("pr", "number", variable: "IDP_PR_NUMBER", help: "Pull request number.")
    public static let template = OptionSpec.option("template", "template", variable: "IDP_TEMPLATE", help: "Template: a folder of --templates; else the config's, else the default one.")
    /// Where the template declarations are read (IDPTools' `Templates` reads them).
    public static let templates = OptionSpec.option("templates", "dir", variable: "IDP_TEMPLATES_DIR", default: TemplateCatalog.folder,
        help: "The templates' folder, one folder with a template.yml each (the platform's infrastructure/templates; the platform's action sets it).")
    public static let ttl = OptionSpec.option("ttl", "ttl", variable: "IDP_TTL", help: "Time to live, e.g. 24h or 7d; else the config's (default 7d).")
    public static let config = OptionSpec.option("config", "path", variable: "IDP_CONFIG", help: "Config file; default .idp/config.yml when it exists.")
    public static let image = OptionSpec.option("image", "ref", variable: "IDP_IMAGE", help: "Container image; else the config's.")
    public static let dryRun = OptionSpec.flag("dry-run", variable: "IDP_DRY_RUN", help: "Report what would be done; change nothing.")
}

extension Arguments {
    /// The option's value after its variable and default.
    public func value(_ option: OptionSpec) -> String? { value(option.name) }

    /// An option declared with a default always has a value: no force unwrap at the call site.
    public func defaulted(_ option: OptionSpec) -> String {
        precondition(option.defaultValue != nil, "--\(option.name) has no default")
        return value(option.name) ?? option.defaultValue!
    }

    public func flag(_ option: OptionSpec) -> Bool { flag(option.name) }
    public func source(_ option: OptionSpec) -> String { source(option.name) }
    public func required(_ option: OptionSpec) throws(ToolFailure) -> String { try required(option.name) }

    /// The option's value read by `parse`, or nil when it is not set; a value `parse` refuses is
    /// exit 1 with its diagnostic attributed to the flag or variable it came from.
    public func parsed<T, E: DiagnosticConvertible>(_ name: String, _ parse: (String) throws(E) -> T) throws(ToolFailure) -> T? {
        guard let text = value(name) else { return nil }
        do throws(E) { return try parse(text) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: source(name))])
        }
    }
}
