import Foundation
import IDPConfig
import IDPCore

/// The templates this repository ships (`infrastructure/templates/*/template.yml`), parsed as the
/// tools parse them: unit tests price, sleep and validate against the real declarations, never a
/// copy that could drift from them.
public enum ShippedTemplates {
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("infrastructure/templates")

    public static let catalog: TemplateCatalog = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return TemplateCatalog(names.sorted().compactMap { name in
            let path = folder.appendingPathComponent(name).appendingPathComponent(TemplateCatalog.declarationFile).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let templateName = TemplateName(rawValue: name) else { return nil }
            let (declaration, problems) = TemplateDeclaration.parse(yaml: text, path: path)
            precondition(!problems.hasErrors, "\(path): \(problems.map(\.message))")
            return Template(name: templateName, declaration: declaration)
        })
    }()

    public static func named(_ name: String) -> Template {
        guard let found = TemplateName(rawValue: name).flatMap(catalog.template) else { preconditionFailure("no shipped template \(name)") }
        return found
    }
}

// The shipped templates by name, for tests that name one.
extension Template {
    public static var apiService: Template { ShippedTemplates.named("api-service") }
    public static var apiDatabase: Template { ShippedTemplates.named("api-database") }
    public static var scheduledWorker: Template { ShippedTemplates.named("scheduled-worker") }
}

extension TemplateName {
    public static var apiService: TemplateName { Template.apiService.name }
    public static var apiDatabase: TemplateName { Template.apiDatabase.name }
    public static var scheduledWorker: TemplateName { Template.scheduledWorker.name }
}

extension TemplateDeclaration {
    public static var apiService: TemplateDeclaration { Template.apiService.declaration }
    public static var apiDatabase: TemplateDeclaration { Template.apiDatabase.declaration }
    public static var scheduledWorker: TemplateDeclaration { Template.scheduledWorker.declaration }
}
