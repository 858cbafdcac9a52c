/// The transport of a probed port.
public enum ProbeTransport: String, Sendable, Hashable, Codable, CaseIterable {
    /// A TCP connection.
    case tcp
    /// UDP datagrams.
    case udp
}

/// What a probe asks once it reaches an endpoint.
public enum ProbeCheck: Sendable, Hashable {
    /// TCP: the connection is accepted (nothing is sent).
    case connect
    /// DNS: an SOA query for `zone`, answered with the zone's SOA record (UDP or TCP 53).
    case dnsSOA(zone: String)
    /// The LDAP ping (CLDAP, UDP 389) for `domain` (nil: the DC's own): a valid Netlogon reply, and whose.
    case ldapPing(domain: String?)
    /// Kerberos: an AS-REQ for a principal that does not exist in `realm`; any KRB-ERROR means a live KDC.
    case kerberos(realm: String)
    /// kpasswd (UDP 464): a malformed change-password request; a kpasswd reply or KRB-ERROR means it is served.
    case kpasswd(realm: String)
    /// NetBIOS name service (UDP 137): a node status query for `*`.
    case netbiosName
    /// UDP with no request a service answers (NetBIOS datagrams, 138): only a refusal can be seen.
    case silentUDP

    /// A short word for the check, as JSON and tables show it.
    public var name: String {
        switch self {
        case .connect: "tcp-connect"
        case .dnsSOA: "dns-soa"
        case .ldapPing: "ldap-ping"
        case .kerberos: "kerberos"
        case .kpasswd: "kpasswd"
        case .netbiosName: "netbios-name"
        case .silentUDP: "udp-silent"
        }
    }
}

/// One endpoint to probe: an address literal, a port, a transport and what to ask.
public struct ProbeTarget: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 or IPv6 literal (`[...]` brackets allowed); names are not resolved here.
    public var address: String
    /// The port.
    public var port: UInt16
    /// TCP or UDP.
    public var transport: ProbeTransport
    /// What to ask.
    public var check: ProbeCheck

    /// Creates a target.
    public init(address: String, port: UInt16, transport: ProbeTransport, check: ProbeCheck = .connect) {
        self.address = address
        self.port = port
        self.transport = transport
        self.check = check
    }

    /// `127.0.0.11:88/udp (kerberos)`.
    public var description: String {
        let host = address.contains(":") && !address.hasPrefix("[") ? "[\(address)]" : address
        return "\(host):\(port)/\(transport.rawValue) (\(check.name))"
    }
}
