import IDPAWS
import IDPConfig
import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime
import IDPToolSupport

/// What the state-bucket subcommands share: reading the common inputs, mapping store errors to
/// the exit-code table, and the outputs that describe a record. Each subcommand is one file.
enum StoreCommands {
    static let environment = SharedOptions.environment
    static let commit = OptionSpec.option("commit", "sha", variable: "IDP_COMMIT",
                                          help: "This run's commit: mark --status active records it as deployed; extend compares it with the deployed one.")

    static func name(_ args: Arguments) throws(ToolFailure) -> EnvironmentName {
        let text = try args.required("environment")
        do throws(NameError) { return try EnvironmentName(text) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("environment"))])
        }
    }

    /// Runs a store operation, mapping its error to the exit-code table.
    static func run<T>(_ body: () throws(StoreError) -> T) throws(ToolFailure) -> T {
        do { return try body() } catch { throw error.failure }
    }

    /// `.idp/config.yml` (or `--config`), for the values flags leave open; invalid files are refused.
    static func projectConfig(_ args: Arguments, maximum: TTL, templates: TemplateCatalog) throws(ToolFailure) -> ProjectConfig {
        let path = args.value("config") ?? ProjectConfig.defaultPath
        guard args.value("config") != nil || SystemIO.fileExists(path) else { return ProjectConfig() }
        let (config, problems) = ProjectConfig.parse(yaml: try ToolInputs.readText(path, limit: ProjectConfig.maxFileBytes), path: path, maximumTTL: maximum, templates: templates)
        guard !problems.hasErrors else { throw ToolFailure(.invalidInput, problems) }
        return config
    }

    /// `--platform`'s settings (the guardrails, prices and region), or the defaults when no file is named.
    static func platformSettings(_ args: Arguments) throws(ToolFailure) -> PlatformSettings {
        guard let file = try ValidationOptions.platformFile(args) else { return PlatformSettings() }
        let (settings, problems) = PlatformSettings.parse(yaml: file.text, path: file.path)
        guard !problems.hasErrors else { throw ToolFailure(.invalidInput, problems) }
        return settings
    }

    static func describe(_ r: EnvironmentRecord, _ runtime: Runtime, awakeFraction: Double? = nil, templates: TemplateCatalog?) {
        runtime.output("found", "true")
        runtime.output("status", r.status.rawValue)
        runtime.output("repository", r.repository)
        runtime.output("repository_owner", r.repositoryOwner)
        runtime.output("repository_name", r.repositoryName)
        runtime.output("branch", r.branch)
        runtime.output("pr_number", r.pullRequest.map(String.init) ?? "")
        runtime.output("created_at", r.createdAt.iso8601)
        runtime.output("expires_at", r.expiresAt.iso8601)
        runtime.output("template", r.template.rawValue)
        runtime.output("ttl", r.ttl)
        runtime.output("timeout_minutes", String(templates?.template(r.template)?.timeoutMinutes ?? TemplateDeclaration.maxTimeoutMinutes))
        // With the platform's awake hours: what it costs on average over a week.
        runtime.output("cost_per_hour", r.estimate(awakeFraction: awakeFraction).map { String($0.perHour) } ?? "")
    }

    /// A `--wait`-like option in seconds (nil when unset or 0), by the library's one duration parser.
    static func waitSeconds(_ args: Arguments, _ option: String = "wait", most: Int = 3_600) throws(ToolFailure) -> Int? {
        guard let text = args.value(option) else { return nil }
        do throws(WaitDurationError) {
            let seconds = try WaitDuration.seconds(text, most: most)
            return seconds == 0 ? nil : seconds
        } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source(option))])
        }
    }
}
