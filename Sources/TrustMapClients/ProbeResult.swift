public import TrustMapModel

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
