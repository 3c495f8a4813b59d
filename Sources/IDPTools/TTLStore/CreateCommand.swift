import IDPCore
import IDPGitHub
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let create = CommandSpec(
        "create", abstract: "Record a new environment (refused when another repository or branch holds the name).",
        discussion: """
            Outputs: created (true/false), closed, status, created_at, expires_at, template, ttl, timeout_minutes, cost_per_hour
            (the estimate recorded, US dollars). Re-running for the same repository and branch changes nothing but the
            estimate, which follows the config (a push that changes CPU or memory changes it). A new environment is first
            checked against platform.yml's guardrails (--platform): a refusal is exit 3, records nothing and gives the output
            refused (the reasons). Inside Actions the repository is GITHUB_REPOSITORY (a different --repository is exit 3),
            and with --pr and a token a pull request GitHub says is closed is recorded nowhere: closed=true, exit 0.
            """,
        options: [
            environment,
            SharedOptions.template, SharedOptions.ttl, SharedOptions.config, SharedOptions.owner, SharedOptions.repository,
            .option("branch", "branch", variable: "IDP_BRANCH", help: "Branch; else GITHUB_HEAD_REF or GITHUB_REF_NAME."),
            .option("schedule", "expression", variable: "IDP_SCHEDULE", help: "A scheduled template's schedule, for its estimate; else the config's."),
            SharedOptions.pullRequest, SharedOptions.image,
            AWSSession.bucketOption, ToolInputs.maxTTLOption, ValidationOptions.platform, SharedOptions.templates,
        ]
    ) { args, runtime throws(ToolFailure) in
        let name = try name(args)
        let maximum = try ToolInputs.maximumTTL(args)
        let templates = try Templates.catalog(args)
        let config = try projectConfig(args, maximum: maximum, templates: templates)
        guard let template = try args.parsed("template", { (t) throws(TemplateError) in try templates.parse(t) }) ?? templates.resolve(config.template) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "template.default", message: "no template is the default and none was named")])
        }
        let ttl = try args.parsed("ttl") { (t) throws(TTLError) in try TTL.parse(t, maximum: maximum) } ?? config.ttl
        let schedule = try args.parsed("schedule") { (t) throws(ScheduleError) in try ScheduleExpression.parse(t) }
            ?? config.schedule.flatMap { try? ScheduleExpression.parse($0) }
        let (repository, owner, branch) = try who(args, runtime)
        let pr = try args.value("pr").map { (text) throws(ToolFailure) in try PullRequestNumber.parse(text, source: args.source("pr")) }
        if let pr, try isClosed(repository, pr, runtime) {
            runtime.print("pull request #\(pr) of \(repository) is closed: \(name) is not recorded or provisioned")
            runtime.output("closed", "true")
            return .success
        }
        runtime.output("closed", "false")
        let settings = try platformSettings(args)
        var priced = settings
        if priced.awsRegion == nil { priced.awsRegion = runtime.context["AWS_REGION"] ?? runtime.context["AWS_DEFAULT_REGION"] }
        let prices = priced.prices
        if let unpriced = CostEstimate.unpriced(template, prices: prices.prices, basis: prices.basis) { throw ToolFailure(.invalidInput, [unpriced]) }
        let store = try AWSSession(runtime: runtime).store(args)
        var record = EnvironmentRecord(name: name, template: template.name, owner: owner, repository: repository, branch: branch,
                                       pullRequest: pr, image: args.value("image"), ttl: ttl, now: runtime.now)
        record.sleeps = config.sleep
        let result = try run { () throws(StoreError) in
            try store.createEnvironment(record, guardrails: settings.guardrails, estimate: { name in
                templates.template(name).map { CostEstimate(template: $0.declaration, cpu: config.cpu, memory: config.memory, schedule: schedule,
                                                            sharedLoadBalancer: settings.previewDomain != nil, prices: prices.prices) } ?? CostEstimate(perHour: 0)
            }, now: runtime.now)
        }
        switch result {
        case .refused(let refusals):
            // For the pull-request comment: why, in the same words.
            runtime.output("refused", refusals.map(\.message).joined(separator: "\n"))
            throw ToolFailure(.conflict, refusals.map { $0.diagnostic(subject: "platform.yml guardrails") })
        case .kept(let r, let refusals):
            runtime.output("refused", refusals.map(\.message).joined(separator: "\n"))
            runtime.output("kept", "true")
            try GitHubSources.sayRefusedPush(refusals, of: r, commit: runtime.context["IDP_COMMIT"] ?? runtime.context["GITHUB_SHA"], runtime)
            throw ToolFailure(.conflict, refusals.map { $0.diagnostic(subject: ".idp/config.yml") })
        case .created(let r):
            runtime.print("created \(name): \(r.template.rawValue), expires \(r.expiresAt)")
            let cost = CostEstimate(perHour: r.costPerHour ?? 0)
            runtime.log("idp-ttl: \(name) is estimated at \(Money.text(cost.perDay)) a day, \(Money.text(cost.until(r.expiresAt, now: runtime.now))) "
                + "until it expires (\(prices.basis))")
            runtime.output("created", "true")
            describe(r, runtime, templates: templates)
        case .exists(let r):
            runtime.print("exists \(name): \(r.status.rawValue), expires \(r.expiresAt)")
            runtime.output("created", "false")
            describe(r, runtime, templates: templates)
        }
        return .success
    }

    /// The repository, owner and branch to record. Inside Actions the repository is the one GitHub
    /// names (GITHUB_REPOSITORY): a flag may not say otherwise.
    static func who(_ args: Arguments, _ runtime: Runtime) throws(ToolFailure) -> (repository: String, owner: String, branch: String) {
        let env = runtime.context, caller = env.caller
        if caller.inActions, let given = args.value("repository"), given.lowercased() != caller.repository?.lowercased() {
            throw ToolFailure(.conflict, [Diagnostic(code: "tenancy.repository", message: "--repository \(quoted(given)) is not this run's repository "
                + "(\(caller.repository ?? "GITHUB_REPOSITORY unset")); inside GitHub Actions an environment is recorded for the repository GitHub names",
                subject: args.source("repository"))])
        }
        guard let owner = args.value("owner") ?? env["GITHUB_ACTOR"] ?? env["USER"],
              let repository = caller.inActions ? caller.repository : args.value("repository") ?? env["GITHUB_REPOSITORY"]
        else { throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "missing --owner or --repository (or GITHUB_ACTOR and GITHUB_REPOSITORY)")]) }
        // The same branch rule as idp-sanitize-branch: on a pull request GITHUB_REF_NAME is "N/merge", no branch.
        do throws(BranchError) {
            return (repository, owner, try BranchMapping.branch(explicit: args.value("branch"), headRef: env["GITHUB_HEAD_REF"], refName: env["GITHUB_REF_NAME"]))
        } catch { throw ToolFailure(.usage, [error.diagnostic(subject: args.source("branch"))]) }
    }

    /// Whether GitHub says the pull request is closed now (inside Actions, with a token): a
    /// provision that starts after the close (its destroy ran first, in the environment's group)
    /// records nothing. A question GitHub cannot answer is a warning, and the provision goes on.
    static func isClosed(_ repository: String, _ pr: Int, _ runtime: Runtime) throws(ToolFailure) -> Bool {
        guard runtime.context.caller.inActions, let github = try GitHubSources.client(runtime) else { return false }
        do throws(GitHubError) {
            if case .closed = try github.pullRequestState(repository, pr) { return true }
        } catch {
            runtime.report([Diagnostic(.warning, code: "create.github", message: "cannot tell whether pull request #\(pr) is still open "
                + "(\(error.message)); provisioning as the event asked")])
        }
        return false
    }
}
