import IDPConfig
import IDPCore
import IDPRuntime

/// Reading the platform's templates: each folder of `--templates` with a `template.yml`. The
/// platform's action sets IDP_TEMPLATES_DIR to its checkout's folder; a developer in the platform
/// repository needs nothing, and elsewhere the declarations installed beside the tools serve.
public enum Templates {
    public static let option = SharedOptions.templates

    public static func catalog(_ args: Arguments) throws(ToolFailure) -> TemplateCatalog {
        try load(directory(args))
    }

    /// `--templates`; unset, the release's `templates/` installed beside the binary, else the
    /// working directory's `infrastructure/templates` (a build in the platform's checkout). Beside
    /// the binary first: in a job the working directory is a tenant's checkout, never the platform's.
    static func directory(_ args: Arguments) -> String {
        guard !args.isSet(option.name), let beside = SystemIO.executableDirectory().map({ $0 + "/templates" }), SystemIO.fileExists(beside) else {
            return args.defaulted(option)
        }
        return beside
    }

    /// The catalog when there is one to read: nil when --templates was not given and the default
    /// folder is absent (a look at a record from outside the platform's checkout, where a template's
    /// job budget is taken as the longest any may declare). Bad declarations are still an error.
    public static func catalogIfPresent(_ args: Arguments) throws(ToolFailure) -> TemplateCatalog? {
        guard args.isSet(option.name) || SystemIO.fileExists(directory(args)) else { return nil }
        return try load(directory(args))
    }

    /// The lifecycle policy of the flags, with each template's job budget from the catalog.
    public static func policy(_ args: Arguments) throws(ToolFailure) -> LifecyclePolicy {
        var policy = try LifecycleOptions.policy(args)
        policy.jobMinutes = try catalogIfPresent(args)?.jobMinutes ?? [:]
        return policy
    }

    /// Every declaration under `directory`, all checked: one bad file is an error naming its line,
    /// not a template that silently goes missing.
    public static func load(_ directory: String) throws(ToolFailure) -> TemplateCatalog {
        let entries: [String]
        do { entries = try SystemIO.list(directory) } catch {
            throw ToolFailure(.notFound, [Diagnostic(code: "template.folder", message: "cannot read the templates' folder \(quoted(directory)) (\(error.description)); "
                + "run in the platform's checkout or set IDP_TEMPLATES_DIR (--templates) to its \(TemplateCatalog.folder)")])
        }
        var templates: [Template] = [], problems: [Diagnostic] = []
        for entry in entries.sorted() where !entry.hasPrefix(".") && !entry.hasPrefix("_") {
            let path = directory + "/" + entry + "/" + TemplateCatalog.declarationFile
            guard SystemIO.fileExists(path) else { continue }
            guard let name = TemplateName(rawValue: entry) else {
                problems.append(TemplateError.malformed(entry).diagnostic(at: SourceLocation(file: path)))
                continue
            }
            let (declaration, found) = TemplateDeclaration.parse(yaml: try ToolInputs.readText(path, limit: ProjectConfig.maxFileBytes), path: path)
            problems += found
            templates.append(Template(name: name, declaration: declaration))
        }
        let defaults = templates.filter(\.declaration.isDefault).map(\.rawValue)
        if templates.isEmpty {
            problems.append(Diagnostic(code: "template.folder", message: "\(quoted(directory)) holds no template (no <name>/\(TemplateCatalog.declarationFile)); "
                + "set IDP_TEMPLATES_DIR (--templates) to the platform's \(TemplateCatalog.folder)"))
        } else if defaults.count != 1 {
            problems.append(Diagnostic(code: "template.default", message: "exactly one template must say \"default: true\"; "
                + (defaults.isEmpty ? "none in \(directory) does" : "\(defaults.joined(separator: ", ")) do")))
        }
        guard !problems.hasErrors else { throw ToolFailure(.invalidInput, problems) }
        return TemplateCatalog(templates)
    }
}
