/// A `trustmap` subcommand, declared by its name, help, options and arguments.
///
/// To add a command: write `Sources/TrustMapCLI/Commands/<Name>Command.swift` with a type
/// conforming to `Command`, and add one line to `CommandTable.all`. Help text, parsing, `--json`,
/// `--quiet`, error messages and exit statuses come from the framework (docs/cli.md).
public protocol Command: Sendable {
    /// The word typed after `trustmap` (`discover`).
    static var name: String { get }
    /// One line for the command list (`Discovers domains and trusts from a starting domain.`).
    static var summary: String { get }
    /// Further paragraphs for `trustmap help <command>`; empty for none.
    static var discussion: String { get }
    /// The command's options; `--json`, `--quiet` and `--help` are added by the framework.
    static var options: [OptionSpec] { get }
    /// The positional arguments, in order.
    static var arguments: [ArgumentSpec] { get }
    /// Example invocations shown in help; at least one.
    static var examples: [CommandExample] { get }

    /// Runs the command and returns its exit status (`.success`, `.negative`, `.partial`...).
    ///
    /// Throw `CLIError` for a failure with its own status; anything else thrown ends the run
    /// with status 70 and the error's text.
    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus
}

extension Command {
    /// No discussion by default.
    public static var discussion: String { "" }
    /// No options by default.
    public static var options: [OptionSpec] { [] }
    /// No arguments by default.
    public static var arguments: [ArgumentSpec] { [] }
}

/// An example invocation for help text.
public struct CommandExample: Sendable, Equatable {
    /// The command line, starting with `trustmap`.
    public var commandLine: String
    /// What it does.
    public var explanation: String

    /// Creates an example.
    public init(_ commandLine: String, _ explanation: String) {
        self.commandLine = commandLine
        self.explanation = explanation
    }
}
