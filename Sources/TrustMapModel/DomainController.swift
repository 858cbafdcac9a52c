/// A role a domain controller holds.
public enum DCRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// The PDC emulator (fSMORoleOwner of the domain NC head, or the PDC ping flag).
    case pdc
    /// A global catalog (nTDSDSA options bit 0x1, or the GC ping flag).
    case gc
    /// A read-only DC (PARTIAL_SECRETS_ACCOUNT, or SELECT_SECRET_DOMAIN_6 in the ping).
    case rodc
    /// Runs a KDC (ping flag).
    case kdc
    /// Writable (ping flag).
    case writable
    /// Serves the domain's DNS zone (listed in the zone's NS records). Not the ping's
    /// DNS_CONTROLLER flag, which only says the DC's name is a DNS name.
    case dns

    public static func < (a: DCRole, b: DCRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One domain controller of a domain.
public struct DomainController: Hashable, Sendable, Codable {
    /// Its DNS host name (`dNSHostName`).
    public var hostName: DNSName
    /// Its NetBIOS computer name, where known.
    public var netbiosName: NetBIOSName?
    /// Its addresses from DNS, sorted.
    public var addresses: [String]
    /// The site its server object is in (or the ping's DcSiteName).
    public var site: String?
    /// Roles, sorted.
    public var roles: [DCRole]
    /// The DS flags of its LDAP ping reply, when it answered one.
    public var pingFlags: DSFlags?
    /// True when it answered the LDAP ping or an LDAP request during discovery.
    public var answered: Bool
    /// Where this DC was learnt from: "srv", "ldap", "ping".
    public var sources: [String]

    /// Creates a DC.
    public init(
        hostName: DNSName, netbiosName: NetBIOSName? = nil, addresses: [String] = [], site: String? = nil,
        roles: [DCRole] = [], pingFlags: DSFlags? = nil, answered: Bool = false, sources: [String] = []
    ) {
        self.hostName = hostName
        self.netbiosName = netbiosName
        self.addresses = addresses
        self.site = site
        self.roles = roles
        self.pingFlags = pingFlags
        self.answered = answered
        self.sources = sources
    }

    /// True when the DC holds `role`.
    public func has(_ role: DCRole) -> Bool { roles.contains(role) }
}
