/// GitHub's ref patterns in rulesets and deployment branch policies: Ruby's `File.fnmatch` with
/// `FNM_PATHNAME` (GitHub's documents): `*` and `?` never match `/`, `**/` matches any number of
/// whole segments, `[abc]` one of a set (no `^` complement). Unlike IAM's `*`, which crosses `/`:
/// `refs/tags/v*` in a ruleset leaves `refs/tags/v1/x` unguarded while a trust's `refs/tags/v*` admits it.
public enum RefPattern {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern.unicodeScalars)[...], Array(text.unicodeScalars)[...])
    }

    static func match(_ p: ArraySlice<Unicode.Scalar>, _ t: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = p.first else { return t.isEmpty }
        switch first {
        case "*":
            if p.dropFirst().first == "*", p.dropFirst(2).first == "/" {
                // "**/": zero or more whole segments.
                let rest = p.dropFirst(3)
                var i = t.startIndex
                while true {
                    if match(rest, t[i...]) { return true }
                    guard let slash = t[i...].firstIndex(of: "/") else { return false }
                    i = t.index(after: slash)
                }
            }
            let rest = p.drop { $0 == "*" }
            var i = t.startIndex
            while true {
                if match(rest, t[i...]) { return true }
                guard i < t.endIndex, t[i] != "/" else { return false }
                i = t.index(after: i)
            }
        case "?":
            guard let c = t.first, c != "/" else { return false }
            return match(p.dropFirst(), t.dropFirst())
        case "[":
            guard let close = p.dropFirst().firstIndex(of: "]"), let c = t.first, c != "/" else {
                return t.first == "[" && match(p.dropFirst(), t.dropFirst())
            }
            let set = p[p.index(after: p.startIndex)..<close]
            var inSet = false
            var i = set.startIndex
            while i < set.endIndex {
                let low = set[i]
                if set.index(after: i) < set.endIndex, set[set.index(after: i)] == "-", set.index(i, offsetBy: 2) < set.endIndex {
                    let high = set[set.index(i, offsetBy: 2)]
                    if low.value <= c.value && c.value <= high.value { inSet = true }
                    i = set.index(i, offsetBy: 3)
                } else {
                    if low == c { inSet = true }
                    i = set.index(after: i)
                }
            }
            return inSet && match(p[p.index(after: close)...], t.dropFirst())
        default:
            guard t.first == first else { return false }
            return match(p.dropFirst(), t.dropFirst())
        }
    }
}
