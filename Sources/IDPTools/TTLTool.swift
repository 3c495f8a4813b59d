import IDPCore
import IDPRuntime

/// `idp-ttl` (the executable of that name, and the multi-call `idp` under that name).
/// TTL arithmetic and the environment lifecycle: one subcommand per step.
public enum TTLTool {
    static let ttlArgument = ArgumentSpec("ttl", variable: "IDP_TTL", help: "A TTL such as 7d.")

    /// The TTL argument, bounded by the platform maximum.
    static func parseTTL(_ args: Arguments) throws(ToolFailure) -> TTL {
        let maximum = try ToolInputs.maximumTTL(args)
        let text = try args.required("ttl")
        do { return try TTL.parse(text, maximum: maximum) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: args.source("ttl"))])
        }
    }

    static let parse = CommandSpec(
        "parse", abstract: "Print a TTL in seconds. Outputs: ttl, seconds.",
        discussion: "Accepted: \(TTL.validExamples.joined(separator: ", ")). Rejected: \(TTL.invalidExamples.joined(separator: ", ")).",
        arguments: [ttlArgument], options: [ToolInputs.maxTTLOption]
    ) { args, runtime throws(ToolFailure) in
        let ttl = try parseTTL(args)
        runtime.print(String(ttl.seconds))
        runtime.output("ttl", ttl.description)
        runtime.output("seconds", String(ttl.seconds))
        return .success
    }

    static let expiresAt = CommandSpec(
        "expires-at", abstract: "Print when an environment started now (or at --from) expires. Outputs: expires_at.",
        arguments: [ttlArgument],
        options: [.option("from", "time", help: "Start, ISO 8601 UTC; default now."), ToolInputs.maxTTLOption]
    ) { args, runtime throws(ToolFailure) in
        let ttl = try parseTTL(args)
        let start = try args.parsed("from") { (t) throws(TimeError) in try Timestamp.parse(t) } ?? runtime.now
        let expiry = ttl.expiresAt(from: start)
        runtime.print(expiry.iso8601)
        runtime.output("expires_at", expiry.iso8601)
        return .success
    }

    static let status = CommandSpec(
        "status", abstract: "Decide what should happen to one environment from its metadata.json.",
        discussion: "Prints '<action> <name>: <reason>'. Outputs: action (keep, destroy, retry, wait, report, none), reason.",
        options: [
            .option("metadata", "path", help: "Path to metadata.json."),
            LifecycleOptions.stuckAfter, SharedOptions.templates,
        ]
    ) { args, runtime throws(ToolFailure) in
        let path = try args.required("metadata")
        let record = EnvironmentRecord.decode(Array(try ToolInputs.readText(path).utf8))
        let decision = LifecycleDecision.decide(record, now: runtime.now, policy: try Templates.policy(args))
        let name = (try? record.get().name.rawValue) ?? path
        runtime.print("\(decision.action) \(name): \(decision.explanation)")
        runtime.output("action", decision.action)
        runtime.output("reason", decision.explanation)
        if case .failure(let error) = record {
            runtime.report([error.diagnostic(at: SourceLocation(file: path))])
            return .invalidInput
        }
        return .success
    }

    public static let command = CommandSpec(
        "idp-ttl", abstract: "Parse TTLs and drive the environment lifecycle.",
        examples: [
            "idp-ttl parse 7d                                    # 604800",
            "idp-ttl expires-at 24h --from 2026-01-31T12:00:00Z  # 2026-02-01T12:00:00Z",
            "idp-ttl status --metadata metadata.json            # destroy preview-x: expired 3h ago",
            "idp-ttl create --bucket my-state --environment preview-x --ttl 2d",
            "idp-ttl scan --bucket my-state --dry-run",
        ],
        subcommands: [parse, expiresAt, status] + [
            ("create", "Record a new environment (refused when another repository or branch holds the name)."),
            ("extend", "Push an environment's expiry to TTL from now (never shortens it; the requested TTL is kept)."),
            ("mark", "Record a status change after provision or destroy."),
            ("show", "Print one environment's record; changes nothing."),
            ("scan", "Find expired and stuck environments, mark them destroying, and emit a destroy matrix."),
            ("finalize", "After a successful destroy: back up the state, delete the environment's objects and lock items."),
            ("list", "List every environment with its status and time left."),
            ("unlock", "Remove an environment's state locks that only a dead run can have left; report the others."),
            ("answer", "Carry out a pull-request comment command (/preview …) and answer it on the pull request."),
            ("costs", "This month's actual spend per environment, from Cost Explorer once a day (kept in the state bucket)."),
            ("orphans", "Report resources tagged idp:managed=true whose environment has no live record."),
            ("event", "Say whether this event should provision or destroy (platform.yml pull_requests: rules)."),
            ("sleep", "Put environments to sleep outside platform.yml's awake hours, and wake them inside."),
            ("wake", "Wake a sleeping environment now (a push, or /preview wake)."),
        ].map { CommandSpec.delegated($0.0, abstract: $0.1 + " (in the state bucket)", to: "idp-ttl-aws") })
}
