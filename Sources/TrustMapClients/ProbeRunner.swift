/// Probes many endpoints at once: TCP connects, DNS SOA queries, LDAP pings and Kerberos requests over
/// non-blocking sockets driven by one thread with `poll`, so a run takes about one timeout however many
/// endpoints there are (up to `concurrency` at a time).
///
/// Outcomes: a TCP reset or ICMP port unreachable is `refused`, silence until the timeout `filtered`, an ICMP
/// host or network unreachable `unreachable`, a reply in another protocol `wrongService`. UDP requests are
/// sent three times, spread over the timeout.
public struct ProbeRunner: Sendable {
    /// Seconds each probe waits for its answer.
    public var timeout: Double
    /// The most sockets open at once (further capped by the open-file limit, which is raised to its hard limit).
    public var concurrency: Int

    /// The local address to send from (an IPv4 or IPv6 literal), for targets of its family; nil: the system's
    /// choice.
    public var sourceAddress: String?

    /// Creates a runner.
    public init(timeout: Double = 2, concurrency: Int = 16384, sourceAddress: String? = nil) {
        self.timeout = timeout
        self.concurrency = concurrency
        self.sourceAddress = sourceAddress
    }

    /// True when `text` is an IPv4 or IPv6 literal this runner can send from.
    public static func isAddressLiteral(_ text: String) -> Bool { ProbeSocket.address(text, port: 0) != nil }

    /// The number of sockets that can really be open at once: `concurrency`, within the open-file limit.
    public var effectiveConcurrency: Int {
        min(max(1, concurrency), max(1, ProbeSocket.raiseOpenFileLimit() - 64))
    }

    /// Probes every target (on a thread of its own) and returns the results in the targets' order.
    public func run(_ targets: [ProbeTarget]) async -> [ProbeResult] {
        let bound = effectiveConcurrency
        let timeout = timeout
        let source = sourceAddress
        return await Blocking.run {
            ProbeLoop(targets: targets, timeout: timeout, concurrency: bound, source: source).run()
        }
    }
}
