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

    /// The environment name for `branch` (with or without `refs/heads/`) under the seed's
    /// branch-only scheme.
    public static func environmentName(forBranch input: String) throws(BranchError) -> EnvironmentName {
        try environmentName(forBranch: input, repositoryID: nil, scheme: .branch)
    }

    /// The environment name for `branch` of the repository GitHub numbers `repositoryID` under
    /// `scheme`: deterministic, read from nothing but its arguments. With `.repository` the name
    /// carries the repository's mark, so two repositories with the same branch get two names.
    public static func environmentName(forBranch input: String, repositoryID: String?, scheme: NamingScheme) throws(BranchError) -> EnvironmentName {
        let branch = input.hasPrefix("refs/heads/") ? String(input.dropFirst("refs/heads/".count)) : input
        guard !branch.isEmpty else { throw .empty }
        if branch.hasPrefix("refs/") { throw .notABranch(input) }

        var rest = Substring(branch)
        if let type = typeSegments.first(where: { branch.lowercased().hasPrefix($0) }) {
            rest = rest.dropFirst(type.count)
        }
        var head = prefix
        if scheme == .repository {
            guard let repositoryID, let mark = repositoryMark(id: repositoryID) else { throw .noRepositoryID(repositoryID ?? "") }
            head += mark + "-"
        }
        let slug = slugify(rest)
        let room = EnvironmentName.maxLength - head.count
        let body: String
        // A name ending like a derived name (`-db`, `-task`) would own another environment's resource.
        let clashes = EnvironmentName.clashingEndings.contains { (head + slug).hasSuffix($0) }
        if !slug.isEmpty, slug.count <= room, !clashes {
            body = slug
        } else {
            // Keep as much of the slug as fits before "-<hash>", without a dangling hyphen.
            var kept = String(slug.prefix(max(0, room - hashLength - 1)))
            while kept.hasSuffix("-") { kept.removeLast() }
            body = kept.isEmpty ? shortHash(branch) : "\(kept)-\(shortHash(branch))"
        }
        do {
            return try EnvironmentName(head + body)
        } catch {
            // Unreachable by construction; reported rather than trapped so a tool never crashes.
            throw .unmappable(input, error)
        }
    }

    /// The repository's mark in `.repository` names: GitHub's numeric repository id (the run's
    /// GITHUB_REPOSITORY_ID) in base 36, at most 13 characters. Ids are unique and the mark reads back
    /// to its id, so no two repositories share one, whatever their names (a rename or transfer keeps
    /// it). Nil unless a decimal number from 1 to 2^64−1 without leading zeros.
    public static func repositoryMark(id: String) -> String? {
        guard let first = id.first, first != "0", id.allSatisfy({ ("0"..."9").contains($0) }), let number = UInt64(id) else { return nil }
        return String(number, radix: 36)
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
    /// The `repository` naming scheme needs GitHub's numeric repository id.
    case noRepositoryID(String)

    public var code: String {
        switch self {
        case .empty: "branch.empty"
        case .notABranch, .mergeRef: "branch.ref"
        case .unmappable: "branch.unmappable"
        case .noRepositoryID: "branch.repository-id"
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
        case .noRepositoryID(let id):
            "repository id \(quoted(id)) is not GitHub's numeric repository id; naming: repository needs it (GITHUB_REPOSITORY_ID, which GitHub sets in every job, or --repository-id)"
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

/// How `platform.yml` names environments (`naming:`).
public enum NamingScheme: String, Sendable, CaseIterable {
    /// `feature/payment-api → preview-payment-api`: the seed's mapping. Names are global across
    /// repositories: a second repository's branch of the same name is refused while the first lives.
    case branch
    /// Repository 123456789 + `feature/payment-api → preview-21i3v9-payment-api`: GitHub's id of the
    /// repository in base 36, so repositories never share a name (13 to 19 characters are left for
    /// the branch).
    case repository

    /// Examples under `.repository`, tests and `--help` at once: (GITHUB_REPOSITORY_ID, branch, name).
    public static let repositoryExamples: [(repositoryID: String, branch: String, name: String)] = [
        ("123456789", "feature/payment-api", "preview-21i3v9-payment-api"),
        ("987654321", "feature/payment-api", "preview-gc0uy9-payment-api"),
        ("123456789", "bugfix/auth", "preview-21i3v9-auth"),
        ("123456789", "feature/very-long-branch-name", "preview-21i3v9-very-l-2eb940"),
    ]
}
