/// An edge of a trust graph: one trust (both of its trustedDomain objects paired) or, with `--dcs`, a domain's
/// link to one of its domain controllers.
///
/// For a one-way trust, `source` is the trusted domain and `target` the trusting one: authentication flows from
/// source to target (users of the source sign in to resources of the target). A two-way or disabled trust has its
/// ends in id order.
public struct GraphEdge: Hashable, Sendable, Codable {
    /// What an edge stands for.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A trust between two domains.
        case trust
        /// A domain and one of its DCs.
        case domainController = "domain-controller"
    }

    /// Which way authentication flows over a trust.
    public enum Authentication: String, Hashable, Sendable, Codable {
        /// From `source` to `target` only.
        case oneWay = "one-way"
        /// Both ways.
        case twoWay = "two-way"
        /// Neither (the trust is disabled).
        case none
    }

    /// The id: `trust:<end>|<end>` (ends in id order, `#2`... for a further trust between the same ends) or
    /// `dc:<domain>|<host>`.
    public var id: String
    public var kind: Kind
    /// The node authentication flows from (or the first end in id order).
    public var source: String
    /// The node authentication flows to (or the second end in id order).
    public var target: String
    /// The text drawn on the edge, lines separated by `\n`; empty when there is nothing to say.
    public var label: String

    /// The trust kind (`forest`, `external`, `parent-child`, `tree-root`, `shortcut`, `realm`, `other`).
    public var trustKind: String?
    /// Which way authentication flows.
    public var authentication: Authentication?
    /// False when the trust is not transitive.
    public var transitive: Bool?
    /// SID filtering (`quarantined`, `forest-wide`, `relaxed`, `none`, `not-flagged`).
    public var sidFiltering: String?
    /// True for selective authentication.
    public var selectiveAuthentication: Bool?
    /// The Kerberos keys (`aes-only`, `aes-and-rc4`, `rc4-only`, `not-specified`, `unknown`).
    public var kerberosKeys: String?
    /// TGT delegation (`enabled`, `disabled`, `default`).
    public var tgtDelegation: String?
    /// True when only one of the two domains' trustedDomain objects was seen.
    public var oneSideOnly: Bool?
    /// What the two sides disagree on (`direction`, `kind`), empty when they agree.
    public var disagreements: [String]?
    /// The trustedDomain objects behind the edge, sorted by holder.
    public var sides: [TrustSide]?

    /// True when the plan needs both ends.
    public var inPlan: Bool

    /// Creates an edge with only the common fields set.
    public init(id: String, kind: Kind, source: String, target: String, label: String = "") {
        self.id = id
        self.kind = kind
        self.source = source
        self.target = target
        self.label = label
        self.inPlan = false
    }
}

/// One trustedDomain object as the graph shows it.
public struct TrustSide: Hashable, Sendable, Codable {
    /// The DNS name of the domain holding the object.
    public var holder: String
    /// `trustPartner` as written.
    public var partner: String
    /// `flatName`.
    public var flatName: String?
    /// The partner's SID.
    public var sid: String?
    /// `trustDirection` from the holder's side (`inbound`, `outbound`, `bidirectional`, `disabled`).
    public var direction: String
    /// `trustType` (`uplevel`, `downlevel`, `mit`...).
    public var type: String
    /// The trust kind this object alone implies.
    public var trustKind: String
    /// `trustAttributes`, numeric.
    public var attributes: UInt32
    /// `trustAttributes`, decoded (unknown bits as `0x...`).
    public var attributeNames: [String]
    /// `msDS-SupportedEncryptionTypes`, decoded, when present.
    public var encryptionTypes: [String]?
    /// `whenCreated`.
    public var whenCreated: String?
    /// `whenChanged`.
    public var whenChanged: String?

    /// Creates a side.
    public init(
        holder: String, partner: String, flatName: String? = nil, sid: String? = nil, direction: String,
        type: String, trustKind: String, attributes: UInt32, attributeNames: [String],
        encryptionTypes: [String]? = nil, whenCreated: String? = nil, whenChanged: String? = nil
    ) {
        self.holder = holder
        self.partner = partner
        self.flatName = flatName
        self.sid = sid
        self.direction = direction
        self.type = type
        self.trustKind = trustKind
        self.attributes = attributes
        self.attributeNames = attributeNames
        self.encryptionTypes = encryptionTypes
        self.whenCreated = whenCreated
        self.whenChanged = whenChanged
    }
}
