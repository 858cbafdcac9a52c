import Foundation
@testable import TrustMapCLI

/// A command declaring every kind of option, standing in for the real `discover`.
struct SampleCommand: Command {
    static let name = "discover"
    static let summary = "Discovers domains and trusts from a starting domain."
    static let discussion = "Reads the starting domain's DCs, then follows trusts."
    static let options: [OptionSpec] =
        [
            .flag("follow-trusts", help: "Follow trusts into other domains."),
            .value("output", short: "o", valueName: "FILE", help: "Where to write the snapshot.", default: "-"),
            .integer("max-depth", min: 0, max: 10, help: "How many trusts deep to go.", default: 3),
            .integer("timeout", help: "Seconds per operation."),
            .choice("format", ["table", "json", "dot"], help: "The output format.", default: "table"),
            .keyValue("dns-server-for", valueName: "DOMAIN=IP[:PORT]", help: "The DNS server for a domain."),
            .value("exclude", short: "x", valueName: "DOMAIN", help: "A domain to skip.", repeatable: true),
        ] + PasswordSource.options
    static let arguments = [ArgumentSpec("domain", help: "The domain to start from.")]
    static let examples = [
        CommandExample("trustmap discover corp.example.test", "Discovers from corp.example.test."),
        CommandExample("trustmap discover --follow-trusts -o corp.json corp.example.test", "Also follows trusts."),
    ]

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        context.progress("progress: starting at \(arguments.argument("domain") ?? "")")
        context.output.line("domain=\(arguments.argument("domain") ?? "")")
        return .success
    }
}

/// A command with optional and repeating arguments.
struct FilesCommand: Command {
    static let name = "merge"
    static let summary = "Merges snapshots."
    static let arguments = [
        ArgumentSpec("output", help: "The merged snapshot."),
        ArgumentSpec("inputs", help: "Snapshots to merge.", repeating: true),
    ]
    static let examples = [CommandExample("trustmap merge all.json a.json b.json", "Merges two snapshots.")]

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        context.output.line(arguments.arguments("inputs").joined(separator: ","))
        return .success
    }
}

/// A command that throws what it is told to, for the exit-status tests.
struct ThrowingCommand: Command {
    struct Oops: Error, CustomStringConvertible {
        var description: String { "the widget broke" }
    }

    static let name = "fail"
    static let summary = "Fails."
    static let options: [OptionSpec] = [.choice("with", ["cli", "other", "negative", "partial"], help: "How.")]
    static let examples = [CommandExample("trustmap fail --with cli", "Fails.")]

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        switch arguments.value("with") {
        case "cli": throw CLIError(.unavailable, "no DC of corp.example.test answered")
        case "other": throw Oops()
        case "negative": return .negative
        case "partial": return .partial
        default: return .success
        }
    }
}

/// Parses `words` for `SampleCommand`.
func parseSample(_ words: [String]) throws(CLIError) -> ParsedArguments {
    try ArgumentParser.parse(
        words, command: SampleCommand.name, options: SampleCommand.options, positional: SampleCommand.arguments)
}

/// The CLIError `body` throws, or nil.
func cliError(_ body: () throws -> Void) -> CLIError? {
    do {
        try body()
        return nil
    } catch let error as CLIError {
        return error
    } catch {
        return CLIError(.internalError, "unexpected \(error)")
    }
}

/// Runs the dispatcher in-process over the sample commands (not the real ones, which may share names)
/// and returns (status, stdout, stderr).
func runInProcess(
    _ arguments: [String], environment: [String: String] = [:]
) async -> (status: ExitStatus, out: String, err: String) {
    let out = BufferSink()
    let err = BufferSink()
    let status = await TrustMapCommand.run(
        arguments, output: Output(standardOutput: out, standardError: err), environment: environment,
        terminal: Terminal(inputDescriptor: -1, promptSink: err),
        commands: [VersionCommand.self, SampleCommand.self, FilesCommand.self, ThrowingCommand.self])
    return (status, out.text, err.text)
}

/// A fresh temporary directory, removed by the caller with `removeTemporaryDirectory`.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("trustmap-cli-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
