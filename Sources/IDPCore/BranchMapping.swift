/// Maps a git branch to the environment name of its preview environment.
///
/// `feature/payment-api → preview-payment-api`. Names that would be too long (or empty) are
/// truncated and get a stable hash of the branch appended, so two distinct long branches
/// never share a name by truncation.
public enum BranchMapping {
    /// The prefix that marks GitOps environments apart from hand-made ones.
    public static let prefix = "preview-"
    /// One leading segment of these kinds is dropped (case-insensitive).
    public static let typeSegments = ["feature/", "bugfix/", "hotfix/", "release/"]
    /// Hex digits of SHA-256 kept as the disambiguating suffix.
    public static let hashLength = 6

    /// Examples that must hold; they are tests and `--help` text at once.
    public static let examples: [(branch: String, name: String)] = [
        ("feature/payment-api", "preview-payment-api"),
        ("bugfix/auth-token", "preview-auth-token"),
        ("HOTFIX/Critical_Issue", "preview-critical-issue"),
        ("release/v2.0", "preview-v2-0"),
    ]

    /// The environment name for `branch` (with or without `refs/heads/`).
    public static func environmentName(forBranch input: String) throws(BranchError) -> EnvironmentName {
        let branch = input.hasPrefix("refs/heads/") ? String(input.dropFirst("refs/heads/".count)) : input
        guard !branch.isEmpty else { throw .empty }
        if branch.hasPrefix("refs/") { throw .notABranch(input) }

        var rest = Substring(branch)
        if let type = typeSegments.first(where: { branch.lowercased().hasPrefix($0) }) {
            rest = rest.dropFirst(type.count)
        }
        let slug = slugify(rest)
        let room = EnvironmentName.maxLength - prefix.count
        let body: String
        if !slug.isEmpty, slug.count <= room {
            body = slug
        } else {
            // Keep as much of the slug as fits before "-<hash>", without a dangling hyphen.
            var kept = String(slug.prefix(room - hashLength - 1))
            while kept.hasSuffix("-") { kept.removeLast() }
            body = kept.isEmpty ? shortHash(branch) : "\(kept)-\(shortHash(branch))"
        }
        do {
            return try EnvironmentName(prefix + body)
        } catch {
            // Unreachable by construction; reported rather than trapped so a tool never crashes.
            throw .unmappable(input, error)
        }
    }

    /// Lower-cases ASCII letters and turns every run of anything else than `[a-z0-9]` into one `-`.
    static func slugify(_ text: Substring) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let lower: Unicode.Scalar? =
                ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)
                : (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) ? scalar : nil
            if let lower {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(lower)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// The first `hashLength` hex digits of SHA-256 of the branch's UTF-8 bytes;
    /// reproducible in a shell as `printf %s "$branch" | sha256sum | cut -c1-6`.
    static func shortHash(_ branch: String) -> String {
        String(SHA256Hash.hex(Array(branch.utf8)).prefix(hashLength))
    }
}

/// Why a branch could not be mapped.
public enum BranchError: DiagnosticConvertible {
    case empty
    case notABranch(String)
    case mergeRef(String)
    case unmappable(String, NameError)

    public var code: String {
        switch self {
        case .empty: "branch.empty"
        case .notABranch, .mergeRef: "branch.ref"
        case .unmappable: "branch.unmappable"
        }
    }

    public var message: String {
        switch self {
        case .empty:
            "branch name is empty; pass BRANCH or set GITHUB_HEAD_REF / GITHUB_REF_NAME"
        case .notABranch(let ref):
            "ref \(quoted(ref)) is not a branch; expected a branch name or refs/heads/<branch>"
        case .mergeRef(let ref):
            "ref \(quoted(ref)) is a pull request merge ref, not a branch; GITHUB_HEAD_REF is unset, so pass the branch explicitly"
        case .unmappable(let branch, let error):
            "branch \(quoted(branch)) maps to no valid name: \(error.message)"
        }
    }
}

extension BranchMapping {
    /// Picks the branch from, in order, an explicit value, `GITHUB_HEAD_REF` (pull requests) and
    /// `GITHUB_REF_NAME` (pushes). On pull requests `GITHUB_REF_NAME` is `<number>/merge`, which
    /// is no branch at all, so it is refused rather than mapped to `preview-123-merge`.
    public static func branch(explicit: String?, headRef: String?, refName: String?) throws(BranchError) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let headRef, !headRef.isEmpty { return headRef }
        guard let refName, !refName.isEmpty else { throw .empty }
        let parts = refName.split(separator: "/")
        if parts.count == 2, parts[1] == "merge", parts[0].allSatisfy(\.isNumber) { throw .mergeRef(refName) }
        return refName
    }
}
