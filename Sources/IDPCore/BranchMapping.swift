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
        try environmentName(forBranch: input, repository: nil, scheme: .branch)
    }

    /// The environment name for `branch` of `repository` under `scheme`: deterministic, read
    /// from nothing but its arguments. With `.repository` the name carries a mark of the
    /// repository, so two repositories with the same branch get two names.
    public static func environmentName(forBranch input: String, repository: String?, scheme: NamingScheme) throws(BranchError) -> EnvironmentName {
        let branch = input.hasPrefix("refs/heads/") ? String(input.dropFirst("refs/heads/".count)) : input
        guard !branch.isEmpty else { throw .empty }
        if branch.hasPrefix("refs/") { throw .notABranch(input) }

        var rest = Substring(branch)
        if let type = typeSegments.first(where: { branch.lowercased().hasPrefix($0) }) {
            rest = rest.dropFirst(type.count)
        }
        var head = prefix
        if scheme == .repository {
            guard let repository, let mark = repositoryMark(repository) else { throw .noRepository(repository ?? "") }
            head += mark + "-"
        }
        let slug = slugify(rest)
        let room = EnvironmentName.maxLength - head.count
        let body: String
        if !slug.isEmpty, slug.count <= room {
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

    /// The repository's mark in `.repository` names: the first `hashLength` hex digits of SHA-256
    /// of `owner/name` in lower case (GitHub's names are case-insensitive); reproducible in a
    /// shell as `printf %s acme/payments | sha256sum | cut -c1-6`. Nil unless `owner/name`.
    public static func repositoryMark(_ repository: String) -> String? {
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return shortHash(repository.lowercased())
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
    /// The `repository` naming scheme needs `owner/name`.
    case noRepository(String)

    public var code: String {
        switch self {
        case .empty: "branch.empty"
        case .notABranch, .mergeRef: "branch.ref"
        case .unmappable: "branch.unmappable"
        case .noRepository: "branch.repository"
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
        case .noRepository(let repository):
            "repository \(quoted(repository)) is not owner/name; the repository naming scheme needs it (GITHUB_REPOSITORY or --repository)"
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
    /// `acme/payments` + `feature/payment-api → preview-1b2c3d-payment-api`: a 6-hex mark of the
    /// repository, so repositories never share a name (13 characters are left for the branch).
    case repository

    /// Examples under `.repository`, tests and `--help` at once.
    public static let repositoryExamples: [(repository: String, branch: String, name: String)] = [
        ("acme/payments", "feature/payment-api", "preview-bf264d-payment-api"),
        ("acme/intruder", "feature/payment-api", "preview-48e036-payment-api"),
        ("Acme/Payments", "bugfix/auth", "preview-bf264d-auth"),
        ("acme/payments", "feature/very-long-branch-name", "preview-bf264d-very-l-2eb940"),
    ]
}
