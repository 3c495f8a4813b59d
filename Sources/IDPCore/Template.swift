/// The infrastructure templates under `infrastructure/templates/`.
public enum Template: String, Sendable, CaseIterable {
    case apiService = "api-service"
    case apiDatabase = "api-database"
    case scheduledWorker = "scheduled-worker"

    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Minutes a provision or destroy job may take: RDS alone takes 10–15 minutes to create
    /// and as long to delete, so database templates get far longer (seed #10).
    /// The template's OpenTofu root module, relative to the platform repository.
    public var workingDirectory: String { "infrastructure/templates/\(rawValue)" }

    public var timeoutMinutes: Int {
        switch self {
        case .apiService: 20
        case .apiDatabase: 50
        case .scheduledWorker: 15
        }
    }

    /// The longest job budget of any template: what a job that does not know its environment's
    /// template yet (a destroy that found no record) gets, and how long a state lock can be held.
    public static var longestTimeoutMinutes: Int { allCases.map(\.timeoutMinutes).max() ?? 0 }

    /// Whether the template serves HTTP behind an ALB (and so takes a port and certificate).
    public var hasLoadBalancer: Bool { self != .scheduledWorker }

    public static func parse(_ text: String) throws(TemplateError) -> Template {
        guard let template = Template(rawValue: text) else {
            throw .unknown(text, suggestion: closestMatch(to: text, in: allCases.map(\.rawValue)))
        }
        return template
    }
}

public enum TemplateError: DiagnosticConvertible, Equatable {
    case unknown(String, suggestion: String?)
    public var code: String { "template.unknown" }
    public var message: String {
        guard case .unknown(let text, let suggestion) = self else { return "" }
        let hint = suggestion.map { " (did you mean \(quoted($0))?)" } ?? ""
        return "template \(quoted(text)) is not one of \(Template.names)\(hint)"
    }
}

/// The closest candidate by edit distance, when it is close enough to be a likely typo.
public func closestMatch(to text: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(text.lowercased(), $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
}

/// Levenshtein distance over Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
