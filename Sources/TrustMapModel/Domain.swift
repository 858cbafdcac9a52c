/// How far discovery got into a domain.
public enum DomainStatus: String, Sendable, Codable {
    /// Read over LDAP with credentials: objects, trusts, DCs.
    case complete
    /// Only anonymous data (rootDSE, LDAP ping) or part of the reads succeeded.
    case partial
    /// Known from another domain's data (trust object, crossRef) but not reached.
    case unreachable
    /// Known but deliberately not followed (depth, follow-trusts policy, non-transitive path).
    case notFollowed = "not-followed"
}

/// Where a NetBIOS-to-DNS mapping came from.
public enum NameSource: String, Sendable, Codable, CaseIterable, Comparable {
    case crossRef
    case trustObject
    case ldapPing
    case fixture

    public static func < (a: NameSource, b: NameSource) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One Active Directory domain (or a Kerberos realm reached by a trust).
public struct Domain: Hashable, Sendable, Codable {
    /// The DNS name.
    public var dnsName: DNSName
    /// The NetBIOS name, when known.
    public var netbiosName: NetBIOSName?
    /// Where the NetBIOS name mapping was learnt, sorted.
    public var nameSources: [NameSource]
    /// The domain SID, when known.
    public var sid: SID?
    /// The domain GUID, when known (LDAP ping).
    public var guid: String?
    /// The domain naming context DN.
    public var namingContext: String?
    /// The forest root domain's DNS name.
    public var forest: DNSName?
    /// The parent domain for a child domain (crossRef trustParent).
    public var parent: DNSName?
    /// True for a tree root other than the forest root (crossRef rootTrust).
    public var isTreeRoot: Bool
    /// domainFunctionality (msDS-Behavior-Version).
    public var functionalLevel: Int?
    /// Domain controllers, sorted by host name.
    public var domainControllers: [DomainController]
    /// Computer accounts (with `--computers`), sorted by name.
    public var computers: [Computer]
    /// How far discovery got.
    public var status: DomainStatus
    /// Why the status is not complete, in words.
    public var statusReason: String?
    /// The number of trust hops from the starting domain.
    public var depth: Int

    /// Creates a domain.
    public init(
        dnsName: DNSName, netbiosName: NetBIOSName? = nil, nameSources: [NameSource] = [], sid: SID? = nil,
        guid: String? = nil, namingContext: String? = nil, forest: DNSName? = nil, parent: DNSName? = nil,
        isTreeRoot: Bool = false, functionalLevel: Int? = nil, domainControllers: [DomainController] = [],
        computers: [Computer] = [], status: DomainStatus = .complete, statusReason: String? = nil, depth: Int = 0
    ) {
        self.dnsName = dnsName
        self.netbiosName = netbiosName
        self.nameSources = nameSources
        self.sid = sid
        self.guid = guid
        self.namingContext = namingContext
        self.forest = forest
        self.parent = parent
        self.isTreeRoot = isTreeRoot
        self.functionalLevel = functionalLevel
        self.domainControllers = domainControllers
        self.computers = computers
        self.status = status
        self.statusReason = statusReason
        self.depth = depth
    }
}

/// A computer account.
public struct Computer: Hashable, Sendable, Codable {
    /// sAMAccountName without the trailing `$`.
    public var name: NetBIOSName
    /// dNSHostName, when set.
    public var dnsHostName: DNSName?
    /// True for a domain controller account.
    public var isDomainController: Bool

    /// Creates a computer.
    public init(name: NetBIOSName, dnsHostName: DNSName? = nil, isDomainController: Bool = false) {
        self.name = name
        self.dnsHostName = dnsHostName
        self.isDomainController = isDomainController
    }
}
