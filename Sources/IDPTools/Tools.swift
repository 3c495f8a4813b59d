import IDPRuntime

/// Every tool by the name it is installed under: the seven executables, and the names the
/// multi-call `idp` answers to (one binary in the release, the seven names as links to it).
public enum Tools {
    public static let byName: [String: CommandSpec] = [
        "idp-sanitize-branch": SanitizeBranchTool.command,
        "idp-validate": ValidateTool.command,
        "idp-tfvars": TFVarsTool.command,
        "idp-ttl": TTLTool.command,
        "idp-ttl-aws": TTLStoreTool.command,
        "idp-ecr-prune": ECRPruneTool.command,
        "idp-pr-comment": PRCommentTool.command,
        // A platform team's command, not a workflow step: `idp doctor`.
        "doctor": DoctorTool.command,
        "setup": SetupTool.command,
        "onboard": OnboardTool.command,
    ]
}
