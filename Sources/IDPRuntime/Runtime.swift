import IDPCore
/// Everything a tool touches outside its arguments: environment, clock, stdout/stderr,
/// `$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY`, annotations. One per process.
public final class Runtime: @unchecked Sendable {
    public let tool: String
    public let context: ActionsContext
    /// The current time; `IDP_NOW` (ISO 8601) pins it for reproducible runs and tests.
    public let now: Timestamp
    /// The machine's clock, never pinned: what credentials with a lifetime (the GitHub App's JWT)
    /// are issued at, since a service checks them against its own clock.
    public let wallClock: Timestamp
    private var outputs: [(String, String)] = []
    private var summary = ""
    private var overflow: [Diagnostic] = []

    /// GitHub attaches at most this many annotations of each type to a step.
    public static let annotationBudget = 10
    /// A step summary larger than this is rejected by the runner.
    public static let summaryLimit = 1_024 * 1_024
    /// Diagnostics printed per run, in every mode; the rest are counted in one line.
    public static let diagnosticLimit = 50
    private var diagnosticsShown = 0

    public init(tool: String, context: ActionsContext, clock: () -> Timestamp = SystemIO.now) throws(ToolFailure) {
        self.tool = tool
        self.context = context
        wallClock = clock()
        if let pinned = context["IDP_NOW"] {
            guard let time = Timestamp(iso8601: pinned) else {
                throw ToolFailure(.usage, [Diagnostic(code: "env.now",
                    message: "IDP_NOW \(quoted(pinned)) is not an ISO 8601 UTC time such as \"2026-01-31T12:00:00Z\"")])
            }
            now = time
        } else {
            now = wallClock
        }
    }

    // MARK: Text

    /// A result line for people and scripts, on stdout.
    public func print(_ text: String, terminator: String = "\n") {
        SystemIO.write(text + terminator, to: 1)
    }

    /// Progress and problems, on stderr, so stdout stays parseable.
    public func log(_ text: String) {
        SystemIO.write(text + "\n", to: 2)
    }

    /// Registers a secret with the runner before anything could print it; no-op outside Actions.
    /// The data is escaped exactly as the toolkit's `setSecret` does (`%`, CR, LF), so the runner
    /// registers the secret itself and not its unescaped look-alike; a multi-line secret also has
    /// each line registered, as a line may be printed on its own.
    public func mask(_ secret: String) {
        guard context.isActions, !secret.trimmingWhitespace.isEmpty else { return }
        log("::add-mask::" + WorkflowCommand.escapeData(secret))
        let lines = secret.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        guard lines.count > 1 else { return }
        for line in lines where !String(line).trimmingWhitespace.isEmpty {
            log("::add-mask::" + WorkflowCommand.escapeData(String(line)))
        }
    }

    /// A foldable log section in Actions, a plain heading elsewhere.
    public func group<T, E: Error>(_ title: String, _ body: () throws(E) -> T) throws(E) -> T {
        log(context.isActions ? "::group::\(WorkflowCommand.escapeData(title))" : "== \(title)")
        defer { if context.isActions { log("::endgroup::") } }
        return try body()
    }

    // MARK: Diagnostics

    /// Reports findings: annotations within GitHub's per-type budget in Actions (the rest go to
    /// the step summary and the log), `file:line:col: error: message [code]` lines elsewhere.
    public func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        // A hostile input can hold a million problems; the first 50 say what is wrong.
        let shown = diagnostics.prefix(max(0, Self.diagnosticLimit - diagnosticsShown))
        diagnosticsShown += shown.count
        defer {
            if shown.count < diagnostics.count {
                log("\(tool): and \(diagnostics.count - shown.count) more problem\(diagnostics.count - shown.count == 1 ? "" : "s") not shown (at most \(Self.diagnosticLimit) per run)")
            }
        }
        guard context.isActions else {
            shown.forEach { log($0.rendered(tool: tool)) }
            return
        }
        var budget = AnnotationBudget(path: context.annotationBudgetPath)
        for d in shown {
            if budget.take(d.severity) {
                log(WorkflowCommand.annotation(for: d, tool: tool))
            } else {
                log(d.rendered(tool: tool))
                overflow.append(d)
            }
        }
        budget.save()
    }

    // MARK: Outputs and summary

    /// Queues a step output; all are written together by `finish()`.
    public func output(_ name: String, _ value: String) {
        outputs.append((name, value))
    }

    /// Queues Markdown for the step summary (written only when `$GITHUB_STEP_SUMMARY` is set).
    public func summarize(_ markdown: String) {
        summary += markdown.hasSuffix("\n") ? markdown : markdown + "\n"
    }

    /// Writes queued outputs and summary. Outputs are checked completely before the single append,
    /// so a bad value leaves `$GITHUB_OUTPUT` untouched.
    public func finish() throws(ToolFailure) {
        if !overflow.isEmpty {
            summary += "\n### \(tool): more findings than GitHub annotates\n\n| where | severity | message |\n|---|---|---|\n"
            for d in overflow {
                let place = d.location?.file.map { [$0, d.location?.line.map(String.init)].compactMap { $0 }.joined(separator: ":") }
                    ?? d.subject ?? ""
                summary += "| \(markdownCell(place)) | \(d.severity.rawValue) | \(markdownCell(d.message)) [\(d.code)] |\n"
            }
            overflow = []
        }
        if let path = context.outputPath, !outputs.isEmpty {
            do { try EnvironmentFile.append(outputs, to: path) } catch {
                throw ToolFailure(error.code == "output.write" ? .localIO : .internalError, [error.diagnostic()])
            }
        }
        outputs = []
        if let path = context.summaryPath, !summary.isEmpty {
            var text = summary
            if text.utf8.count > Self.summaryLimit {
                let note = "\n\n_(summary truncated at 1 MiB)_\n"
                text = String(decoding: Array(text.utf8.prefix(Self.summaryLimit - note.utf8.count)), as: UTF8.self) + note
            }
            do { try SystemIO.append(text, to: path) } catch {
                throw ToolFailure(.localIO, [Diagnostic(code: "summary.write", message: error.description)])
            }
        }
        summary = ""
    }
}

/// Counts annotations per type against GitHub's budget, shared through a file when several tools
/// run inside one composite action.
struct AnnotationBudget {
    let path: String?
    var errors = 0, warnings = 0, notices = 0

    init(path: String?) {
        self.path = path
        if let path, let bytes = try? SystemIO.read(path) {
            let numbers = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
            if numbers.count == 3 { (errors, warnings, notices) = (numbers[0], numbers[1], numbers[2]) }
        }
    }

    mutating func take(_ severity: Severity) -> Bool {
        switch severity {
        case .error: errors += 1; return errors <= Runtime.annotationBudget
        case .warning: warnings += 1; return warnings <= Runtime.annotationBudget
        case .notice: notices += 1; return notices <= Runtime.annotationBudget
        }
    }

    func save() {
        guard let path else { return }
        try? SystemIO.writeAtomically(Array("\(errors) \(warnings) \(notices)\n".utf8), to: path)
    }
}
