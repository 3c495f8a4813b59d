import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let orphans = CommandSpec(
        "orphans", abstract: "Report resources tagged idp:managed=true whose environment has no live record.",
        discussion: """
            Reads every resource tagged idp:managed=true in the region with the Resource Groups Tagging API (GetResources,
            paged) and reports those whose idp:environment has no record, or a destroyed one, with type, ARN, environment and
            age (idp:created-at). Resources younger than --min-age (default 24h) are marked young: a provision may be
            recording them right now, and they are never touched. Without --clean it changes nothing and says, per
            environment, what a clean-up could do. With --clean (the platform's own runs only), an environment whose newest
            state backup has its variables beside it (backups/<name>/, kept by finalize) gets both back, with a record
            `destroying` made from its resources' tags, each write conditional on nothing being there; the destroy path then
            removes what OpenTofu made (output matrix, for destroy.yml). Any other is listed for a person. Every action is
            logged. Formats: table (default), json, markdown (also to the step summary). Outputs: count, environments,
            matrix, restored.
            """,
        examples: ["idp-ttl orphans --bucket my-state --format markdown"],
        options: [format, .option("min-age", "duration", variable: "IDP_ORPHAN_MIN_AGE", default: "24h", help: "Younger resources are left alone (h or d)."),
                  .flag("clean", variable: "IDP_ORPHAN_CLEAN", help: "Restore what can be destroyed (opt-in; without it a dry run)."),
                  AWSSession.bucketOption]
    ) { args, runtime throws(ToolFailure) in
        if args.flag("clean"), !runtime.context.caller.actsForPlatform {
            throw ToolFailure(.conflict, [Diagnostic(code: "tenancy.not-platform", message: "idp-ttl orphans --clean restores any environment; "
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
        let resources: [(arn: String, tags: [String: String])]
        do throws(AWSError) { resources = try TaggingClient(client: session.client).resources(taggedWith: "idp:managed", value: "true") } catch {
            throw StoreError.aws(error).failure
        }
        let report = OrphanReport(resources: resources, records: statuses, now: runtime.now, minimumAge: Int64(minimum?.seconds ?? 86_400))
        let environments = Array(Set(report.orphans.map(\.environment))).sorted()
        let clean = args.flag("clean")
        var plan: [String] = []
        var restored: [JSONValue] = []
        for name in environments {
            let theirs = report.orphans.filter { $0.environment == name }
            if theirs.allSatisfy(\.young) { plan.append("\(name): young, left alone"); continue }
            guard let environment = try? EnvironmentName(name) else { plan.append("\(name): not an environment name; remove by hand"); continue }
            guard clean else {
                let backups: [S3Object]
                do throws(AWSError) { backups = try store.s3.list(prefix: "backups/\(name)/") } catch { throw StoreError.aws(error).failure }
                let state = backups.map(\.key).filter { $0.hasSuffix(".tfstate.gz") }.max()
                plan.append("\(name): " + (state.map { "state backup \($0): OpenTofu knows what it made; --clean restores it and destroys" }
                    ?? "no state backup: remove the resources above by hand"))
                continue
            }
            // The tags of its resources say whose it was and which template made it.
            let tags = resources.first { $0.tags["idp:environment"] == name }?.tags ?? [:]
            switch try run({ () throws(StoreError) in try store.restoreForDestroy(environment, tags: tags, now: runtime.now) }) {
            case .restored(let record):
                plan.append("\(name): restored its state and variables, recorded destroying (\(record.repository), \(record.template.rawValue)): handed to destroy")
                restored.append(.object(["environment": .string(name), "template": .string(record.template.rawValue)]))
            case .byHand(let why):
                plan.append("\(name): \(why): remove the resources above by hand")
            }
        }
        plan.forEach { runtime.log("idp-ttl orphans: \($0)") }
        if !clean, !plan.isEmpty { plan.append("(a report: nothing was changed; --clean restores what can be destroyed)") }
        switch format {
        case "json": runtime.print(report.jsonValue.rendered())
        case "markdown": runtime.print(report.markdown(now: runtime.now) + (plan.isEmpty ? "" : "\n" + plan.map { "- " + markdownCell($0) }.joined(separator: "\n") + "\n"))
        default: runtime.print(report.table(now: runtime.now) + (plan.isEmpty ? "" : "\n\n" + plan.joined(separator: "\n")))
        }
        runtime.log("idp-ttl orphans: \(report.orphans.count) of \(resources.count) tagged resources in \(environments.count) environments without a live record")
        runtime.summarize(report.markdown(now: runtime.now))
        runtime.output("count", String(report.orphans.count))
        runtime.output("environments", environments.joined(separator: " "))
        runtime.output("matrix", JSONValue.object(["include": .array(restored)]).rendered(pretty: false))
        runtime.output("restored", String(restored.count))
        return .success
    }
}
