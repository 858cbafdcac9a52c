/// A named rule the analysis applies; every answer cites the rules it used by their ids, so that a planner can look
/// the rule up in docs/records.md and the reference texts.
///
/// The raw value is the stable id printed by the commands (`netbios-mapped`, `manual-trust-netbios`, ...).
public enum Rule: String, Sendable, Codable, CaseIterable, Comparable {
    // Eligibility (windows-auth-records.md, "When Kerberos can be used").
    case localNTLMOnly = "local-ntlm-only"
    case netbiosMapped = "netbios-mapped"
    case netbiosUnmapped = "netbios-unmapped"
    case netbiosCollision = "netbios-collision"
    case manualTrustNetBIOS = "manual-trust-netbios"
    case adKerberosFirst = "ad-kerberos-first"
    case adManualTrust = "ad-manual-trust"
    case adFollowTrusts = "ad-follow-trusts"
    case protocolsRecordEnabled = "protocols-record-enabled"
    case aesNeedsFunctionalLevel2008 = "aes-needs-dfl-2008"
    case trustKeysRC4Only = "trust-keys-rc4-only"
    case trustKeysAESOnly = "trust-keys-aes-only"

    // Referral paths (ad-protocol-facts.md, "Transitivity").
    case sameRealm = "same-realm"
    case withinForestTransitive = "within-forest-transitive"
    case externalSingleHop = "external-single-hop"
    case forestTrustTwoForests = "forest-trust-two-forests"
    case unknownDomain = "unknown-domain"
    case noTrust = "no-trust"
    case oneWayWrongWay = "one-way-wrong-way"
    case nonTransitiveSecondHop = "non-transitive-second-hop"
    case forestNotExtended = "forest-not-extended"
    case selectiveAuthentication = "selective-authentication"
    case sidFilteringQuarantined = "sid-filtering-quarantined"
    case oneSidedTrust = "one-sided-trust"

    // Trust reconciliation.
    case bothSidesAgree = "both-sides-agree"
    case directionMismatch = "direction-mismatch"
    case typeMismatch = "type-mismatch"
    case otherSideNotRead = "other-side-not-read"

    // Names.
    case nameCollision = "name-collision"
    case unmappedName = "unmapped-name"
    case noNetBIOSName = "no-netbios-name"

    // Membership evidence.
    case computerAccount = "computer-account"
    case domainControllerAccount = "dc-account"
    case domainControllerAddress = "dc-address"
    case dnsSuffix = "dns-suffix"
    case subnetSite = "subnet-site"
    case notFound = "not-found"

    // Record matching (windows-auth-records.md, "Which record a host matches").
    case administratorFirst = "administrator-first"
    case matchServiceSelected = "match-service-selected"
    case matchUserSelected = "match-user-selected"
    case matchLocal = "match-local"
    case matchActiveDirectory = "match-active-directory"
    case matchFollowTrusts = "match-follow-trusts"
    case localFallback = "local-fallback"
    case noRecord = "no-record"

    // Follow-trust plans.
    case relatedByTrust = "related-by-trust"
    case admitsUsers = "admits-users"
    case tooManyDomains = "too-many-domains"
    case tooManySites = "too-many-sites"
    case onlyThroughForestTrust = "only-through-forest-trust"
    case domainControllerUnreachable = "dc-unreachable"
    case domainNotRead = "domain-not-read"
    case netbiosTrustPorts = "netbios-trust-ports"

    /// One sentence stating the rule.
    public var summary: String {
        switch self {
        case .localNTLMOnly: "Local records use only NTLMv2 and NTLMv1."
        case .netbiosMapped: "A NetBIOS record is upgraded to Kerberos when its domain maps to one DNS name."
        case .netbiosUnmapped: "A NetBIOS record whose domain does not map to a DNS name uses NTLM."
        case .netbiosCollision: "A NetBIOS name claimed by two domains does not map: the record uses NTLM."
        case .manualTrustNetBIOS:
            "A NetBIOS record with DOMAIN\\USER from another domain (manual trust) cannot be upgraded to Kerberos."
        case .adKerberosFirst: "Active Directory records always try Kerberos first."
        case .adManualTrust: "USER@userdomain in an Active Directory record: Kerberos first, across the trust path."
        case .adFollowTrusts: "Follow trusts: Kerberos first; the scanner needs every DC of every related domain."
        case .protocolsRecordEnabled: "Only the protocols the record enables are tried, most secure first."
        case .aesNeedsFunctionalLevel2008: "Kerberos AES needs domain functional level 2008 (3) or later."
        case .trustKeysRC4Only: "A trust offering only RC4 keys removes Kerberos AES across it."
        case .trustKeysAESOnly: "A trust offering only AES keys removes Kerberos RC4 across it."
        case .sameRealm: "User and target are in the same domain: no referral."
        case .withinForestTransitive: "Parent-child, tree-root and shortcut trusts are transitive within a forest."
        case .externalSingleHop: "An external (non-transitive) trust admits only the partner's own users, one hop."
        case .forestTrustTwoForests: "A forest trust joins every domain of the two forests through their roots."
        case .unknownDomain: "The domain is not in the snapshot."
        case .noTrust: "No chain of trusts links the two domains."
        case .oneWayWrongWay: "Trusts link the domains, but only in the other direction."
        case .nonTransitiveSecondHop: "A non-transitive (external) trust would need a second hop."
        case .forestNotExtended: "A forest trust is never extended to a third forest."
        case .selectiveAuthentication: "Selective authentication on the way: users need 'Allowed to authenticate'."
        case .sidFilteringQuarantined: "SID filtering (quarantine) on the way: only the partner's own SIDs pass."
        case .oneSidedTrust: "Only one side of the trust has a trustedDomain object."
        case .bothSidesAgree: "Both trustedDomain objects of the trust agree."
        case .directionMismatch: "The two sides' trustDirection values are not each other's reverse."
        case .typeMismatch: "The two sides disagree on trustType or on the kind-defining trustAttributes."
        case .otherSideNotRead: "The partner domain was not read, so its side of the trust is unknown."
        case .nameCollision: "One NetBIOS name is claimed by two domains."
        case .unmappedName: "A NetBIOS name with no known DNS name."
        case .noNetBIOSName: "A domain with no known NetBIOS name."
        case .computerAccount: "The host has a computer account in the domain."
        case .domainControllerAccount: "The host is a domain controller of the domain."
        case .domainControllerAddress: "The address is a domain controller's."
        case .dnsSuffix: "The host name is below the domain's DNS name (weak evidence)."
        case .subnetSite: "The address is in a subnet of a site whose DCs serve the domain (weak evidence)."
        case .notFound: "Nothing in the snapshot places the host in a domain."
        case .administratorFirst: "Records with an administrator account are tried before all others."
        case .matchServiceSelected: "NetBIOS service-selected: the host is registered in the record's domain."
        case .matchUserSelected: "NetBIOS user-selected: the host's IP is listed in the record."
        case .matchLocal: "Local: the host's IP is listed in the record."
        case .matchActiveDirectory: "Active Directory: the host is in the record's domain."
        case .matchFollowTrusts: "Active Directory with follow trusts: the host's domain trusts the record's domain."
        case .localFallback: "After a failed service-selected record, a Local record listing the IP is the fallback."
        case .noRecord: "No record covers the host."
        case .relatedByTrust: "Linked to the domain by trusts, in any direction (what follow trusts walks)."
        case .admitsUsers: "Its trust path admits the domain's users (direction, transitivity, forest rules)."
        case .tooManyDomains: "More domains than a small or midsize network has: follow trusts is not meant for it."
        case .tooManySites: "More sites than a small or midsize network has: DCs are likely behind firewalls."
        case .onlyThroughForestTrust: "Reached only through a forest trust."
        case .domainControllerUnreachable: "A DC did not answer at discovery."
        case .domainNotRead: "The domain was not read: its DCs are not known."
        case .netbiosTrustPorts: "A trust created with NetBIOS names also uses 137/udp, 138/udp and 139/tcp."
        }
    }

    public static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }
}

/// A rule applied to one case, with the sentence saying how.
public struct Finding: Hashable, Sendable, Codable {
    /// The rule.
    public var rule: Rule
    /// What the rule found here, in words.
    public var message: String

    /// Creates a finding.
    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }
}
