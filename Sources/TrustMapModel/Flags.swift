/// A bit set whose known bits have names; unknown bits are kept and reported, never dropped.
public protocol NamedFlags: OptionSet, Sendable, Hashable, Codable where RawValue == UInt32, Element == Self {
    /// Every known bit with its name, in bit order.
    static var names: [(Self, String)] { get }
}

extension NamedFlags {
    /// The names of the known bits that are set, in bit order.
    public var setNames: [String] { Self.names.filter { contains($0.0) }.map(\.1) }

    /// The bits that are set but have no known name.
    public var unknownBits: UInt32 {
        Self.names.reduce(rawValue) { $0 & ~$1.0.rawValue }
    }

    /// The set names, followed by `0x...` for any unknown bits.
    public var decoded: [String] {
        var out = setNames
        if unknownBits != 0 { out.append("0x" + String(unknownBits, radix: 16)) }
        return out
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(UInt32.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// `trustAttributes` of a trustedDomain object (MS-ADTS 6.1.6.7.9; names from `ntsecapi.h`).
public struct TrustAttributes: NamedFlags {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The trust is not transitive.
    public static let nonTransitive = TrustAttributes(rawValue: 0x1)
    /// Only Windows 2000 and later clients may use the trust.
    public static let uplevelOnly = TrustAttributes(rawValue: 0x2)
    /// SID filtering is on (quarantined domain).
    public static let quarantinedDomain = TrustAttributes(rawValue: 0x4)
    /// A forest trust.
    public static let forestTransitive = TrustAttributes(rawValue: 0x8)
    /// Selective authentication.
    public static let crossOrganization = TrustAttributes(rawValue: 0x10)
    /// A trust within the forest (parent-child, tree-root, shortcut).
    public static let withinForest = TrustAttributes(rawValue: 0x20)
    /// A forest trust treated as external (SID history filtering relaxed).
    public static let treatAsExternal = TrustAttributes(rawValue: 0x40)
    /// An MIT realm trust using RC4.
    public static let usesRC4Encryption = TrustAttributes(rawValue: 0x80)
    /// The trust uses AES keys.
    public static let usesAESKeys = TrustAttributes(rawValue: 0x100)
    /// TGT delegation across the trust is disabled.
    public static let crossOrganizationNoTGTDelegation = TrustAttributes(rawValue: 0x200)
    /// A privileged identity management trust.
    public static let pimTrust = TrustAttributes(rawValue: 0x400)
    /// TGT delegation across the trust is enabled.
    public static let crossOrganizationEnableTGTDelegation = TrustAttributes(rawValue: 0x800)
    /// NTLM pass-through target validation is disabled.
    public static let disableAuthTargetValidation = TrustAttributes(rawValue: 0x1000)
    /// Obsolete: tree parent.
    public static let treeParent = TrustAttributes(rawValue: 0x40_0000)
    /// Obsolete: tree root.
    public static let treeRoot = TrustAttributes(rawValue: 0x80_0000)

    public static let names: [(TrustAttributes, String)] = [
        (.nonTransitive, "NON_TRANSITIVE"), (.uplevelOnly, "UPLEVEL_ONLY"),
        (.quarantinedDomain, "QUARANTINED_DOMAIN"), (.forestTransitive, "FOREST_TRANSITIVE"),
        (.crossOrganization, "CROSS_ORGANIZATION"), (.withinForest, "WITHIN_FOREST"),
        (.treatAsExternal, "TREAT_AS_EXTERNAL"), (.usesRC4Encryption, "USES_RC4_ENCRYPTION"),
        (.usesAESKeys, "TRUST_USES_AES_KEYS"),
        (.crossOrganizationNoTGTDelegation, "CROSS_ORGANIZATION_NO_TGT_DELEGATION"),
        (.pimTrust, "PIM_TRUST"),
        (.crossOrganizationEnableTGTDelegation, "CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION"),
        (.disableAuthTargetValidation, "DISABLE_AUTH_TARGET_VALIDATION"),
        (.treeParent, "TREE_PARENT"), (.treeRoot, "TREE_ROOT"),
    ]
}

/// `msDS-SupportedEncryptionTypes` (MS-KILE 2.2.7).
public struct EncryptionTypes: NamedFlags {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let desCBCCRC = EncryptionTypes(rawValue: 0x1)
    public static let desCBCMD5 = EncryptionTypes(rawValue: 0x2)
    public static let rc4HMAC = EncryptionTypes(rawValue: 0x4)
    public static let aes128 = EncryptionTypes(rawValue: 0x8)
    public static let aes256 = EncryptionTypes(rawValue: 0x10)
    public static let aes256SK = EncryptionTypes(rawValue: 0x20)
    public static let fast = EncryptionTypes(rawValue: 0x1_0000)
    public static let compoundIdentity = EncryptionTypes(rawValue: 0x2_0000)
    public static let claims = EncryptionTypes(rawValue: 0x4_0000)
    public static let resourceSIDCompressionDisabled = EncryptionTypes(rawValue: 0x8_0000)

    /// True when an AES enctype is present.
    public var hasAES: Bool { !isDisjoint(with: [.aes128, .aes256, .aes256SK]) }

    public static let names: [(EncryptionTypes, String)] = [
        (.desCBCCRC, "DES-CBC-CRC"), (.desCBCMD5, "DES-CBC-MD5"), (.rc4HMAC, "RC4-HMAC"),
        (.aes128, "AES128-CTS-HMAC-SHA1-96"), (.aes256, "AES256-CTS-HMAC-SHA1-96"),
        (.aes256SK, "AES256-SK"), (.fast, "FAST"), (.compoundIdentity, "COMPOUND_IDENTITY"),
        (.claims, "CLAIMS"), (.resourceSIDCompressionDisabled, "RESOURCE_SID_COMPRESSION_DISABLED"),
    ]
}

/// The DS flags of an LDAP ping reply (MS-ADTS 6.3.1.2).
public struct DSFlags: NamedFlags {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let pdc = DSFlags(rawValue: 0x1)
    public static let gc = DSFlags(rawValue: 0x4)
    public static let ldap = DSFlags(rawValue: 0x8)
    public static let ds = DSFlags(rawValue: 0x10)
    public static let kdc = DSFlags(rawValue: 0x20)
    public static let timeserv = DSFlags(rawValue: 0x40)
    public static let closest = DSFlags(rawValue: 0x80)
    public static let writable = DSFlags(rawValue: 0x100)
    public static let goodTimeserv = DSFlags(rawValue: 0x200)
    public static let ndnc = DSFlags(rawValue: 0x400)
    public static let selectSecretDomain6 = DSFlags(rawValue: 0x800)
    public static let fullSecretDomain6 = DSFlags(rawValue: 0x1000)
    public static let ws = DSFlags(rawValue: 0x2000)
    public static let ds8 = DSFlags(rawValue: 0x4000)
    public static let ds9 = DSFlags(rawValue: 0x8000)
    public static let ds10 = DSFlags(rawValue: 0x1_0000)
    public static let dnsController = DSFlags(rawValue: 0x2000_0000)
    public static let dnsDomain = DSFlags(rawValue: 0x4000_0000)
    public static let dnsForest = DSFlags(rawValue: 0x8000_0000)

    public static let names: [(DSFlags, String)] = [
        (.pdc, "PDC"), (.gc, "GC"), (.ldap, "LDAP"), (.ds, "DS"), (.kdc, "KDC"), (.timeserv, "TIMESERV"),
        (.closest, "CLOSEST"), (.writable, "WRITABLE"), (.goodTimeserv, "GOOD_TIMESERV"), (.ndnc, "NDNC"),
        (.selectSecretDomain6, "SELECT_SECRET_DOMAIN_6"), (.fullSecretDomain6, "FULL_SECRET_DOMAIN_6"),
        (.ws, "WS"), (.ds8, "DS_8"), (.ds9, "DS_9"), (.ds10, "DS_10"), (.dnsController, "DNS_CONTROLLER"),
        (.dnsDomain, "DNS_DOMAIN"), (.dnsForest, "DNS_FOREST"),
    ]
}
