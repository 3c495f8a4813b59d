import IDPAWS
import IDPConfig
import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime
import IDPToolSupport

/// `idp doctor`: reads the live setup (AWS and GitHub, never writing) and says, per finding, what is
/// wrong, why it matters and the command that fixes it. Exit 0 only when a first preview can work.
public enum DoctorTool {
    static let consumer = OptionSpec.list("consumer", "owner/name", variable: "IDP_DOCTOR_CONSUMERS",
                                          help: "A consumer repository to check too: its OIDC subject, its pin, the reader secrets, the role's trust.")
    static let checksums = OptionSpec.option("checksums", "path", variable: "IDP_CHECKSUMS", default: "action/checksums.txt",
                                             help: "The releases the platform pins (action/checksums.txt of its default branch).")

    public static let command = CommandSpec(
        "idp-doctor",
        abstract: "Check the live setup of the platform (and consumers) end to end; change nothing. Outputs: ready, errors, warnings.",
        discussion: """
            AWS (the usual credential chain): the state bucket (versioning, encryption, public access block), the lock table,
            the image repository (immutable tags, lifecycle rule), the role (exists, boundary, OIDC provider and audience, a
            trust that admits the platform's own runs and each --consumer and no hostile subject). GitHub (GITHUB_TOKEN or
            IDP_GITHUB_TOKEN, GITHUB_API_URL): the scheduled workflows enabled, the v* tag and default-branch rulesets, the
            environments idp-platform and release with their secrets, immutable releases, the OIDC subject customisation,
            the newest release pinned in --checksums, the platform App's installation; per --consumer its subject, its pin
            and (private platform) the reader App's secrets. Exit 0: ready for a first preview (warnings allowed); 1: errors.
            """,
        examples: ["idp doctor --platform platform.yml --repository acme/mini-idp",
                   "idp doctor --platform platform.yml --repository acme/mini-idp --consumer acme/payments --consumer acme/web"],
        options: [ValidationOptions.platform, SharedOptions.repository, consumer, checksums]
    ) { args, runtime throws(ToolFailure) in
        guard let file = try ValidationOptions.platformFile(args) else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "name the platform's settings with --platform platform.yml")])
        }
        let (settings, problems) = PlatformSettings.parse(yaml: file.text, path: file.path)
        guard !problems.hasErrors else { throw ToolFailure(.invalidInput, problems) }
        guard let platform = args.value(SharedOptions.repository) ?? runtime.context["GITHUB_REPOSITORY"] else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "name the platform repository with --repository owner/name (or GITHUB_REPOSITORY)")])
        }
        var findings: [SetupFinding] = []
        let checksumsPath = args.defaulted(checksums)
        if !SystemIO.fileExists(checksumsPath) {
            findings.append(SetupFinding(code: "setup.checksums", subject: checksumsPath, what: "there is no \(checksumsPath) here",
                                         why: "which releases the platform pins cannot be checked", fix: "run idp doctor in the platform repository's checkout, or name it with --checksums"))
        }
        let pinned = SetupRules.pinnedTags(checksums: SystemIO.fileExists(checksumsPath) ? try ToolInputs.readText(checksumsPath) : "")
        var expected = SetupExpectations(platform: platform, runner: SetupRules.runnerKind(settings), usesApp: !(settings.githubAppID ?? "").isEmpty)
        expected.sleeps = settings.sleep != nil
        var failed = false
        if let github = try GitHubSources.client(runtime) {
            let inspection = SetupInspection(github: github)
            do throws(GitHubError) {
                let facts = try runtime.group("GitHub: \(platform)") { () throws(GitHubError) in try inspection.platform(platform) }
                expected.defaultBranch = facts.defaultBranch
                expected.releaseTag = facts.latestRelease ?? pinned.sorted(by: SetupRules.versionOrder).last
                findings += SetupRules.platform(facts, expecting: expected, appID: settings.githubAppID, pinnedVersions: pinned)
                for name in args.values(consumer.name) {
                    let consumer = try runtime.group("GitHub: \(name)") { () throws(GitHubError) in try inspection.consumer(name, platform: platform) }
                    expected.consumers.append((name, consumer.defaultBranch))
                    findings += SetupRules.consumer(consumer, platform: facts, pinnedVersions: pinned)
                }
            } catch {
                runtime.report([error.diagnostic()])
                failed = true
            }
        } else {
            findings.append(SetupFinding(code: "github.token", subject: platform, what: "no GitHub token (GITHUB_TOKEN or IDP_GITHUB_TOKEN)",
                                         why: "nothing on GitHub was checked", fix: "GITHUB_TOKEN=$(gh auth token) idp doctor …"))
            expected.consumers = args.values(consumer.name).map { ($0, "main") }
        }
        // The account's resources in platform.yml's region, whatever AWS_REGION says; an AWS failure
        // is reported beside the GitHub findings, not instead of them.
        var environment = runtime.context.environment
        if let region = settings.awsRegion { environment["AWS_REGION"] = region }
        do throws(AWSError) {
            let configuration: AWSConfiguration
            do throws(AWSConfigError) { configuration = try AWSConfiguration.fromEnvironment(environment) } catch {
                throw AWSError.malformed(error.message + " (doctor reads AWS credentials from the environment: eval \"$(aws configure export-credentials --format env)\")", operation: "AWS configuration")
            }
            runtime.mask(configuration.credentials.secretAccessKey)
            if let token = configuration.credentials.sessionToken { runtime.mask(token) }
            let facts = try runtime.group("AWS: \(configuration.region)") { () throws(AWSError) in
                try AWSSetupInspection(client: AWSClient(configuration: configuration)).inspect(settings: settings)
            }
            findings += SetupRules.aws(facts, expecting: expected)
        } catch {
            runtime.report([error.diagnostic()])
            failed = true
        }
        runtime.report(findings.map(\.diagnostic))
        let errors = findings.filter { $0.severity == .error }.count, warnings = findings.count - errors
        runtime.print(failed ? "not checked to the end: AWS or GitHub did not answer (above)" : errors == 0 ? "ready for a first preview" + (warnings > 0 ? " (\(warnings) warnings)" : "")
                                  : "not ready: \(errors) problems to fix" + (warnings > 0 ? ", \(warnings) warnings" : ""))
        runtime.output("ready", String(errors == 0 && !failed))
        runtime.output("errors", String(errors))
        runtime.output("warnings", String(warnings))
        return failed ? .remote : errors == 0 ? .success : .invalidInput
    }
}
