/// What one probe found.
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
}

/// The result of probing one target, with the time it took.
public struct ProbeResult: Sendable, Hashable {
    /// The target probed.
    public var target: ProbeTarget
    /// What was found.
    public var outcome: ProbeOutcome
    /// Seconds from opening the socket to the outcome.
    public var seconds: Double
    /// What happened, in a few words (the errno text, the DNS answer, the KRB-ERROR code).
    public var detail: String
    /// Who answered, when the protocol says so: the DC's DnsHostName from a Netlogon reply, the realm of a
    /// KRB-ERROR, the NetBIOS name from a node status reply, the SOA's primary server.
    public var responder: String?

    /// Creates a result.
    public init(target: ProbeTarget, outcome: ProbeOutcome, seconds: Double, detail: String, responder: String? = nil) {
        self.target = target
        self.outcome = outcome
        self.seconds = seconds
        self.detail = detail
        self.responder = responder
    }
}
