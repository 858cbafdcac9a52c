/// How an LDAP connection is carried.
public enum LDAPTransport: String, Sendable, Hashable, CaseIterable {
    /// Cleartext LDAP (port 389); protect it with SASL GSSAPI integrity. Simple binds are refused.
    case plain
    /// LDAP over TLS from the first byte (port 636); the server certificate is verified.
    case ldaps
    /// Cleartext LDAP upgraded with the StartTLS extended operation; the certificate is verified.
    case startTLS

    /// The URI scheme: "ldap" or "ldaps".
    public var scheme: String { self == .ldaps ? "ldaps" : "ldap" }

    /// The default port: 636 for LDAPS, 389 otherwise.
    public var defaultPort: UInt16 { self == .ldaps ? 636 : 389 }

    /// True when the transport encrypts (LDAPS or StartTLS).
    public var isEncrypted: Bool { self != .plain }
}
