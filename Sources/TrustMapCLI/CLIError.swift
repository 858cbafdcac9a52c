/// An error a command throws to end the run with a status and a message.
///
/// `TrustMapCommand` prints `trustmap: <message>` on stderr and exits with `status`. The message
/// names what failed (file, option, server) and why; it never contains a secret.
public struct CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exit status.
    public var status: ExitStatus
    /// The message, without the `trustmap: ` prefix.
    public var message: String
    /// For usage errors: the command whose usage line should follow the message (nil: the top level).
    public var usageOf: String?

    /// Creates an error.
    public init(_ status: ExitStatus, _ message: String, usageOf: String? = nil) {
        self.status = status
        self.message = message
        self.usageOf = usageOf
    }

    /// A usage error (64).
    public static func usage(_ message: String, command: String? = nil) -> CLIError {
        CLIError(.usage, message, usageOf: command)
    }

    /// Malformed input data (65).
    public static func badData(_ message: String) -> CLIError { CLIError(.badData, message) }

    /// A missing or unreadable input file (66).
    public static func noInput(_ message: String) -> CLIError { CLIError(.noInput, message) }

    /// Missing or refused credentials (77).
    public static func credentials(_ message: String) -> CLIError { CLIError(.credentials, message) }

    /// An output that cannot be created (73).
    public static func cannotCreate(_ message: String) -> CLIError { CLIError(.cannotCreate, message) }

    /// An internal error (70).
    public static func internalError(_ message: String) -> CLIError { CLIError(.internalError, message) }

    public var description: String { message }
}
