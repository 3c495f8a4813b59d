import IDPRuntime
import IDPTools

/// The release's one binary: `idp-sanitize-branch`, `idp-ttl` and the rest are links to it, and it
/// runs the tool it was called as (or `idp <tool> …`).
ToolMain.multiCall(Tools.byName)
