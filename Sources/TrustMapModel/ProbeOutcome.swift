/// What one probe of one endpoint found (`trustmap probe`): the clients produce it, the
/// verdict reads it.
public enum ProbeOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The port answered with the expected protocol (for a bare TCP connect: the connection was accepted).
    case open
    /// Actively refused: a TCP reset, or an ICMP port unreachable for a UDP datagram.
    case refused
    /// No answer within the timeout: something drops the packets (also a request a firewall rule on this
    /// machine refused to send, EPERM, and a TCP connection accepted whose request got no answer).
    case filtered
    /// No route: an ICMP host or network unreachable, or a local routing failure.
    case unreachable
    /// Something answered, but not the expected protocol.
    case wrongService = "wrong-service"
    /// The expected service answered but failed this query (DNS REFUSED or SERVFAIL, no SOA, an LDAP ping
    /// without a Netlogon entry).
    case rejected
    /// UDP with no protocol reply to wait for: no refusal came back, so the port is open or filtered.
    case unconfirmed
    /// Not probed: no address, or no observation for it (never produced by a probe itself).
    case notProbed = "not-probed"

    /// True when a scanner could not use the port.
    public var blocks: Bool { self != .open && self != .unconfirmed }
}
