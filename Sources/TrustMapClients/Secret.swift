/// A password or other secret held in memory only as long as needed.
///
/// It never prints: `description` and `debugDescription` are `<redacted>`, it is not Codable,
/// and error messages never include it.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret's bytes (UTF-8).
    let bytes: [UInt8]

    /// Wraps a secret string.
    public init(_ value: String) { bytes = Array(value.utf8) }

    /// Wraps secret bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Calls `body` with the secret as a NUL-terminated C string.
    func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        var copy = bytes.map { CChar(bitPattern: $0) }
        copy.append(0)
        defer { for i in copy.indices { copy[i] = 0 } }
        return try copy.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// True when the secret is empty.
    public var isEmpty: Bool { bytes.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
