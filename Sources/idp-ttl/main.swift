import ArgumentParser
import IDPRuntime

/// TTL arithmetic and the environment lifecycle.
@main
struct TTLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idp-ttl",
        abstract: "Parse TTLs and drive the environment lifecycle.",
        discussion: SharedHelp.discussion("""
            EXAMPLES:
              idp-ttl parse 7d                      # 604800
              idp-ttl expires-at 24h --from 2026-01-31T12:00:00Z
              idp-ttl status --metadata metadata.json
            """),
        version: IDPVersion.current,
        subcommands: [Parse.self, ExpiresAt.self, Status.self])

    static func main() { ToolMain.main(Self.self) }
}

/// Options that locate and bound a TTL, shared by the subcommands.
struct TTLOptions: ParsableArguments {
    @Option(name: .customLong("max-ttl"), help: "Platform TTL maximum (IDP_MAX_TTL); default 30d.") var maxTTL: String?

    func parse(_ text: String?, _ runtime: Runtime, flag: String = "TTL") throws(ToolFailure) -> TTL {
        let maximum = try ToolInputs.maximumTTL(maxTTL, runtime.context)
        guard let text = runtime.context.resolve(text, "IDP_TTL") else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "missing \(flag) (or IDP_TTL)")])
        }
        do { return try TTL.parse(text, maximum: maximum) } catch { throw ToolFailure(.invalidInput, [error.diagnostic(subject: flag)]) }
    }
}

extension TTLCommand {
    struct Parse: IDPCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a TTL in seconds. Outputs: ttl, seconds.",
            discussion: "Accepted: \(TTL.validExamples.joined(separator: ", ")). Rejected: \(TTL.invalidExamples.joined(separator: ", ")).")
        @Argument(help: "A TTL such as 7d (IDP_TTL).") var ttl: String?
        @OptionGroup var options: TTLOptions

        mutating func execute(_ runtime: Runtime) throws(ToolFailure) -> ExitStatus {
            let value = try options.parse(ttl, runtime)
            runtime.print(String(value.seconds))
            runtime.output("ttl", value.description)
            runtime.output("seconds", String(value.seconds))
            return .success
        }
    }

    struct ExpiresAt: IDPCommand {
        static let configuration = CommandConfiguration(
            commandName: "expires-at", abstract: "Print when an environment created now (or --from) expires. Outputs: expires_at.")
        @Argument(help: "A TTL such as 7d (IDP_TTL).") var ttl: String?
        @Option(help: "Start time, ISO 8601 UTC; default now.") var from: String?
        @OptionGroup var options: TTLOptions

        mutating func execute(_ runtime: Runtime) throws(ToolFailure) -> ExitStatus {
            let value = try options.parse(ttl, runtime)
            var start = runtime.now
            if let from {
                guard let parsed = Timestamp(iso8601: from) else {
                    throw ToolFailure(.invalidInput, [Diagnostic(code: "time.format",
                        message: "time \(quoted(from)) is not ISO 8601, e.g. \"2026-01-31T12:00:00Z\"", subject: "--from")])
                }
                start = parsed
            }
            let expiry = value.expiresAt(from: start)
            runtime.print(expiry.iso8601)
            runtime.output("expires_at", expiry.iso8601)
            return .success
        }
    }

    struct Status: IDPCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide what should happen to one environment from its metadata.json.",
            discussion: "Prints '<action> <name>: <reason>'. Outputs: action (keep, destroy, retry, wait, report, none), reason.")
        @Option(help: "Path to metadata.json.") var metadata: String
        @Option(name: .customLong("stuck-after"), help: "Retry destroys older than this TTL-style duration.") var stuckAfter = "2h"

        mutating func execute(_ runtime: Runtime) throws(ToolFailure) -> ExitStatus {
            let policy = try LifecycleOptions.policy(stuckAfter: stuckAfter)
            let text = try ToolInputs.readText(metadata)
            let record = EnvironmentRecord.decode(Array(text.utf8))
            let decision = LifecycleDecision.decide(record, now: runtime.now, policy: policy)
            let name = (try? record.get().name.rawValue) ?? metadata
            runtime.print("\(decision.action) \(name): \(decision.explanation)")
            runtime.output("action", decision.action)
            runtime.output("reason", decision.explanation)
            if case .failure(let error) = record {
                runtime.report([error.diagnostic(.warning, at: SourceLocation(file: metadata))])
                return .invalidInput
            }
            return .success
        }
    }
}

/// Turns the lifecycle flags into a policy.
enum LifecycleOptions {
    static func policy(stuckAfter: String) throws(ToolFailure) -> LifecyclePolicy {
        do { return LifecyclePolicy(stuckAfter: try TTL.parse(stuckAfter, maximum: nil).seconds) } catch {
            throw ToolFailure(.invalidInput, [error.diagnostic(subject: "--stuck-after")])
        }
    }
}
