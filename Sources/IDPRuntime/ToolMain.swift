import IDPCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The shared `main` of every tool: parse, run, report, and map everything to `ExitStatus`.
public enum ToolMain {
    /// Runs `root` with the process's arguments and environment, then exits.
    public static func main(_ root: CommandSpec) -> Never {
        let status = run(root, words: Array(CommandLine.arguments.dropFirst()), environment: SystemIO.environment())
        exit(status.rawValue)
    }

    /// Runs the tool this process was called as (the last part of `argv[0]`: a link named
    /// `idp-ttl` to the multi-call binary runs `idp-ttl`), or, called by another name,
    /// `<name> <tool> …`; then exits.
    public static func multiCall(_ tools: [String: CommandSpec]) -> Never {
        let words = CommandLine.arguments
        let called = String(words.first?.split(separator: "/").last ?? "")
        if let tool = tools[called] {
            exit(run(tool, words: Array(words.dropFirst()), environment: SystemIO.environment()).rawValue)
        }
        if words.count > 1, let tool = tools[words[1]] {
            exit(run(tool, words: Array(words.dropFirst(2)), environment: SystemIO.environment()).rawValue)
        }
        if words.dropFirst().first == "--version" {
            SystemIO.write(IDPVersion.current + "\n", to: 1)
            exit(ExitStatus.success.rawValue)
        }
        SystemIO.write("usage: \(called) <tool> [arguments], or run it through a link named after the tool; tools: "
            + tools.keys.sorted().joined(separator: ", ") + "\n", to: 2)
        exit(ExitStatus.usage.rawValue)
    }

    /// The whole life of one invocation, separated from the process so it reads top to bottom.
    static func run(_ root: CommandSpec, words: [String], environment: [String: String]) -> ExitStatus {
        let context = ActionsContext(environment: environment)
        var command = root
        var path = root.name
        var rest = words[...]
        // Subcommands come first: `idp-ttl scan --dry-run`.
        if !root.subcommands.isEmpty {
            guard let word = rest.first, !word.hasPrefix("-") else {
                if rest.contains(where: { $0 == "--help" || $0 == "-h" }) || rest.isEmpty {
                    SystemIO.write(root.help(path: path), to: rest.isEmpty ? 2 : 1)
                    return rest.isEmpty ? .usage : .success
                }
                if rest.contains("--version") { SystemIO.write(IDPVersion.current + "\n", to: 1); return .success }
                return usage(UsageError.unknownOption(rest.first ?? "", suggestion: nil), root, path, context)
            }
            let names = root.subcommands.map(\.name)
            if word == "help" {
                let target = rest.dropFirst().first.flatMap { n in root.subcommands.first { $0.name == n } }
                SystemIO.write(target.map { $0.help(path: "\(path) \($0.name)") } ?? root.help(path: path), to: 1)
                return .success
            }
            guard let sub = root.subcommands.first(where: { $0.name == word }) else {
                return usage(UsageError.unknownSubcommand(word, suggestion: closestMatch(to: word, in: names)), root, path, context)
            }
            if let helper = sub.delegate { return delegate(to: helper, words: Array(rest), tool: root.name, context: context) }
            command = sub
            path += " " + sub.name
            rest = rest.dropFirst()
        }
        if rest.contains(where: { $0 == "--help" || $0 == "-h" }) {
            SystemIO.write(command.help(path: path), to: 1)
            return .success
        }
        if rest.contains("--version") {
            SystemIO.write(IDPVersion.current + "\n", to: 1)
            return .success
        }
        let arguments: Arguments
        do { arguments = try Arguments(command: command, words: Array(rest), context: context) } catch {
            return usage(error, command, path, context)
        }
        guard let work = command.work else { return .internalError }

        let runtime: Runtime
        do { runtime = try Runtime(tool: root.name, context: context) } catch {
            error.diagnostics.forEach { SystemIO.write(render($0, root.name, context) + "\n", to: 2) }
            return error.status
        }
        var status: ExitStatus
        do { status = try work(arguments, runtime) } catch {
            runtime.report(error.diagnostics)
            status = error.status
        }
        do { try runtime.finish() } catch {
            runtime.report(error.diagnostics)
            if status == .success { status = error.status }
        }
        return status
    }

    /// Replaces this process with the sibling executable `helper` (same folder as this one).
    /// Returns only when that fails.
    private static func delegate(to helper: String, words: [String], tool: String, context: ActionsContext) -> ExitStatus {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let own = length > 0 ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        let folder = own.contains("/") ? String(own[..<own.lastIndex(of: "/")!]) : "."
        let path = "\(folder)/\(helper)"
        let argv = ([path] + words).map { strdup($0) } + [nil]
        execv(path, argv)
        let d = Diagnostic(code: "install", message: "cannot run \(quoted(path)) (\(String(cString: strerror(errno)))); \(tool) needs \(helper) installed beside it")
        SystemIO.write(render(d, tool, context) + "\n", to: 2)
        return .internalError
    }

    private static func usage(_ error: UsageError, _ command: CommandSpec, _ path: String, _ context: ActionsContext) -> ExitStatus {
        SystemIO.write(render(error.diagnostic(), command.name, context) + "\nSee '\(path) --help'.\n", to: 2)
        return .usage
    }

    private static func render(_ d: Diagnostic, _ tool: String, _ context: ActionsContext) -> String {
        context.isActions ? WorkflowCommand.annotation(for: d, tool: tool) : d.rendered(tool: tool)
    }
}
