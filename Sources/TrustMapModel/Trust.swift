/// The kind of a trust, derived from its type and attributes.
public enum TrustKind: String, Sendable, Codable, CaseIterable {
    case parentChild = "parent-child"
    case treeRoot = "tree-root"
    case shortcut
    case forest
    case external
    case realm
    /// A downlevel (NT4) or otherwise unclassified trust.
    case other
}

/// One trustedDomain object (MS-ADTS 6.1.6.7): a trust as the holding domain records it.
///
/// The same trust normally has an object on each side; `TrustReconciliation` in the analysis
/// layer pairs them.
public struct Trust: Hashable, Sendable, Codable {
    /// The domain whose `CN=System` container holds the object.
    public var domain: DNSName
    /// `trustPartner`, as written (DNS name for AD partners, NetBIOS for NT domains, realm for MIT).
    public var partner: String
    /// `flatName`: the partner's NetBIOS name.
    public var flatName: NetBIOSName?
    /// `securityIdentifier`: the partner's domain SID.
    public var sid: SID?
    /// `trustDirection`, from the holding domain's side.
    public var direction: TrustDirection
    /// `trustType`.
    public var type: TrustType
    /// `trustAttributes`, unknown bits kept.
    public var attributes: TrustAttributes
    /// `msDS-SupportedEncryptionTypes`; nil when absent.
    public var encryptionTypes: EncryptionTypes?
    /// `whenCreated` as the directory wrote it (generalized time).
    public var whenCreated: String?
    /// `whenChanged` as the directory wrote it.
    public var whenChanged: String?
    /// The partner's parent/child relation to the holding domain when both are in one forest and
    /// the crossRefs say so; set by discovery.
    public var intraForestRelation: TrustKind?

    /// Creates a trust record.
    public init(
        domain: DNSName, partner: String, flatName: NetBIOSName? = nil, sid: SID? = nil,
        direction: TrustDirection, type: TrustType, attributes: TrustAttributes,
        encryptionTypes: EncryptionTypes? = nil, whenCreated: String? = nil, whenChanged: String? = nil,
        intraForestRelation: TrustKind? = nil
    ) {
        self.domain = domain
        self.partner = partner
        self.flatName = flatName
        self.sid = sid
        self.direction = direction
        self.type = type
        self.attributes = attributes
        self.encryptionTypes = encryptionTypes
        self.whenCreated = whenCreated
        self.whenChanged = whenChanged
        self.intraForestRelation = intraForestRelation
    }

    /// The partner as a DNS name when `trustPartner` is one (uplevel and MIT trusts).
    public var partnerDNSName: DNSName? {
        partner.contains(".") ? try? DNSName(parsing: partner) : nil
    }

    /// The kind: realm for MIT, forest for FOREST_TRANSITIVE, parent-child/tree-root/shortcut for
    /// WITHIN_FOREST (the relation discovery found, shortcut otherwise), external for the rest.
    public var kind: TrustKind {
        if type == .mit { return .realm }
        if attributes.contains(.forestTransitive) { return .forest }
        if attributes.contains(.withinForest) {
            if let r = intraForestRelation { return r }
            if attributes.contains(.treeRoot) { return .treeRoot }
            if attributes.contains(.treeParent) { return .parentChild }
            return .shortcut
        }
        if type == .uplevel || type == .downlevel { return .external }
        return .other
    }

    /// Transitive: parent-child, tree-root, shortcut and forest trusts are, unless
    /// NON_TRANSITIVE is set; external trusts never are; realm trusts only without NON_TRANSITIVE.
    public var isTransitive: Bool {
        if attributes.contains(.nonTransitive) { return false }
        switch kind {
        case .external, .other: return false
        case .realm: return true
        default: return true
        }
    }

    /// SID filtering: on for QUARANTINED_DOMAIN; on for forest trusts (forest-wide filtering)
    /// unless TREAT_AS_EXTERNAL relaxes it; on for external trusts created by modern Windows
    /// (quarantine is the default there, but only the bit proves it); off within a forest.
    public var sidFiltering: SIDFiltering {
        if attributes.contains(.quarantinedDomain) { return .quarantined }
        switch kind {
        case .forest: return attributes.contains(.treatAsExternal) ? .relaxed : .forestWide
        case .parentChild, .treeRoot, .shortcut: return .none
        default: return .notFlagged
        }
    }

    /// Selective authentication (CROSS_ORGANIZATION).
    public var selectiveAuthentication: Bool { attributes.contains(.crossOrganization) }

    /// Whether TGTs may be delegated across the trust: explicitly enabled, explicitly disabled,
    /// or the default (disabled for forest trusts since the 2019 updates).
    public var tgtDelegation: TGTDelegation {
        if attributes.contains(.crossOrganizationEnableTGTDelegation) { return .enabled }
        if attributes.contains(.crossOrganizationNoTGTDelegation) { return .disabled }
        return .default
    }

    /// Which Kerberos keys the trust offers.
    public var kerberosKeys: TrustKeys {
        if let e = encryptionTypes, e.rawValue != 0 {
            if e.hasAES { return e.contains(.rc4HMAC) ? .aesAndRC4 : .aesOnly }
            if e.contains(.rc4HMAC) { return .rc4Only }
            return .unknown
        }
        if attributes.contains(.usesAESKeys) { return .aesOnly }
        if attributes.contains(.usesRC4Encryption) { return .rc4Only }
        return .notSpecified
    }
}

/// How SID filtering applies to a trust.
public enum SIDFiltering: String, Sendable, Codable {
    /// QUARANTINED_DOMAIN: only the partner domain's own SIDs pass.
    case quarantined
    /// A forest trust: SIDs outside the partner forest are filtered.
    case forestWide = "forest-wide"
    /// A forest trust with TREAT_AS_EXTERNAL: SID history from the partner forest is allowed.
    case relaxed
    /// No SID filtering (within a forest).
    case none
    /// An external trust without QUARANTINED_DOMAIN: the attribute does not say it is on.
    case notFlagged = "not-flagged"

    /// True when some SID filtering applies.
    public var isOn: Bool { self == .quarantined || self == .forestWide || self == .relaxed }
}

/// TGT delegation across a trust.
public enum TGTDelegation: String, Sendable, Codable {
    case enabled, disabled
    case `default`
}

/// The Kerberos keys a trust offers.
public enum TrustKeys: String, Sendable, Codable {
    case aesOnly = "aes-only"
    case aesAndRC4 = "aes-and-rc4"
    case rc4Only = "rc4-only"
    /// No msDS-SupportedEncryptionTypes and no attribute bit: RC4 on older domains; Samba since
    /// the 2022 hardening no longer assumes RC4.
    case notSpecified = "not-specified"
    case unknown
}
