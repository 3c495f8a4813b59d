import IDPRuntime

/// `idp-ttl-aws`: the state-bucket subcommands of `idp-ttl` (`idp-ttl create …` execs
/// `idp-ttl-aws create …`), so that `idp-ttl parse` and friends never touch the network code.
public enum TTLStoreTool {
    public static let command = CommandSpec(
        "idp-ttl", abstract: "The environment lifecycle in the state bucket (run through idp-ttl).",
        subcommands: [StoreCommands.create, StoreCommands.extend, StoreCommands.mark, StoreCommands.show,
                      StoreCommands.scan, StoreCommands.finalize, StoreCommands.list, UnlockCommand.unlock, StoreCommands.answer, StoreCommands.sleep, StoreCommands.wake, StoreCommands.event, StoreCommands.costs, StoreCommands.orphans])
}
