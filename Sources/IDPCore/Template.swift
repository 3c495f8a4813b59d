/// The name of a template: a folder under `infrastructure/templates/`, as records, tags and
/// settings carry it. Only its form is checked here; whether the platform has such a template is
/// the catalog's to say, so a record of a template since removed stays readable and destroyable.
public struct TemplateName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Lower-case letters, digits and hyphens, starting with a letter: a folder, a tag value and an
    /// OpenTofu string alike.
    public init?(rawValue: String) {
        guard let first = rawValue.unicodeScalars.first, ("a"..."z").contains(first), rawValue.unicodeScalars.count <= Self.maxLength,
              rawValue.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else { return nil }
        self.rawValue = rawValue
    }

    public static let maxLength = 40
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String) throws(TemplateError) -> TemplateName {
        guard let name = TemplateName(rawValue: text) else { throw .malformed(text) }
        return name
    }
}

/// One template: its name and what its declaration (`template.yml`) says of it.
public struct Template: Sendable, Equatable {
    public let name: TemplateName
    public let declaration: TemplateDeclaration

    public init(name: TemplateName, declaration: TemplateDeclaration) {
        self.name = name
        self.declaration = declaration
    }

    public var rawValue: String { name.rawValue }
    /// The template's OpenTofu root module, relative to the platform repository.
    public var workingDirectory: String { TemplateCatalog.folder + "/" + name.rawValue }
    public var timeoutMinutes: Int { declaration.timeoutMinutes }
    /// Whether the template serves HTTP behind an ALB (and so takes a port and certificate).
    public var hasLoadBalancer: Bool { declaration.loadBalancer }
}

/// Every template of the platform, as read from `infrastructure/templates/*/template.yml`.
public struct TemplateCatalog: Sendable, Equatable {
    public let templates: [Template]

    /// Where the templates live in the platform repository.
    public static let folder = "infrastructure/templates"
    /// A declaration's file name inside its template's folder.
    public static let declarationFile = "template.yml"

    /// `templates` sorted by name; exactly one must be the default (the catalog loader checks it).
    public init(_ templates: [Template]) {
        self.templates = templates.sorted { $0.name < $1.name }
    }

    public var names: String { templates.map(\.rawValue).joined(separator: ", ") }

    /// The template of a config that names none.
    public var defaultTemplate: Template? { templates.first { $0.declaration.isDefault } }

    public func template(_ name: TemplateName) -> Template? { templates.first { $0.name == name } }

    /// The template `text` names, or an error listing those there are (and the likely typo).
    public func parse(_ text: String) throws(TemplateError) -> Template {
        guard let template = TemplateName(rawValue: text).flatMap(template) else {
            throw .unknown(text, known: templates.map(\.rawValue), suggestion: closestMatch(to: text, in: templates.map(\.rawValue)))
        }
        return template
    }

    /// `name`'s template, else the default: what a config's absent `template:` means.
    public func resolve(_ name: TemplateName?) -> Template? { name.map(template) ?? defaultTemplate }

    /// Each template's job budget, for deciding when a provision was abandoned.
    public var jobMinutes: [TemplateName: Int] {
        Dictionary(uniqueKeysWithValues: templates.map { ($0.name, $0.timeoutMinutes) })
    }

    /// The templates that declare config key `key` as a setting of their own.
    public func declaring(_ key: String) -> [Template] { templates.filter { $0.declaration.setting(key) != nil } }
}

public enum TemplateError: DiagnosticConvertible, Equatable {
    case unknown(String, known: [String], suggestion: String?)
    case malformed(String)

    public var code: String { "template.unknown" }
    public var message: String {
        switch self {
        case .unknown(let text, let known, let suggestion):
            let hint = suggestion.map { " (did you mean \(quoted($0))?)" } ?? ""
            return "template \(quoted(text)) is not one of \(known.joined(separator: ", "))\(hint)"
        case .malformed(let text):
            return "template \(quoted(text)) is not a template name: lower-case letters, digits and hyphens, starting with a letter, "
                + "at most \(TemplateName.maxLength) characters"
        }
    }
}

/// The closest candidate by edit distance, when it is close enough to be a likely typo.
public func closestMatch(to text: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(text.lowercased(), $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
}

/// Levenshtein distance over Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
