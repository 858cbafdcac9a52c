/// A zone's SOA (start of authority) record.
public struct SOARecord: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The zone, in lower case without a trailing dot.
    public let zone: String
    /// The primary name server (MNAME), in lower case without a trailing dot.
    public let primaryServer: String
    /// The responsible mailbox (RNAME) in DNS form, in lower case without a trailing dot.
    public let responsible: String
    /// The zone's serial number.
    public let serial: UInt32
    /// Seconds between secondary refreshes.
    public let refresh: UInt32
    /// Seconds before a failed refresh is retried.
    public let retry: UInt32
    /// Seconds after which a secondary stops answering without a refresh.
    public let expire: UInt32
    /// The negative-caching time to live (RFC 2308), in seconds.
    public let minimum: UInt32
    /// The record's time to live, in seconds.
    public let ttl: UInt32

    /// Creates a record; names are lower-cased and lose a trailing dot.
    public init(
        zone: String, primaryServer: String, responsible: String, serial: UInt32, refresh: UInt32,
        retry: UInt32, expire: UInt32, minimum: UInt32, ttl: UInt32
    ) {
        func normal(_ name: String) -> String {
            var s = name.lowercased()
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        self.zone = normal(zone)
        self.primaryServer = normal(primaryServer)
        self.responsible = normal(responsible)
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
        self.ttl = ttl
    }

    /// The record data as dig prints it.
    public var description: String {
        "\(primaryServer). \(responsible). \(serial) \(refresh) \(retry) \(expire) \(minimum)"
    }
}
