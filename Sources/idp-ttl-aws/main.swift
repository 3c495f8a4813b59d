import IDPCore
import IDPRuntime
import IDPToolSupport

/// The S3-backed subcommands of `idp-ttl`, run by it (`idp-ttl create …` execs `idp-ttl-aws create …`),
/// so that `idp-ttl parse` and friends stay a small static binary that starts in a millisecond.
ToolMain.main(CommandSpec(
    "idp-ttl", abstract: "The environment lifecycle in the state bucket (run through idp-ttl).",
    subcommands: [StoreCommands.create, StoreCommands.extend, StoreCommands.mark, StoreCommands.show,
                  StoreCommands.scan, StoreCommands.finalize, StoreCommands.list, UnlockCommand.unlock]))
