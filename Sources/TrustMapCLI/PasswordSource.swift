public import TrustMapClients
#if canImport(Glibc)
    import Glibc
#endif

/// Where a password comes from: a file, an environment variable named by the user, or a prompt
/// on the terminal. Never the command line (`--password` is refused by the parser).
public enum PasswordSource: Sendable, Equatable {
    /// `--password-file FILE`: the file's content less one trailing newline.
    case file(String)
    /// `--password-env VAR`: the value of the environment variable named `VAR`.
    case environment(String)
    /// A prompt on the terminal with echo off (only when stdin is a terminal).
    case prompt

    /// `--password-file FILE`.
    public static let fileOption = OptionSpec.value(
        "password-file", valueName: "FILE",
        help: "Read the password from FILE; one trailing newline is removed. Keep the file unreadable by others.")
    /// `--password-env VAR`.
    public static let environmentOption = OptionSpec.value(
        "password-env", valueName: "VAR",
        help: "Read the password from the environment variable named VAR (its name, not the password).")
    /// Both password options, for a command's `options`.
    public static let options: [OptionSpec] = [fileOption, environmentOption]

    /// The message when no password source is usable without a terminal.
    static let noPromptMessage =
        "a password is needed and stdin is not a terminal to prompt on; use --password-file FILE, "
        + "--password-env VAR, a keytab (--keytab FILE) or a Kerberos ticket cache (KRB5CCNAME)"

    /// The source chosen with `--password-file` or `--password-env`, or nil when neither was
    /// given (the command then decides between a keytab, a ticket cache and `.prompt`).
    /// - Throws: 64 when both are given.
    public static func chosen(in arguments: ParsedArguments) throws(CLIError) -> PasswordSource? {
        let file = arguments.value(fileOption.name)
        let variable = arguments.value(environmentOption.name)
        switch (file, variable) {
        case (let file?, nil): return .file(file)
        case (nil, let variable?): return .environment(variable)
        case (nil, nil): return nil
        case (_?, _?):
            throw .usage("--password-file and --password-env exclude each other; give one", command: arguments.command)
        }
    }

    /// Reads the password.
    ///
    /// - Parameters:
    ///   - environment: the process environment (for `.environment`).
    ///   - terminal: the terminal (for `.prompt`).
    ///   - prompt: the prompt text (`Password for alice@CORP.EXAMPLE.TEST: `).
    ///   - warn: receives warnings, such as a password file readable by others.
    /// - Throws: 66 for an unreadable file, 74 when reading fails, 77 for an empty password, an
    ///   unset variable or no terminal to prompt on.
    public func read(
        environment: [String: String], terminal: Terminal, prompt: String = "Password: ",
        warn: (String) -> Void = { _ in }
    ) throws(CLIError) -> Secret {
        switch self {
        case .file(let path):
            return try Self.readFile(path, warn: warn)
        case .environment(let name):
            guard Self.isVariableName(name) else {
                // Do not repeat the value: it may be the password itself, given by mistake.
                throw .usage(
                    "--password-env takes the NAME of an environment variable that holds the password, "
                        + "and the value given is not a variable name")
            }
            let shown = name.contains(where: \.isLowercase) ? "named by --password-env" : "'\(name)'"
            guard let value = environment[name] else {
                throw .credentials("the environment variable \(shown) is not set")
            }
            guard !value.isEmpty else { throw .credentials("the environment variable \(shown) is empty") }
            return Secret(value)
        case .prompt:
            return try terminal.readSecret(prompt: prompt)
        }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }

    static func readFile(_ path: String, warn: (String) -> Void) throws(CLIError) -> Secret {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IROTH != 0, (info.st_mode & S_IFMT) == S_IFREG {
            warn(
                "password file '\(path)' is readable by other users (mode \(String(info.st_mode & 0o777, radix: 8))); "
                    + "run chmod 600 on it")
        }
        var bytes = [UInt8](try JSONFile.readData(from: path, what: "password file"))
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        guard !bytes.isEmpty else { throw .credentials("password file '\(path)' is empty") }
        return Secret(bytes: bytes)
    }
}
