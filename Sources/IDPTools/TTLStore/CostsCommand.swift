import IDPAWS
import IDPCore
import IDPPlatform
import IDPRuntime
import IDPToolSupport

extension StoreCommands {
    static let costs = CommandSpec(
        "costs", abstract: "This month's actual spend per environment, from Cost Explorer once a day (kept in the state bucket).",
        discussion: """
            Reads Cost Explorer's GetCostAndUsage for the month so far, grouped by the idp:environment cost-allocation tag,
            at most once a day (each request costs $0.01 and the figures lag about a day): the answer is kept as
            platform/costs.json and used until it is a day old, or --refresh. `list` and the dashboard show it beside the
            estimates. When no cost carries the tag, says exactly that and how to activate the tag instead of showing zeros.
            Outputs: asked (whether Cost Explorer was asked), month, tagged, untagged, activated.
            """,
        examples: ["idp-ttl costs --bucket my-state"],
        options: [.flag("refresh", variable: "IDP_COSTS_REFRESH", help: "Ask Cost Explorer even when the kept answer is younger than a day."),
                  AWSSession.bucketOption]
    ) { args, runtime throws(ToolFailure) in
        let session = try AWSSession(runtime: runtime)
        let store = try session.store(args)
        let (spend, asked) = try run { () throws(StoreError) in
            try store.actualSpend(costExplorer: CostExplorerClient(client: session.client), now: runtime.now, force: args.flag("refresh"))
        }
        runtime.print("\(spend.month) as of \(spend.fetchedAt)\(asked ? " (asked Cost Explorer now)" : " (kept; asked again after a day)"):")
        for (name, dollars) in spend.byEnvironment.sorted(by: { $0.key < $1.key }) { runtime.print("  \(name)  \(Money.text(dollars))") }
        runtime.print("  tagged \(Money.text(spend.tagged)), untagged \(Money.text(spend.untagged))")
        if !spend.tagActivated { runtime.report([Diagnostic(.warning, code: "costs.tag", message: ActualSpend.notActivated)]) }
        runtime.output("asked", String(asked))
        runtime.output("month", spend.month)
        runtime.output("tagged", String(spend.tagged))
        runtime.output("untagged", String(spend.untagged))
        runtime.output("activated", String(spend.tagActivated))
        return .success
    }
}
