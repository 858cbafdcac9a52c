public import TrustMapWire

/// Why an LDAP ping produced no Netlogon reply.
public struct LDAPPingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure.
    public enum Kind: Sendable, Equatable {
        /// The address is not an IPv4 or IPv6 literal.
        case invalidAddress
        /// No reply came within the timeout, after every retransmission.
        case timeout
        /// The network said no: ICMP port or host unreachable (ECONNREFUSED, EHOSTUNREACH,
        /// ENETUNREACH on the connected socket). Nothing listens on the CLDAP port there.
        case unreachable(errno: Int32)
        /// A reply with our message ID came but could not be decoded.
        case malformedReply(WireError)
        /// The DC answered with an LDAP error result (its code and diagnostic message).
        case ldapResult(code: Int, diagnosticMessage: String)
        /// The DC answered success without a Netlogon entry: it does not serve the domain asked about.
        case noNetlogonEntry
        /// A socket call failed for another reason.
        case system(function: String, errno: Int32)
    }

    /// The category of failure.
    public let kind: Kind
    /// The DC asked, as `address:port` (`[address]:port` for IPv6).
    public let server: String
    /// A sentence saying what happened, with the system's or the server's own message.
    public let reason: String

    /// Creates an error.
    public init(_ kind: Kind, server: String, reason: String) {
        self.kind = kind
        self.server = server
        self.reason = reason
    }

    /// `LDAP ping to <server>: <reason>`.
    public var description: String { "LDAP ping to \(server): \(reason)" }
}
