public import TrustMapClients

/// What a running command gets besides its arguments: output, environment, terminal and the
/// global settings (`--json`, `--quiet`).
public struct CommandContext: Sendable {
    /// Where results, warnings and progress are written.
    public let output: Output
    /// The process environment.
    public let environment: [String: String]
    /// The terminal, for password prompts.
    public let terminal: Terminal
    /// `--json`: write machine-readable JSON on stdout.
    public let json: Bool
    /// `--quiet`: no progress on stderr.
    public let quiet: Bool

    /// Creates a context.
    public init(output: Output, environment: [String: String], terminal: Terminal, json: Bool, quiet: Bool) {
        self.output = output
        self.environment = environment
        self.terminal = terminal
        self.json = json
        self.quiet = quiet
    }

    /// Writes a progress line on stderr unless `--quiet`.
    public func progress(_ message: String) {
        if !quiet { output.errorLine(message) }
    }

    /// A progress callback for the libraries (discovery reports through it).
    public var progressHandler: @Sendable (String) -> Void {
        let output = output
        let quiet = quiet
        return { message in if !quiet { output.errorLine(message) } }
    }

    /// Writes `trustmap: warning: <message>` on stderr (also under `--quiet`).
    public func warning(_ message: String) { output.warning(message) }

    /// Writes `value` as JSON to `path` atomically, or to this context's stdout for `-`
    /// (`JSONFile.write`; 73 cannot create, 74 write failed, 70 cannot encode).
    public func writeJSON<T: Encodable>(_ value: T, to path: String, what: String) throws(CLIError) {
        try JSONFile.write(value, to: path, what: what, standardOutput: output.standardOutput)
    }

    /// Reads a password from `source`, warning on stderr about a file readable by others.
    public func readPassword(_ source: PasswordSource, prompt: String = "Password: ") throws(CLIError) -> Secret {
        try source.read(environment: environment, terminal: terminal, prompt: prompt, warn: warning)
    }
}
