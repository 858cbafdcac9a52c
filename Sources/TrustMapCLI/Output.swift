import Foundation

/// The only place `trustmap` writes: results on stdout, diagnostics and progress on stderr.
public struct Output: Sendable {
    /// Where results go.
    public let standardOutput: any OutputSink
    /// Where diagnostics, warnings and progress go.
    public let standardError: any OutputSink

    /// Creates an output over two sinks.
    public init(standardOutput: any OutputSink, standardError: any OutputSink) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// The process's stdout and stderr.
    public static var process: Output {
        Output(
            standardOutput: FileDescriptorSink(fileDescriptor: 1), standardError: FileDescriptorSink(fileDescriptor: 2))
    }

    /// Writes `text` on stdout as is.
    public func write(_ text: String) { standardOutput.write(text) }

    /// Writes `line` and a newline on stdout.
    public func line(_ line: String = "") { standardOutput.write(line + "\n") }

    /// Writes `line` and a newline on stderr.
    public func errorLine(_ line: String) { standardError.write(line + "\n") }

    /// Writes `trustmap: warning: <message>` on stderr.
    public func warning(_ message: String) { errorLine("trustmap: warning: \(message)") }

    /// Writes `value` as JSON (sorted keys, pretty printed, ISO dates) and a newline on stdout.
    public func json<T: Encodable>(_ value: T) throws(CLIError) {
        let data = try JSONCoding.encode(value)
        standardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
    }

    /// Writes a table on stdout.
    public func table(_ table: TextTable) { standardOutput.write(table.render()) }
}
