/// One DNS SRV record (RFC 2782): where a service runs and in which order to try it.
public struct SRVRecord: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Lower values are tried first.
    public let priority: UInt16
    /// The relative chance among records of the same priority.
    public let weight: UInt16
    /// The service's port on the target.
    public let port: UInt16
    /// The target host, in lower case without a trailing dot.
    public let target: String
    /// The record's time to live, in seconds, as the answering server gave it.
    public let ttl: UInt32

    /// Creates a record; the target is lower-cased and loses a trailing dot.
    public init(priority: UInt16, weight: UInt16, port: UInt16, target: String, ttl: UInt32) {
        self.priority = priority
        self.weight = weight
        self.port = port
        var name = target.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        self.target = name
        self.ttl = ttl
    }

    /// The record as dig prints its data: `priority weight port target.`.
    public var description: String { "\(priority) \(weight) \(port) \(target)." }
}
