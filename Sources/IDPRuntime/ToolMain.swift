import ArgumentParser
import Foundation

/// A step tool's command: ArgumentParser parses it, `execute` does the work with a `Runtime`.
public protocol IDPCommand: ParsableCommand {
    /// Does the work; reports through `runtime` and returns how the process should end.
    mutating func execute(_ runtime: Runtime) throws(ToolFailure) -> ExitStatus
}

extension IDPCommand {
    public mutating func run() throws {
        // Reached only when a caller uses ArgumentParser's own entry point.
        throw ExitCode(ToolMain.execute(&self, tool: Self.configuration.commandName ?? "idp").rawValue)
    }
}

/// The shared `main` of every tool: parse, run, report, and map everything to `ExitStatus`.
public enum ToolMain {
    public static func main<Root: ParsableCommand>(_ root: Root.Type) -> Never {
        let tool = root.configuration.commandName ?? "idp"
        let command: any ParsableCommand
        do {
            command = try root.parseAsRoot()
        } catch {
            let code = root.exitCode(for: error)
            let message = root.fullMessage(for: error)
            if code == .success {
                Swift.print(message)
                exit(0)
            }
            let context = ActionsContext(environment: ProcessInfo.processInfo.environment)
            let d = Diagnostic(code: "usage", message: message.split(separator: "\n").first.map(String.init) ?? message)
            FileHandle.standardError.write(Data(((context.isActions ? WorkflowCommand.annotation(for: d, tool: tool) : message) + "\n").utf8))
            if context.isActions { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            exit(ExitStatus.usage.rawValue)
        }
        guard var idp = command as? any IDPCommand else {
            // ArgumentParser's own commands (help) or a parent without work of its own.
            var other = command
            do {
                try other.run()
                exit(0)
            } catch {
                Swift.print(root.fullMessage(for: error))
                // A bare `idp-ttl` shows help because no subcommand was given: a usage error.
                exit(CommandLine.arguments.count == 1 ? ExitStatus.usage.rawValue : root.exitCode(for: error).rawValue)
            }
        }
        exit(execute(&idp, tool: tool).rawValue)
    }

    static func execute<C: IDPCommand>(_ command: inout C, tool: String) -> ExitStatus {
        let runtime: Runtime
        do {
            runtime = try Runtime(tool: tool, environment: ProcessInfo.processInfo.environment)
        } catch {
            let context = ActionsContext(environment: ProcessInfo.processInfo.environment)
            for d in error.diagnostics {
                FileHandle.standardError.write(Data(((context.isActions ? WorkflowCommand.annotation(for: d, tool: tool) : d.rendered(tool: tool)) + "\n").utf8))
            }
            return error.status
        }
        var status: ExitStatus
        do {
            status = try command.execute(runtime)
        } catch {
            runtime.report(error.diagnostics)
            status = error.status
        }
        do {
            try runtime.finish()
        } catch {
            runtime.report(error.diagnostics)
            if status == .success { status = error.status }
        }
        return status
    }
}

/// Options every tool takes, with the exit-code table in their discussion.
public enum SharedHelp {
    public static func discussion(_ text: String) -> String {
        text + "\n\nEXIT CODES:\n" + ExitStatus.helpTable
    }
}
