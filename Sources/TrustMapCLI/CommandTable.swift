/// Every `trustmap` subcommand, in the order `trustmap --help` lists them.
///
/// To add a command, add its type here (one line) and its file under `Commands/`.
public enum CommandTable {
    /// The registered commands.
    public static let all: [any Command.Type] = [
        VersionCommand.self,
        DiscoverCommand.self,
        NamesCommand.self,
        EligibilityCommand.self,
        PlanCommand.self,
        PathCommand.self,
        MemberCommand.self,
        ExportCommand.self,
        ProbeCommand.self,
        KerberosCheckCommand.self,
    ]

    /// The command called `name`.
    public static func command(named name: String) -> (any Command.Type)? {
        all.first { $0.name == name }
    }
}
