/// Generates help text from command declarations: usage line, description, arguments, options
/// (value name, default, repeatable, allowed values), global options and examples.
public enum HelpFormatter {
    /// The width help text is wrapped to.
    static let width = 100
    /// The column where option and argument help starts.
    static let helpColumn = 30

    /// `trustmap <name> [options] <arg>...`.
    public static func usageLine(_ command: any Command.Type) -> String {
        var parts = ["trustmap", command.name, "[options]"]
        parts += command.arguments.map(\.usageToken)
        return parts.joined(separator: " ")
    }

    /// The full help of one command, for `trustmap help <command>` and `trustmap <command> --help`.
    public static func help(for command: any Command.Type) -> String {
        var out = "USAGE: \(usageLine(command))\n\n"
        out += wrap(command.summary, indent: 0) + "\n"
        if !command.discussion.isEmpty {
            out +=
                "\n"
                + command.discussion.split(separator: "\n", omittingEmptySubsequences: false)
                .map { wrap(String($0), indent: 0) }.joined(separator: "\n") + "\n"
        }
        if !command.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for argument in command.arguments {
                var help = argument.help
                if argument.optional { help += " (optional)" }
                out += entry(argument.usageToken, help)
            }
        }
        if !command.options.isEmpty {
            out += "\nOPTIONS:\n"
            for option in command.options { out += entry(optionLabel(option), optionHelp(option)) }
        }
        out += "\nGLOBAL OPTIONS:\n"
        for option in GlobalOptions.all { out += entry(optionLabel(option), optionHelp(option)) }
        out += "\nEXAMPLES:\n"
        for example in command.examples {
            out += "  \(example.commandLine)\n"
            out += wrap(example.explanation, indent: 6) + "\n"
        }
        return out
    }

    /// The top-level help: commands, global options, exit statuses.
    public static func mainHelp(commands: [any Command.Type]) -> String {
        var out = "trustmap \(versionString) - Active Directory domain and trust topology for scan planning.\n\n"
        out += "USAGE: trustmap <command> [options] [arguments]\n\n"
        out += "COMMANDS:\n"
        let builtins: [(String, String)] = [("help", "Shows help for a command: trustmap help <command>.")]
        let rows = commands.map { ($0.name, $0.summary) } + builtins
        let nameWidth = (rows.map(\.0.count).max() ?? 0) + 4
        for (name, summary) in rows {
            let label = "  " + name + String(repeating: " ", count: max(1, nameWidth - name.count))
            out += label + wrap(summary, indent: label.count).dropFirst(label.count) + "\n"
        }
        out += "\nGLOBAL OPTIONS:\n"
        for option in GlobalOptions.all { out += entry(optionLabel(option), optionHelp(option)) }
        out += entry("    --version", "Print the version and exit.")
        out += "\nEXIT STATUS:\n"
        for status in ExitStatus.allCases {
            let code = String(status.rawValue)
            let label = "  " + code + String(repeating: " ", count: 5 - code.count)
            out += label + wrap(status.meaning, indent: label.count).dropFirst(label.count) + "\n"
        }
        out += "\nPasswords are never taken on the command line: use --password-file, --password-env, a keytab,\n"
        out += "a Kerberos ticket cache (KRB5CCNAME) or the prompt. See docs/cli.md.\n"
        out += "\nRun 'trustmap help <command>' for a command's options and examples.\n"
        return out
    }

    /// The short hint printed after a usage error.
    public static func usageHint(_ command: (any Command.Type)?) -> String {
        if let command {
            return "Usage: \(usageLine(command))\nRun 'trustmap help \(command.name)' for more information.\n"
        }
        return "Usage: trustmap <command> [options] [arguments]\nRun 'trustmap --help' for the list of commands.\n"
    }

    static var versionString: String { VersionCommand.versionString }

    /// `-o, --output FILE` or `    --follow-trusts`.
    static func optionLabel(_ option: OptionSpec) -> String {
        var label = option.short.map { "-\($0), " } ?? "    "
        label += option.displayName
        if option.kind.takesValue { label += " " + option.valueName }
        return label
    }

    /// The help sentence plus allowed values, default and repeatability.
    static func optionHelp(_ option: OptionSpec) -> String {
        var help = option.help
        if case .choice(let choices) = option.kind { help += " One of: " + choices.joined(separator: ", ") + "." }
        if case .integer(let lo, let hi) = option.kind, lo != nil || hi != nil {
            help += " Range: \(lo.map(String.init) ?? "")..\(hi.map(String.init) ?? "")."
        }
        if let value = option.defaultValue { help += " (default: \(value))" }
        if option.repeatable { help += " (repeatable)" }
        return help
    }

    /// One two-column entry, with the help on the next line when the label is too long.
    static func entry(_ label: String, _ help: String) -> String {
        let left = "  " + label
        if left.count + 2 <= helpColumn {
            let padded = left + String(repeating: " ", count: helpColumn - left.count)
            return padded + wrap(help, indent: helpColumn).dropFirst(helpColumn) + "\n"
        }
        return left + "\n" + wrap(help, indent: helpColumn) + "\n"
    }

    /// Wraps `text` to `width` columns, every line indented by `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent + line.count + 1 + word.count > width {
                lines.append(pad + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(pad + line)
        return lines.joined(separator: "\n")
    }
}
