/// An authentication protocol a Windows authentication record may enable, most secure first.
public enum AuthProtocol: String, Sendable, Codable, CaseIterable, Comparable {
    /// Kerberos with AES-128/256.
    case kerberosAES = "kerberos-aes"
    /// Kerberos with RC4.
    case kerberosRC4 = "kerberos-rc4"
    /// NTLMv2.
    case ntlmv2
    /// NTLMv1 (off by default).
    case ntlmv1

    /// True for the Kerberos protocols.
    public var isKerberos: Bool { self == .kerberosAES || self == .kerberosRC4 }

    public static func < (a: AuthProtocol, b: AuthProtocol) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The kind of a Windows authentication record (windows-auth-records.md, "Record kinds").
public enum RecordKind: String, Sendable, Codable, CaseIterable {
    /// A local account on each listed IP.
    case local
    /// A NetBIOS domain account for the listed IPs.
    case netbiosUserSelected = "netbios-user-selected"
    /// A NetBIOS domain account for every host registered in the domain.
    case netbiosServiceSelected = "netbios-service-selected"
    /// An Active Directory account for the hosts of a DNS domain (and, with follow trusts, trusting domains).
    case activeDirectory = "active-directory"

    /// True for the two NetBIOS kinds.
    public var isNetBIOS: Bool { self == .netbiosUserSelected || self == .netbiosServiceSelected }
}

/// SMB settings of a record.
public struct SMBOptions: Hashable, Sendable, Codable {
    /// SMB signing required (off by default).
    public var signingRequired: Bool
    /// The minimum SMB dialect, such as "2.0" or "3.1.1".
    public var minimumVersion: String?

    /// Creates SMB options.
    public init(signingRequired: Bool = false, minimumVersion: String? = nil) {
        self.signingRequired = signingRequired
        self.minimumVersion = minimumVersion
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        signingRequired = try c.decodeIfPresent(Bool.self, forKey: .signingRequired) ?? false
        minimumVersion = try c.decodeIfPresent(String.self, forKey: .minimumVersion)
    }
}

/// Where the scanner gets the password at scan time. The password itself is never in a records file.
public struct PasswordSource: Hashable, Sendable, Codable {
    /// How the password is supplied.
    public enum Kind: String, Sendable, Codable {
        /// Typed into the scanner (not stored here).
        case typed
        /// Fetched from a password vault at scan time.
        case vault
    }

    /// How the password is supplied.
    public var kind: Kind
    /// The vault reference (a path or identifier in the vault), for `vault`.
    public var reference: String?

    /// Creates a password source.
    public init(kind: Kind, reference: String? = nil) {
        self.kind = kind
        self.reference = reference
    }
}

/// A record's user name: `USER`, `DOMAIN\USER` or `USER@dns.domain`.
public struct RecordUserName: Hashable, Sendable {
    /// The account name.
    public var account: String
    /// The NetBIOS domain of `DOMAIN\USER`.
    public var netbiosDomain: String?
    /// The DNS domain of `USER@domain`.
    public var dnsDomain: String?

    /// Splits a user name into its parts.
    public init(_ text: String) {
        if let bs = text.firstIndex(of: "\\") {
            netbiosDomain = String(text[..<bs])
            account = String(text[text.index(after: bs)...])
            dnsDomain = nil
        } else if let at = text.lastIndex(of: "@") {
            account = String(text[..<at])
            dnsDomain = String(text[text.index(after: at)...])
            netbiosDomain = nil
        } else {
            account = text
            netbiosDomain = nil
            dnsDomain = nil
        }
    }
}

/// One Windows authentication record (docs/records.md). It never holds a password.
public struct AuthenticationRecord: Hashable, Sendable, Codable {
    /// The record's unique title.
    public var title: String
    /// The kind.
    public var kind: RecordKind
    /// The domain: a NetBIOS name for NetBIOS records, a DNS name for Active Directory records, none for Local.
    public var domain: String?
    /// `USER`, `DOMAIN\USER` (NetBIOS) or `USER@userdomain` (Active Directory).
    public var userName: String
    /// True when the account is an administrator (such records are matched first).
    public var administrator: Bool
    /// Follow trust relationships (Active Directory records only).
    public var followTrusts: Bool
    /// The protocols enabled; nil means the default (Kerberos AES, Kerberos RC4, NTLMv2; NTLMv2 for Local).
    public var protocols: [AuthProtocol]?
    /// IP addresses, CIDR networks and `first-last` ranges (Local and NetBIOS user-selected records).
    public var ips: [String]
    /// SMB options.
    public var smb: SMBOptions
    /// Where the password comes from; never the password.
    public var passwordSource: PasswordSource?

    /// Creates a record.
    public init(
        title: String, kind: RecordKind, domain: String? = nil, userName: String, administrator: Bool = false,
        followTrusts: Bool = false, protocols: [AuthProtocol]? = nil, ips: [String] = [],
        smb: SMBOptions = SMBOptions(), passwordSource: PasswordSource? = nil
    ) {
        self.title = title
        self.kind = kind
        self.domain = domain
        self.userName = userName
        self.administrator = administrator
        self.followTrusts = followTrusts
        self.protocols = protocols
        self.ips = ips
        self.smb = smb
        self.passwordSource = passwordSource
    }

    /// The protocols the record enables, most secure first.
    public var enabledProtocols: [AuthProtocol] {
        if let p = protocols { return Array(Set(p)).sorted() }
        return kind == .local ? [.ntlmv2] : [.kerberosAES, .kerberosRC4, .ntlmv2]
    }

    /// The parsed user name.
    public var user: RecordUserName { RecordUserName(userName) }

    /// Fields a record may never have: a password is never stored, only a vault reference.
    public static let forbiddenFields: Set<String> = ["password", "passwd", "secret", "pwd"]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case title, kind, domain, userName, administrator, followTrusts, protocols, ips, smb, passwordSource
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        for key in any.allKeys where !known.contains(key.stringValue) {
            let why =
                Self.forbiddenFields.contains(key.stringValue.lowercased())
                ? "a password is never stored in a records file: use passwordSource {\"kind\": \"vault\"}"
                : "unknown field"
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath + [key], debugDescription: why))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        kind = try c.decode(RecordKind.self, forKey: .kind)
        domain = try c.decodeIfPresent(String.self, forKey: .domain)
        userName = try c.decode(String.self, forKey: .userName)
        administrator = try c.decodeIfPresent(Bool.self, forKey: .administrator) ?? false
        followTrusts = try c.decodeIfPresent(Bool.self, forKey: .followTrusts) ?? false
        protocols = try c.decodeIfPresent([AuthProtocol].self, forKey: .protocols)
        ips = try c.decodeIfPresent([String].self, forKey: .ips) ?? []
        smb = try c.decodeIfPresent(SMBOptions.self, forKey: .smb) ?? SMBOptions()
        passwordSource = try c.decodeIfPresent(PasswordSource.self, forKey: .passwordSource)
    }
}
