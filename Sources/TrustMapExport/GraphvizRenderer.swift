public import Foundation

/// Renders DOT text with Graphviz's `dot` program (found on PATH), feeding the DOT on stdin and capturing
/// stdout and stderr.
///
/// Rendering blocks the calling thread until `dot` exits; call it from a thread that may block.
public struct GraphvizRenderer: Sendable {
    /// The `dot` executable, or nil when it is not installed.
    public let executable: URL?

    /// The message when `dot` is missing.
    public static let missingMessage =
        "Graphviz 'dot' not found: install the Debian package graphviz (tools/setup does)"

    /// Finds `dot` on `path` (a PATH-style list; the process's PATH by default).
    public init(path: String? = ProcessInfo.processInfo.environment["PATH"]) {
        executable = Self.find("dot", on: path ?? "")
    }

    /// Uses a given `dot` executable.
    public init(executable: URL) {
        self.executable = executable
    }

    /// What `dot` wrote: the rendered bytes and any warnings it printed on stderr.
    public struct Output: Sendable {
        /// The rendered file (SVG text or PNG bytes).
        public var data: Data
        /// What `dot` printed on stderr (warnings), empty when nothing.
        public var warnings: String
    }

    /// Renders `dot` text to `format` (`svg`, `png`, or any other `-T` format Graphviz knows).
    public func render(_ dot: String, format: String) throws(ExportError) -> Output {
        let operation = "dot -T" + format
        guard let executable else { throw ExportError(.graphvizMissing, operation: operation, Self.missingMessage) }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-T" + format]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw ExportError(.graphvizFailed, operation: operation, "cannot run \(executable.path): \(error)")
        }
        // Write stdin and drain stderr on threads of their own so that no pipe fills up and blocks `dot`.
        let input = Data(dot.utf8)
        let writer = stdin.fileHandleForWriting
        let errors = CapturedData()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        let errorReader = stderr.fileHandleForReading
        DispatchQueue.global().async(group: group) {
            errors.set((try? errorReader.readToEnd()) ?? Data())
        }
        let data = (try? stdout.fileHandleForReading.readToEnd()) ?? Data()
        group.wait()
        process.waitUntilExit()
        let messages = String(decoding: errors.get(), as: UTF8.self)
        guard process.terminationReason == .exit && process.terminationStatus == 0 else {
            let status = process.terminationReason == .exit ? "exited with status" : "was killed by signal"
            throw ExportError(
                .graphvizFailed, operation: operation,
                "dot \(status) \(process.terminationStatus): "
                    + messages.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return Output(data: data, warnings: messages)
    }

    private static func find(_ name: String, on path: String) -> URL? {
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// Bytes handed from a reader thread to the caller.
private final class CapturedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
