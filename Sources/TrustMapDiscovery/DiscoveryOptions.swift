public import TrustMapClients
public import TrustMapModel

/// How far discovery follows trusts.
public enum FollowTrusts: String, Sendable, CaseIterable {
    /// Only the starting domain; its trusts are recorded but not followed.
    case none
    /// The starting forest and the forests its forest trusts reach; external and realm trusts are
    /// recorded but not followed.
    case forest
    /// Every trust, external ones included (realm trusts are recorded: a realm is not AD).
    case all
}

/// How discovery authenticates to LDAP.
public enum DiscoveryCredentials: Sendable {
    /// No credentials: anonymous rootDSE reads and LDAP pings only.
    case anonymous
    /// SASL GSSAPI with these Kerberos credentials (nil: the default credential cache).
    case kerberos(KerberosCredentials?)
    /// A simple bind over LDAPS or StartTLS (never over cleartext).
    case simple(user: String, password: Secret)

    /// The word written into snapshot metadata (never the secret).
    public var label: String {
        switch self {
        case .anonymous: "anonymous"
        case .kerberos: "gssapi"
        case .simple: "simple"
        }
    }
}

/// Everything a discovery run needs to know.
public struct DiscoveryOptions: Sendable {
    /// The domain to start from.
    public var startDomain: DNSName
    /// DNS servers to ask (in order); empty means the system's resolver.
    public var dnsServers: [DNSServer]
    /// Servers for particular domains (and their subdomains), tried before `dnsServers`.
    public var dnsServersFor: [DNSName: DNSServer]
    /// Credentials.
    public var credentials: DiscoveryCredentials
    /// LDAP transport: plain (with GSSAPI integrity), LDAPS or StartTLS.
    public var transport: LDAPTransport
    /// CA file to verify LDAPS/StartTLS certificates.
    public var caFile: String?
    /// Trust-following policy.
    public var followTrusts: FollowTrusts
    /// Maximum number of trust hops from the starting domain.
    public var maxDepth: Int
    /// Timeout in seconds for each network operation.
    public var timeout: Double
    /// Deadline in seconds for the whole run.
    public var deadline: Double
    /// How many domains are discovered at once.
    public var concurrency: Int
    /// Also enumerate computer accounts.
    public var computers: Bool

    /// Creates options with the documented defaults.
    public init(
        startDomain: DNSName, dnsServers: [DNSServer] = [], dnsServersFor: [DNSName: DNSServer] = [:],
        credentials: DiscoveryCredentials = .anonymous, transport: LDAPTransport = .plain, caFile: String? = nil,
        followTrusts: FollowTrusts = .all, maxDepth: Int = 8, timeout: Double = 5, deadline: Double = 120,
        concurrency: Int = 4, computers: Bool = false
    ) {
        self.startDomain = startDomain
        self.dnsServers = dnsServers
        self.dnsServersFor = dnsServersFor
        self.credentials = credentials
        self.transport = transport
        self.caFile = caFile
        self.followTrusts = followTrusts
        self.maxDepth = maxDepth
        self.timeout = timeout
        self.deadline = deadline
        self.concurrency = max(1, concurrency)
        self.computers = computers
    }

    /// The DNS servers to ask for names in `domain`: the most specific `--dns-server-for` match
    /// first, then the general ones, then the system's resolver when none is given.
    public func servers(for domain: DNSName) -> [DNSServer] {
        var out: [DNSServer] = []
        let specific = dnsServersFor.filter { domain.isWithin($0.key) }
            .sorted { $0.key.value.count > $1.key.value.count }
        out += specific.map(\.value)
        out += dnsServers
        if out.isEmpty { out = [.system] }
        var seen = Set<DNSServer>()
        return out.filter { seen.insert($0).inserted }
    }
}

/// What discovery reports while it runs; the CLI decides what reaches stderr.
public enum DiscoveryEvent: Sendable {
    /// Work on a domain started.
    case domainStarted(DNSName, depth: Int)
    /// A domain finished, with its status and a one-line summary.
    case domainFinished(DNSName, DomainStatus, summary: String)
    /// A diagnostic was recorded.
    case diagnostic(Diagnostic)
}
