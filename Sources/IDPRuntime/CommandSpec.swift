import IDPCore
/// A declared option: `--name <value>` (or a bare `--name` flag), with the `IDP_*` variable it
/// falls back to. Declarations drive parsing and `--help` alike.
public struct OptionSpec: Sendable {
    public enum Kind: Sendable { case single, list, flag }

    public var name: String
    public var kind: Kind
    public var valueName: String
    public var help: String
    public var variable: String?
    public var defaultValue: String?

    /// `--name <value>`; the last one given wins.
    public static func option(_ name: String, _ valueName: String = "value", variable: String? = nil,
                              default defaultValue: String? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .single, valueName: valueName, help: help, variable: variable, defaultValue: defaultValue)
    }

    /// `--name <value>`, repeatable; the variable holds several values, one per line or comma-separated.
    public static func list(_ name: String, _ valueName: String = "value", variable: String? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .list, valueName: valueName, help: help, variable: variable)
    }

    /// `--name`, true when given or when the variable is `true`.
    public static func flag(_ name: String, variable: String? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, valueName: "", help: help, variable: variable)
    }
}

/// A positional argument, optional, with its `IDP_*` fallback.
public struct ArgumentSpec: Sendable {
    public var name: String
    public var help: String
    public var variable: String?

    public init(_ name: String, variable: String? = nil, help: String) {
        self.name = name
        self.help = help
        self.variable = variable
    }
}

/// A tool or subcommand: what it takes, what `--help` says, and the work it does.
public struct CommandSpec: Sendable {
    public typealias Work = @Sendable (Arguments, Runtime) throws(ToolFailure) -> ExitStatus

    public var name: String
    public var abstract: String
    public var discussion: String
    public var examples: [String]
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]
    public var subcommands: [CommandSpec]
    public var work: Work?
    /// A sibling executable that implements this subcommand (see `ToolMain`), or nil.
    public var delegate: String?

    public init(
        _ name: String, abstract: String, discussion: String = "", examples: [String] = [],
        arguments: [ArgumentSpec] = [], options: [OptionSpec] = [], subcommands: [CommandSpec] = [],
        work: Work? = nil
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.examples = examples
        self.arguments = arguments
        self.options = options
        self.subcommands = subcommands
        self.work = work
    }

    /// A subcommand carried out by the sibling executable `delegate`, which receives the same words.
    /// Keeps a tool's local subcommands in a small static binary while its network subcommands
    /// live in one that links libcurl (the way git runs `git-*` helpers).
    public static func delegated(_ name: String, abstract: String, to delegate: String) -> CommandSpec {
        var spec = CommandSpec(name, abstract: abstract)
        spec.delegate = delegate
        return spec
    }

    /// The help text: overview, usage, arguments, options, discussion, examples, exit codes.
    public func help(path: String) -> String {
        var text = "OVERVIEW: \(abstract)\n\nUSAGE: \(path)"
        if !subcommands.isEmpty { text += " <subcommand>" }
        for argument in arguments { text += " [<\(argument.name)>]" }
        if !options.isEmpty { text += " [options]" }
        text += "\n"
        func row(_ left: String, _ right: String) -> String {
            let pad = max(1, 28 - left.count)
            return "  " + left + String(repeating: " ", count: pad) + right + "\n"
        }
        func source(_ variable: String?, _ defaultValue: String?) -> String {
            let parts = [variable.map { "env: \($0)" }, defaultValue.map { "default: \($0)" }].compactMap { $0 }
            return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
        }
        if !arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for a in arguments { text += row("<\(a.name)>", a.help + source(a.variable, nil)) }
        }
        text += "\nOPTIONS:\n"
        for o in options {
            let left = o.kind == .flag ? "--\(o.name)" : "--\(o.name) <\(o.valueName)>"
            text += row(left, o.help + (o.kind == .list ? " Repeatable." : "") + source(o.variable, o.defaultValue))
        }
        text += row("-h, --help", "Show this help.")
        text += row("--version", "Show the version.")
        if !subcommands.isEmpty {
            text += "\nSUBCOMMANDS:\n"
            for s in subcommands { text += row(s.name, s.abstract) }
        }
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        if !examples.isEmpty { text += "\nEXAMPLES:\n" + examples.map { "  \($0)\n" }.joined() }
        text += "\nEXIT CODES:\n" + ExitStatus.helpTable + "\n"
        return text
    }
}
