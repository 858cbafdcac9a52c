import Foundation

/// Where `Output` writes: a file descriptor, or a buffer in tests.
public protocol OutputSink: Sendable {
    /// Writes `text` as UTF-8, unbuffered.
    func write(_ text: String)
}

/// A sink writing straight to a file descriptor with `FileHandle` (no `print` buffering).
public struct FileDescriptorSink: OutputSink {
    /// The file descriptor (1 for stdout, 2 for stderr).
    public let fileDescriptor: Int32

    /// Creates a sink over `fileDescriptor`, which stays open.
    public init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    public func write(_ text: String) {
        let handle = FileHandle(fileDescriptor: fileDescriptor, closeOnDealloc: false)
        // A closed pipe (`trustmap ... | head`) must not crash the run: errors are ignored here.
        try? handle.write(contentsOf: Data(text.utf8))
    }
}

/// A sink collecting text in memory, for tests.
public final class BufferSink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    /// Creates an empty buffer.
    public init() {}

    public func write(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }

    /// Everything written so far.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
