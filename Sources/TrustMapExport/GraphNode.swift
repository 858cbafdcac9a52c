/// A node of a trust graph: a domain (or realm) or, with `--dcs`, a domain controller.
///
/// Domain fields are nil on DC nodes and the other way round; docs/graph.md lists which is which.
public struct GraphNode: Hashable, Sendable, Codable {
    /// What a node stands for.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// An Active Directory domain, an NT domain or a Kerberos realm.
        case domain
        /// A domain controller.
        case domainController = "domain-controller"
    }

    /// The id: `domain:<dns name>`, `netbios:<NETBIOS>` (a partner known only by NetBIOS name) or `dc:<host>`.
    public var id: String
    public var kind: Kind
    /// The text drawn in the node, lines separated by `\n`.
    public var label: String
    /// The id of the innermost cluster the node is drawn in.
    public var cluster: String?

    /// The domain's DNS name (or the realm or partner name as the trust wrote it).
    public var dnsName: String?
    /// The domain's NetBIOS name.
    public var netbiosName: String?
    /// The domain SID.
    public var sid: String?
    /// The forest root of the domain's forest, when known.
    public var forest: String?
    /// True for a forest root domain.
    public var forestRoot: Bool?
    /// True for a tree root other than the forest root.
    public var treeRoot: Bool?
    /// True for a Kerberos realm known only through an MIT trust.
    public var realm: Bool?
    /// How far discovery got: `complete`, `partial`, `unreachable`, `not-followed`, or `not-in-snapshot`
    /// for a domain known only as a trust partner or a crossRef.
    public var status: String?
    /// Why the status is not complete.
    public var statusReason: String?
    /// The number of DCs the snapshot lists for the domain.
    public var domainControllerCount: Int?
    /// The number of the domain's DCs the plan needs.
    public var plannedDomainControllers: Int?
    /// The number of the domain's DCs the probe found unreachable.
    public var unreachableDomainControllers: Int?

    /// The DC's host name.
    public var hostName: String?
    /// The DNS name of the DC's domain.
    public var domain: String?
    /// The DC's site.
    public var site: String?
    /// The DC's roles (`pdc`, `gc`, `rodc`, `kdc`, `writable`, `dns`).
    public var roles: [String]?
    /// The DC's addresses.
    public var addresses: [String]?
    /// True when the DC answered during discovery.
    public var answered: Bool?

    /// True when the follow-trust plan needs this domain or DC.
    public var inPlan: Bool
    /// True when the probe found this domain or DC unreachable.
    public var unreachable: Bool

    /// Creates a node with only the common fields set.
    public init(id: String, kind: Kind, label: String = "", cluster: String? = nil) {
        self.id = id
        self.kind = kind
        self.label = label
        self.cluster = cluster
        self.inPlan = false
        self.unreachable = false
    }

    /// True when the node's domain was read (complete or partial).
    public var wasRead: Bool { status == "complete" || status == "partial" }
}
