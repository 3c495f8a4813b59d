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
            recording them right now. Changes nothing. For each orphaned environment it says what a clean-up could do: a state
            backup in the bucket (backups/<name>/) means OpenTofu knows what it made; without one a person must remove the
            resources listed. Formats: table (default), json, markdown (also to the step summary). Outputs: count, environments.
            """,
        examples: ["idp-ttl orphans --bucket my-state --format markdown"],
        options: [format, .option("min-age", "duration", variable: "IDP_ORPHAN_MIN_AGE", default: "24h", help: "Younger resources are left alone (h or d)."),
                  AWSSession.bucketOption]
    ) { args, runtime throws(ToolFailure) in
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
        var plan: [String] = []
        for name in environments {
            let backups: [S3Object]
            do throws(AWSError) { backups = try store.s3.list(prefix: "backups/\(name)/") } catch { throw StoreError.aws(error).failure }
            let state = backups.map(\.key).filter { $0.hasSuffix(".tfstate.gz") }.max()
            let young = report.orphans.filter { $0.environment == name }.allSatisfy(\.young)
            plan.append("\(name): " + (young ? "young, left alone"
                : state.map { "state backup \($0): OpenTofu knows what it made; restore it and destroy" } ?? "no state backup: remove the resources above by hand"))
        }
        switch format {
        case "json": runtime.print(report.jsonValue.rendered())
        case "markdown": runtime.print(report.markdown(now: runtime.now) + (plan.isEmpty ? "" : "\n" + plan.map { "- " + markdownCell($0) }.joined(separator: "\n") + "\n"))
        default: runtime.print(report.table(now: runtime.now) + (plan.isEmpty ? "" : "\n\n" + plan.joined(separator: "\n")))
        }
        runtime.log("idp-ttl orphans: \(report.orphans.count) of \(resources.count) tagged resources in \(environments.count) environments without a live record")
        runtime.summarize(report.markdown(now: runtime.now))
        runtime.output("count", String(report.orphans.count))
        runtime.output("environments", environments.joined(separator: " "))
        return .success
    }
}
