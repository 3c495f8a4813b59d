import IDPCore
/// Parsed command-line values, resolved against the environment: a flag's value wins, then its
/// `IDP_*` variable (empty counts as unset), then its default.
public struct Arguments: Sendable {
    public let command: CommandSpec
    public let context: ActionsContext
    var given: [String: [String]] = [:]
    var positional: [String: String] = [:]

    /// Parses `words` (without the program name) against `command`.
    init(command: CommandSpec, words: [String], context: ActionsContext) throws(UsageError) {
        self.command = command
        self.context = context
        var remaining = command.arguments[...]
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            let word = words[index]
            index += 1
            if !onlyPositionals, word == "--" { onlyPositionals = true; continue }
            if !onlyPositionals, word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                guard let spec = command.options.first(where: { $0.name == name }) else {
                    throw .unknownOption(word, suggestion: closestMatch(to: name, in: command.options.map(\.name)).map { "--" + $0 })
                }
                if spec.kind == .flag {
                    guard inline == nil else { throw .flagWithValue(word) }
                    given[name, default: []].append("true")
                    continue
                }
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < words.count else { throw .missingValue("--\(name)", spec.valueName) }
                    value = words[index]
                    index += 1
                }
                given[name, default: []].append(value)
            } else if !onlyPositionals, word.hasPrefix("-"), word.count > 1 {
                throw .unknownOption(word, suggestion: nil)
            } else {
                guard let argument = remaining.popFirst() else { throw .unexpectedArgument(word) }
                positional[argument.name] = word
            }
        }
    }

    /// An option's or argument's value after falling back to its variable and default.
    public func value(_ name: String) -> String? {
        if let argument = command.arguments.first(where: { $0.name == name }) {
            if let v = positional[argument.name] { return v }
            return argument.variable.flatMap { context[$0] }
        }
        let spec = option(name)
        if let v = given[name]?.last { return v }
        return spec.variable.flatMap { context[$0] } ?? spec.defaultValue
    }

    /// Whether an option was given on the command line or in its variable (not just defaulted).
    public func isSet(_ name: String) -> Bool {
        given[name] != nil || option(name).variable.flatMap { context[$0] } != nil
    }

    /// A repeatable option's values, or its variable split into lines or comma-separated items.
    public func values(_ name: String) -> [String] {
        if let v = given[name], !v.isEmpty { return v }
        return ToolInputs.list(option(name).variable.flatMap { context[$0] })
    }

    /// Whether a flag was given, or its variable is `true`.
    public func flag(_ name: String) -> Bool {
        if given[name] != nil { return true }
        return option(name).variable.flatMap { context[$0] } == "true"
    }

    /// Where a value came from, for messages: `--ttl`, `IDP_TTL`, `<branch>` or `default`.
    public func source(_ name: String) -> String {
        if let argument = command.arguments.first(where: { $0.name == name }) {
            return positional[name] != nil ? "<\(name)>" : argument.variable ?? "<\(name)>"
        }
        if given[name] != nil { return "--\(name)" }
        if let variable = option(name).variable, context[variable] != nil { return variable }
        return "--\(name)"
    }

    /// A value the command cannot do without; its absence is a usage error.
    public func required(_ name: String) throws(ToolFailure) -> String {
        guard let v = value(name) else {
            let variable = command.arguments.first { $0.name == name }?.variable ?? command.options.first { $0.name == name }?.variable
            let label = command.arguments.contains { $0.name == name } ? "<\(name)>" : "--\(name)"
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "missing \(label)" + (variable.map { " (or \($0))" } ?? ""))])
        }
        return v
    }

    private func option(_ name: String) -> OptionSpec {
        guard let spec = command.options.first(where: { $0.name == name }) else {
            preconditionFailure("\(command.name) reads undeclared option --\(name)")
        }
        return spec
    }
}

/// A command line that does not match the command's declaration.
public enum UsageError: DiagnosticConvertible, Equatable {
    case unknownOption(String, suggestion: String?)
    case flagWithValue(String)
    case missingValue(String, String)
    case unexpectedArgument(String)
    case unknownSubcommand(String, suggestion: String?)

    public var code: String { "usage" }
    public var message: String {
        switch self {
        case .unknownOption(let o, let s): "unknown option \(quoted(o))" + (s.map { "; did you mean \(quoted($0))?" } ?? "")
        case .flagWithValue(let o): "option \(quoted(o)) takes no value"
        case .missingValue(let o, let v): "option \(quoted(o)) needs a value <\(v)>"
        case .unexpectedArgument(let a): "unexpected argument \(quoted(a))"
        case .unknownSubcommand(let c, let s): "unknown subcommand \(quoted(c))" + (s.map { "; did you mean \(quoted($0))?" } ?? "")
        }
    }
}
