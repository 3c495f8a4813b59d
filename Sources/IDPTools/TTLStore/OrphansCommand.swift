import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let orphans = CommandSpec(
        "orphans", abstract: "Report, and with --clean delete, resources tagged idp:managed=true whose environment has no live record.",
        discussion: """
            Reads every resource tagged idp:managed=true in the region with the Resource Groups Tagging API (GetResources,
            paged) and reports those whose idp:environment has no record, or a destroyed one, with type, ARN, environment and
            age (idp:created-at); the platform's own parts (no idp:environment, or idp:component bootstrap or platform) never
            are. Resources younger than --min-age (default 24h) are marked young: a provision may be recording them right
            now, and they are never touched. What the Tagging API does not list (IAM roles, EventBridge rules, DB subnet
            groups) is found by the names the templates derive and taken only when its own tags name that environment.
            Without --clean it changes nothing and lists exactly what a clean-up would delete, in order. With --clean (the
            platform's own runs only) it deletes them by their tags, as aws-nuke does (no OpenTofu state knows an orphan):
            ECS services, load balancer listeners and rules, load balancers, target groups, databases, subnet groups, rules,
            task definitions, clusters, alarms, log groups, topics, secrets, security groups, roles; each deletion logged; a
            failure is reported (exit 6) and the next run tries again; a type it does not know is named for a person.
            Formats: table (default), json, markdown (also to the step summary). Outputs: count, environments, deleted, failed.
            """,
        examples: ["idp-ttl orphans --bucket my-state --format markdown", "idp-ttl orphans --bucket my-state --clean --min-age 2d"],
        options: [format, .option("min-age", "duration", variable: "IDP_ORPHAN_MIN_AGE", default: "24h", help: "Younger resources are left alone (h or d)."),
                  .flag("clean", variable: "IDP_ORPHAN_CLEAN", help: "Delete the orphans (opt-in; without it a dry run)."),
                  AWSSession.bucketOption]
    ) { args, runtime throws(ToolFailure) in
        let clean = args.flag("clean")
        if clean, !runtime.context.caller.actsForPlatform {
            throw ToolFailure(.conflict, [Diagnostic(code: "tenancy.not-platform", message: "idp-ttl orphans --clean deletes any environment's resources; "
                + "only the platform repository's own runs may (IDP_PLATFORM_REPOSITORY)")])
        }
        let format = args.defaulted(Self.format)
        guard ["table", "json", "markdown"].contains(format) else {
            throw ToolFailure(.invalidInput, [Diagnostic(code: "usage", message: "--format \(quoted(format)) is not table, json or markdown")])
        }
        let minimum = try args.parsed("min-age") { (t) throws(TTLError) in try TTL.parse(t, maximum: nil) } ?? (try? TTL.parse("24h", maximum: nil))
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let records = try run { () throws(StoreError) in try store.list(now: runtime.now, policy: LifecyclePolicy()) }
        var statuses: [String: EnvironmentRecord.Status] = [:]
        for s in records { statuses[s.name] = s.record?.status ?? .active }  // an unreadable record is someone's: never an orphan
        let sweeper = OrphanSweeper(client: SweepClient(client: session.client)) { runtime.log("idp-ttl orphans: \($0)") }
        let report: OrphanReport
        var sweep: OrphanSweep
        do throws(AWSError) {
            let resources = try TaggingClient(client: session.client).resources(taggedWith: "idp:managed", value: "true")
            let minimumAge = Int64(minimum?.seconds ?? 86_400)
            let gone = try sweeper.gone(OrphanSweep(report: OrphanReport(resources: resources, records: statuses, now: runtime.now, minimumAge: 0)))
            report = OrphanReport(resources: resources.filter { !gone.contains($0.arn) }, records: statuses, now: runtime.now, minimumAge: minimumAge)
            sweep = OrphanSweep(report: report)
            sweeper.addFoundByName(to: &sweep, report: report, now: runtime.now, minimumAge: minimumAge)
        } catch {
            throw StoreError.aws(error).failure
        }
        let result = sweeper.run(sweep, dryRun: !clean)
        var notes = Array(Set(report.orphans.filter(\.young).map(\.environment))).sorted().map { "\($0): young, left alone" }
        notes += sweep.byHand.map { "\($0.arn): \($0.type) is not a type the sweep deletes: remove it by hand" }
        notes += sweep.steps.filter { step in !report.orphans.contains { $0.arn == step.resource } }
            .map { "\($0.resource): found by its name and its tags (\($0.environment))" }
        if !clean, !sweep.steps.isEmpty { notes.append("(a dry run: nothing was changed; --clean deletes the \(sweep.steps.count) resources listed)") }
        switch format {
        case "json": runtime.print(report.jsonValue.rendered())
        case "markdown": runtime.print(report.markdown(now: runtime.now) + (notes.isEmpty ? "" : "\n" + notes.map { "- " + markdownCell($0) }.joined(separator: "\n") + "\n"))
        default: runtime.print(report.table(now: runtime.now) + (notes.isEmpty ? "" : "\n\n" + notes.joined(separator: "\n")))
        }
        runtime.log("idp-ttl orphans: \(report.orphans.count) tagged resources in \(Set(report.orphans.map(\.environment)).count) environments without a live record; "
            + (clean ? "deleted \(result.deleted.count), failed \(result.failed.count)" : "\(sweep.steps.count) would be deleted"))
        runtime.summarize(report.markdown(now: runtime.now))
        runtime.output("count", String(report.orphans.count))
        runtime.output("environments", Array(Set(report.orphans.map(\.environment))).sorted().joined(separator: " "))
        runtime.output("deleted", clean ? String(result.deleted.count) : "0")
        runtime.output("failed", String(result.failed.count))
        return result.failed.isEmpty ? .success : .partial
    }
}
