/// Parses one command's arguments against its declarations (`trustmap <command> [options] [arguments]`).
///
/// Accepts `--name value`, `--name=value`, `-o value`, `-ovalue`, flags, repeatable options,
/// `--` to end options, and positional arguments. Every failure is a `CLIError` with status 64
/// that names the option or argument, the value and what was expected.
public enum ArgumentParser {
    /// Option names that would carry a password on the command line; always refused.
    static func isPasswordOption(_ name: String) -> Bool {
        let n = name.lowercased()
        return n == "password" || n == "pass" || n == "passwd" || n == "pw" || n.hasSuffix("-password")
    }

    /// The message refusing a password given as an option value.
    static func passwordRefusal(_ display: String) -> String {
        "'\(display)' is not accepted: a password on the command line is visible to other users (ps, /proc) and "
            + "is kept in shell history; use --password-file FILE, --password-env VAR (the name of an environment "
            + "variable), a keytab (--keytab FILE), a Kerberos ticket cache (KRB5CCNAME), or answer the prompt"
    }

    /// True when `arguments` ask for help (`--help` or `-h` before any `--`).
    public static func wantsHelp(_ arguments: [String]) -> Bool {
        for a in arguments {
            if a == "--" { return false }
            if a == "--help" || a == "-h" { return true }
        }
        return false
    }

    /// Parses `arguments` (the words after the command name) for `command`.
    public static func parse(
        _ arguments: [String], command: String, options: [OptionSpec], positional argumentSpecs: [ArgumentSpec]
    ) throws(CLIError) -> ParsedArguments {
        let all = options + GlobalOptions.all
        var byLong: [String: OptionSpec] = [:]
        var byShort: [Character: OptionSpec] = [:]
        for spec in all {
            precondition(byLong[spec.name] == nil, "'\(command)' declares --\(spec.name) twice (or a global option)")
            byLong[spec.name] = spec
            if let s = spec.short {
                precondition(byShort[s] == nil, "'\(command)' declares -\(s) twice (or a global option)")
                byShort[s] = spec
            }
        }
        func usage(_ message: String) -> CLIError { .usage(message, command: command) }

        var given: [String: [String]] = [:]
        var loose: [String] = []
        var endOfOptions = false
        var i = 0

        func record(_ spec: OptionSpec, display: String, inline: String?) throws(CLIError) {
            guard spec.kind.takesValue else {
                if inline != nil { throw usage("option '\(display)' of '\(command)' takes no value") }
                given[spec.name, default: []].append("")
                return
            }
            let value: String
            if let inline {
                value = inline
            } else if i < arguments.count, !looksLikeOption(arguments[i]) {
                value = arguments[i]
                i += 1
            } else {
                throw usage("option '\(display)' of '\(command)' needs a value (\(spec.valueName))")
            }
            try check(value, for: spec, display: display)
            if !spec.repeatable, given[spec.name] != nil {
                throw usage("option '\(display)' of '\(command)' given more than once; it takes one value")
            }
            given[spec.name, default: []].append(value)
        }

        func check(_ value: String, for spec: OptionSpec, display: String) throws(CLIError) {
            switch spec.kind {
            case .flag, .string:
                return
            case .integer(let lo, let hi):
                let range: String
                switch (lo, hi) {
                case let (lo?, hi?): range = "an integer from \(lo) to \(hi)"
                case let (lo?, nil): range = "an integer of at least \(lo)"
                case let (nil, hi?): range = "an integer of at most \(hi)"
                case (nil, nil): range = "an integer"
                }
                guard let n = Int(value), lo.map({ n >= $0 }) ?? true, hi.map({ n <= $0 }) ?? true else {
                    throw usage("invalid value '\(value)' for '\(display)': expected \(range)")
                }
            case .choice(let choices):
                guard choices.contains(value) else {
                    var message =
                        "invalid value '\(value)' for '\(display)'; allowed values: "
                        + choices.joined(separator: ", ")
                    if let near = Suggestion.closest(to: value, in: choices) { message += " (did you mean '\(near)'?)" }
                    throw usage(message)
                }
            case .keyValue:
                do { _ = try KeyValue(parsing: value, option: display) } catch { throw usage(error.message) }
            }
        }

        while i < arguments.count {
            let word = arguments[i]
            i += 1
            if endOfOptions || !looksLikeOption(word) {
                loose.append(word)
            } else if word == "--" {
                endOfOptions = true
            } else if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name: String
                let inline: String?
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq])
                    inline = String(body[body.index(after: eq)...])
                } else {
                    name = String(body)
                    inline = nil
                }
                guard let spec = byLong[name] else {
                    if isPasswordOption(name) { throw usage(passwordRefusal("--" + name)) }
                    var message = "unknown option '--\(name)' for '\(command)'"
                    let names = all.map(\.displayName)
                    if let near = Suggestion.closest(to: "--" + name, in: names) {
                        message += "; did you mean '\(near)'?"
                    }
                    throw usage(message)
                }
                try record(spec, display: "--" + name, inline: inline)
            } else {
                let letter = word[word.index(after: word.startIndex)]
                let rest = String(word.dropFirst(2))
                guard let spec = byShort[letter], spec.kind.takesValue || rest.isEmpty else {
                    var message = "unknown option '\(word)' for '\(command)'"
                    if let spec = byShort[letter] {
                        message += "; '-\(letter)' (\(spec.displayName)) takes no value and short flags do not combine"
                    }
                    throw usage(message)
                }
                let inline = rest.isEmpty ? nil : (rest.hasPrefix("=") ? String(rest.dropFirst()) : rest)
                try record(spec, display: "-\(letter)", inline: inline)
            }
        }

        // Positional arguments, in declaration order; only the last may repeat.
        var byArgument: [String: [String]] = [:]
        var next = 0
        for (index, spec) in argumentSpecs.enumerated() {
            precondition(!spec.repeating || index == argumentSpecs.count - 1, "only the last argument may repeat")
            if spec.repeating {
                byArgument[spec.name] = Array(loose[next...])
                next = loose.count
            } else if next < loose.count {
                byArgument[spec.name] = [loose[next]]
                next += 1
            } else {
                byArgument[spec.name] = []
            }
            if !spec.optional, byArgument[spec.name, default: []].isEmpty {
                throw usage("missing argument \(spec.usageToken) for '\(command)'")
            }
        }
        if next < loose.count {
            throw usage("unexpected argument '\(loose[next])' for '\(command)'")
        }
        return ParsedArguments(
            command: command, specs: byLong, given: given, positional: byArgument, positionals: loose)
    }

    /// True for a word that starts an option: `-x`, `--name`, `--`; false for `-`, a negative number, text.
    static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        if word.hasPrefix("--") { return true }
        return !(word.dropFirst().first?.isNumber ?? false)
    }
}
