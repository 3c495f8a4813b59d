/// The OIDC subject the platform's role trusts. GitHub's default `sub` (`repo:o/r:pull_request`)
/// names neither the called workflow nor the runner, so every repository that calls the platform,
/// and the platform itself, customises its subject to these claim keys
/// (`PUT /repos/{owner}/{repo}/actions/oidc/customization/sub`), giving
/// `repo:<o>/<r>:<context>:job_workflow_ref:<platform>/.github/workflows/<file>@<ref>:runner_environment:<kind>`.
public enum OIDCSubject {
    /// The claim keys, in GitHub's order of `include_claim_keys`.
    public static let claimKeys = ["repo", "context", "job_workflow_ref", "runner_environment"]

    /// The context part as GitHub writes it: `environment:<name>` for a job in an environment, else
    /// `pull_request` for a pull_request event, else `ref:<ref>`.
    public static func context(claims: [String: String]) -> String? {
        if let environment = claims["environment"], !environment.isEmpty { return "environment:\(environment)" }
        if claims["event_name"] == "pull_request" { return "pull_request" }
        return claims["ref"].map { "ref:\($0)" }
    }

    /// A customised subject from its parts.
    public static func subject(repository: String, context: String, workflowRef: String, runner: String) -> String {
        "repo:\(repository):\(context):job_workflow_ref:\(workflowRef):runner_environment:\(runner)"
    }

    /// The command that sets the customisation on `repository` (it changes the subject of every
    /// workflow there: other trusts on `repo:<o>/<r>:ref:…` subjects must be updated with it).
    public static func fix(repository: String) -> String {
        "gh api -X PUT repos/\(repository)/actions/oidc/customization/sub -F use_default=false "
            + claimKeys.map { "-f 'include_claim_keys[]=\($0)'" }.joined(separator: " ")
    }

    /// The job's own token checked before it assumes the role: nil when its `sub` has the form the
    /// role trusts (the repository, a context, this job's workflow and runner, in that order), else a
    /// finding naming the subject seen, the one expected and the fix. The context is not compared:
    /// it is GitHub's, and the trust decides which ones it admits.
    public static func preflight(claims: [String: String]) -> Diagnostic? {
        let seen = claims["sub"] ?? ""
        let repository = claims["repository"] ?? "<owner>/<repository>"
        var heads = ["repo:\(repository):"]
        if let owner = claims["repository_owner"], let ownerID = claims["repository_owner_id"], let id = claims["repository_id"],
           let name = repository.split(separator: "/").last {
            heads.append("repo:\(owner)@\(ownerID)/\(name)@\(id):")
        }
        let tail = ":job_workflow_ref:\(claims["job_workflow_ref"] ?? "<workflow>@<ref>"):runner_environment:\(claims["runner_environment"] ?? "<kind>")"
        if let head = heads.first(where: seen.hasPrefix), seen.hasSuffix(tail), seen.count > head.count + tail.count {
            return calledAtARelease(claims)
        }
        let wanted = "repo:\(repository):\(context(claims: claims) ?? "<context>")\(tail)"
        return Diagnostic(code: "oidc.subject", message: "this job's OIDC subject is \(quoted(seen)), but the platform's role trusts only subjects of the form \(quoted(wanted)) (claim keys \(claimKeys.joined(separator: ", "))), so AWS would refuse it with AccessDenied; fix: \(fix(repository: repository)) (this changes the subject of every workflow in \(repository): update other OIDC trusts of that repository with it)",
                          subject: "OIDC token")
    }

    /// A consumer's call must name the platform's workflow at a release tag: the role trusts no branch,
    /// commit or pull-request ref of it. (The platform's own runs, on its default branch, are the trust's.)
    static func calledAtARelease(_ claims: [String: String]) -> Diagnostic? {
        guard let workflowRef = claims["job_workflow_ref"], let at = workflowRef.lastIndex(of: "@"),
              let marker = workflowRef.firstRange(of: "/.github/workflows/") else { return nil }
        let platform = String(workflowRef[..<marker.lowerBound]), file = String(workflowRef[marker.upperBound..<at])
        let ref = String(workflowRef[workflowRef.index(after: at)...])
        guard claims["repository"]?.lowercased() != platform.lowercased(), !ref.hasPrefix("refs/tags/") else { return nil }
        return Diagnostic(code: "oidc.ref", message: "this run calls \(platform)'s \(file) at \(quoted(ref)), but the platform's role trusts its workflows only at release tags (refs/tags/v*), so AWS would refuse it with AccessDenied; fix: pin \(platform)/.github/workflows/\(file)@v<release> (the tag your platform team names) in this repository's workflow",
                          subject: "OIDC token")
    }

    /// The claims of a JWT's payload (its signature is not checked: AWS checks it; this only reads
    /// the job's own token to explain a refusal before it happens). Non-string claims are skipped.
    public static func claims(ofToken token: String) -> [String: String]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let bytes = base64Decode(String(parts[1])), case .object(let members)? = try? JSONValue.parse(bytes) else { return nil }
        var claims: [String: String] = [:]
        for (key, value) in members {
            switch value {
            case .string(let s): claims[key] = s
            case .number: claims[key] = value.rendered(pretty: false)
            default: continue
            }
        }
        return claims
    }
}
