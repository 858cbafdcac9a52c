import Foundation

/// The `trustmap` command: parses the command line, runs a subcommand and exits with its status.
public enum TrustMapCommand {
    /// Runs the command line of this process and exits.
    public static func main() async -> Never {
        // A closed pipe (`trustmap ... | head`) ends writes with EPIPE instead of killing the process.
        signal(SIGPIPE, SIG_IGN)
        let status = await run(
            Array(CommandLine.arguments.dropFirst()), output: .process,
            environment: ProcessInfo.processInfo.environment, terminal: Terminal())
        exit(status.rawValue)
    }

    /// The top-level words accepted before the command name.
    static let leadingOptions = ["--help", "-h", "--version", "--json", "--quiet", "-q"]

    /// Runs `arguments` (without the program name) and returns the exit status; writes only to `output`.
    public static func run(
        _ arguments: [String], output: Output, environment: [String: String], terminal: Terminal,
        commands: [any Command.Type] = CommandTable.all
    ) async -> ExitStatus {
        var rest = arguments[...]
        var globals: [String] = []
        while let word = rest.first, word.hasPrefix("-") {
            rest = rest.dropFirst()
            switch word {
            case "--help", "-h":
                output.write(HelpFormatter.mainHelp(commands: commands))
                return .success
            case "--version":
                output.line("trustmap \(VersionCommand.versionString)")
                return .success
            case "--json", "--quiet", "-q":
                globals.append(word)
            default:
                var message = "unknown option '\(word)'"
                if word.hasPrefix("--"), ArgumentParser.isPasswordOption(String(word.dropFirst(2).prefix { $0 != "=" }))
                {
                    message = ArgumentParser.passwordRefusal(String(word.prefix { $0 != "=" }))
                } else if let near = Suggestion.closest(to: word, in: leadingOptions.filter { $0.hasPrefix("--") }) {
                    message += "; did you mean '\(near)'?"
                }
                return fail(.usage(message), output: output, commands: commands)
            }
        }
        guard let name = rest.first else {
            return fail(.usage("missing command"), output: output, commands: commands)
        }
        rest = rest.dropFirst()

        if name == "help" {
            guard let topic = rest.first else {
                output.write(HelpFormatter.mainHelp(commands: commands))
                return .success
            }
            guard rest.count == 1, let command = commands.first(where: { $0.name == topic }) else {
                let error =
                    rest.count == 1
                    ? unknownCommand(topic, commands: commands)
                    : CLIError.usage("'help' takes one command name")
                return fail(error, output: output, commands: commands)
            }
            output.write(HelpFormatter.help(for: command))
            return .success
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            return fail(unknownCommand(name, commands: commands), output: output, commands: commands)
        }
        let words = globals + Array(rest)
        if ArgumentParser.wantsHelp(words) {
            output.write(HelpFormatter.help(for: command))
            return .success
        }
        do {
            let parsed = try ArgumentParser.parse(
                words, command: command.name, options: command.options, positional: command.arguments)
            let context = CommandContext(
                output: output, environment: environment, terminal: terminal, json: parsed.json, quiet: parsed.quiet)
            return try await command.run(parsed, context: context)
        } catch let error as CLIError {
            return fail(error, output: output, commands: commands)
        } catch {
            return fail(.internalError("internal error: \(error)"), output: output, commands: commands)
        }
    }

    static func unknownCommand(_ name: String, commands: [any Command.Type]) -> CLIError {
        var message = "unknown command '\(name)'"
        if let near = Suggestion.closest(to: name, in: commands.map { $0.name } + ["help"]) {
            message += "; did you mean '\(near)'?"
        }
        return .usage(message)
    }

    /// Prints `trustmap: <message>` (and for usage errors the usage hint) on stderr; returns the status.
    static func fail(_ error: CLIError, output: Output, commands: [any Command.Type]) -> ExitStatus {
        output.errorLine("trustmap: \(error.message)")
        if error.status == .usage {
            let command = error.usageOf.flatMap { name in commands.first { $0.name == name } }
            output.standardError.write(HelpFormatter.usageHint(command))
        }
        return error.status
    }
}
