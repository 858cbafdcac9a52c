/// The DNS record types TrustMap asks for.
public enum DNSRecordType: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// An IPv4 address.
    case a = "A"
    /// An IPv6 address.
    case aaaa = "AAAA"
    /// A service location (RFC 2782): the DC locator records.
    case srv = "SRV"
    /// The start of a zone's authority.
    case soa = "SOA"
    /// A name server of a zone.
    case ns = "NS"

    /// The type's number on the wire.
    var code: UInt16 {
        switch self {
        case .a: 1
        case .aaaa: 28
        case .srv: 33
        case .soa: 6
        case .ns: 2
        }
    }

    /// The type's mnemonic, as dig prints it.
    public var description: String { rawValue }
}
