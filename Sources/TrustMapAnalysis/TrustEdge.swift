public import TrustMapModel

/// One direction of a trust: `trusting` trusts `trusted`, so users of `trusted` may authenticate in `trusting`.
///
/// The properties come from the trusting side's trustedDomain object when there is one (it is the side that
/// enforces selective authentication and SID filtering), else from the trusted side's object.
public struct TrustEdge: Hashable, Sendable, Codable {
    /// The domain whose resources are reached.
    public var trusting: DNSName
    /// The domain whose users are admitted.
    public var trusted: DNSName
    /// The kind (parent-child, tree-root, shortcut, forest, external, realm).
    public var kind: TrustKind
    /// True when the trust may be chained with others.
    public var isTransitive: Bool
    /// CROSS_ORGANIZATION: selective authentication.
    public var selectiveAuthentication: Bool
    /// SID filtering on this trust.
    public var sidFiltering: SIDFiltering
    /// The Kerberos keys the trust offers.
    public var keys: TrustKeys
    /// The domains whose objects give this edge, sorted.
    public var recordedBy: [DNSName]
    /// True when the trust has an object on one side only.
    public var oneSided: Bool
    /// True when the partner was written as a NetBIOS name (a downlevel trust): NetBIOS ports are needed.
    public var usesNetBIOSNames: Bool
}

/// A domain in the trust graph.
public struct TrustNode: Hashable, Sendable, Codable {
    /// The DNS name (a single label for an unmapped downlevel partner).
    public var dnsName: DNSName
    /// The NetBIOS name, when known.
    public var netbiosName: NetBIOSName?
    /// The forest root; the domain itself when its forest is not known.
    public var forest: DNSName
    /// True when the snapshot has the domain (not only a trust object naming it).
    public var inSnapshot: Bool
    /// How far discovery got, for domains of the snapshot.
    public var status: DomainStatus?
}
