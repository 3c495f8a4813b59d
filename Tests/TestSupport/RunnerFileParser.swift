/// Parses `$GITHUB_OUTPUT` the way actions/runner's `EnvFileKeyValuePairs` does, so tests check
/// what the runner would really see rather than what the writer meant.
public enum RunnerFileParser {
    public enum Failure: Error, Equatable {
        case invalidFormat(String)
        case matchingDelimiterNotFound(String)
    }

    public static func parse(_ text: String) throws -> [(String, String)] {
        var pairs: [(String, String)] = []
        // On Linux only "\n" separates lines; the runner requires the last line to end with it.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            i += 1
            if line.isEmpty { continue }
            let eq = line.firstIndex(of: "=")
            let heredoc = line.range(of: "<<")
            if let eq, heredoc == nil || eq < heredoc!.lowerBound {
                let key = String(line[..<eq])
                guard !key.isEmpty else { throw Failure.invalidFormat(line) }
                pairs.append((key, String(line[line.index(after: eq)...])))
            } else if let heredoc {
                let key = String(line[..<heredoc.lowerBound])
                let delimiter = String(line[heredoc.upperBound...])
                guard !key.isEmpty, !delimiter.isEmpty else { throw Failure.invalidFormat(line) }
                var value: [String] = []
                while true {
                    guard i < lines.count else { throw Failure.matchingDelimiterNotFound(delimiter) }
                    let next = lines[i]
                    i += 1
                    if next == delimiter { break }
                    value.append(next)
                }
                pairs.append((key, value.joined(separator: "\n")))
            } else {
                throw Failure.invalidFormat(line)
            }
        }
        return pairs
    }
}

extension String {
    fileprivate func range(of needle: String) -> Range<String.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}

/// Reverses workflow-command escaping in the runner's order, `%25` last.
public enum RunnerCommandParser {
    public static func unescapeData(_ text: String) -> String {
        text.replacing("%0D", with: "\r").replacing("%0A", with: "\n").replacing("%25", with: "%")
    }

    public static func unescapeProperty(_ text: String) -> String {
        text.replacing("%0D", with: "\r").replacing("%0A", with: "\n").replacing("%3A", with: ":")
            .replacing("%2C", with: ",").replacing("%25", with: "%")
    }

    /// Splits `::name k=v,k=v::data` into its parts, as `ActionCommand.TryParseV2` does.
    public static func parse(_ line: String) -> (name: String, properties: [String: String], data: String)? {
        guard line.hasPrefix("::") else { return nil }
        let body = line.dropFirst(2)
        guard let end = body.firstRange(of: "::") else { return nil }
        let head = body[..<end.lowerBound]
        let data = String(body[end.upperBound...])
        let nameEnd = head.firstIndex(of: " ") ?? head.endIndex
        var properties: [String: String] = [:]
        if nameEnd < head.endIndex {
            for pair in head[head.index(after: nameEnd)...].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { properties[String(kv[0])] = unescapeProperty(String(kv[1])) }
            }
        }
        return (String(head[..<nameEnd]), properties, unescapeData(data))
    }
}
