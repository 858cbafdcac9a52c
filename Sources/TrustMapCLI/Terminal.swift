public import TrustMapClients
#if canImport(Glibc)
    import Glibc
#endif

/// The controlling terminal on stdin: whether there is one, and reading a secret with echo off.
public struct Terminal: Sendable {
    /// The descriptor read from (0 for stdin).
    public let inputDescriptor: Int32
    /// Where the prompt is written (stderr by default, so stdout stays clean for results).
    public let promptSink: any OutputSink

    /// Creates a terminal over `inputDescriptor`.
    public init(inputDescriptor: Int32 = 0, promptSink: any OutputSink = FileDescriptorSink(fileDescriptor: 2)) {
        self.inputDescriptor = inputDescriptor
        self.promptSink = promptSink
    }

    /// True when the input is a terminal, so a prompt can be answered.
    public var isInteractive: Bool { isatty(inputDescriptor) == 1 }

    /// Prints `prompt`, reads one line with echo off and returns it as a secret.
    ///
    /// Echo is restored afterwards, also when the user interrupts with Ctrl-C.
    /// - Throws: 77 when the input is not a terminal, the line is empty, or input ends.
    public func readSecret(prompt: String) throws(CLIError) -> Secret {
        var saved = termios()
        guard isInteractive, tcgetattr(inputDescriptor, &saved) == 0 else {
            throw .credentials(PasswordSource.noPromptMessage)
        }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        promptSink.write(prompt)
        EchoGuard.arm(descriptor: inputDescriptor, saved: saved)
        guard tcsetattr(inputDescriptor, TCSAFLUSH, &quiet) == 0 else {
            EchoGuard.disarm()
            throw .credentials("cannot turn off echo on the terminal: \(Errno.text())")
        }
        defer {
            _ = tcsetattr(inputDescriptor, TCSAFLUSH, &saved)
            EchoGuard.disarm()
            promptSink.write("\n")
        }
        var bytes: [UInt8] = []
        defer { for i in bytes.indices { bytes[i] = 0 } }
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(inputDescriptor, &byte, 1)
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                if bytes.isEmpty { throw .credentials("no password entered (input ended)") }
                break
            }
            if byte == 0x0A { break }
            bytes.append(byte)
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else { throw .credentials("no password entered (empty line)") }
        return Secret(bytes: bytes)
    }
}

/// Restores terminal echo if a signal ends the process while a password is being typed.
private enum EchoGuard {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var descriptor: Int32 = -1
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func arm(descriptor: Int32, saved: termios) {
        Self.saved = saved
        Self.descriptor = descriptor
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                // Only async-signal-safe calls: tcsetattr, signal, raise.
                _ = tcsetattr(EchoGuard.descriptor, TCSANOW, &EchoGuard.saved)
                _ = Glibc.signal(number, SIG_DFL)
                _ = raise(number)
            }
            sigemptyset(&action.sa_mask)
            _ = sigaction(signal, &action, nil)
        }
    }

    static func disarm() {
        for signal in signals { _ = Glibc.signal(signal, SIG_DFL) }
        descriptor = -1
    }
}
