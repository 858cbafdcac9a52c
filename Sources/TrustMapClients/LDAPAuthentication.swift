/// How an LDAP connection authenticates.
public enum LDAPAuthentication: Sendable, CustomStringConvertible {
    /// No credentials (an anonymous bind): enough for the rootDSE.
    case anonymous
    /// SASL GSSAPI (Kerberos) with these credentials; nil uses the default credential cache.
    case gssapi(KerberosCredentials?)
    /// A simple bind with a user (DN, UPN or DOMAIN\\user) and password; only over LDAPS or StartTLS.
    case simple(user: String, password: Secret)

    /// The mechanism's name, for messages: "anonymous", "GSSAPI", "simple".
    public var mechanism: String {
        switch self {
        case .anonymous: "anonymous"
        case .gssapi: "GSSAPI"
        case .simple: "simple"
        }
    }

    /// The mechanism and identity, never the password: "simple (alice@corp.example.test)".
    public var description: String {
        switch self {
        case .anonymous: "anonymous"
        case .gssapi(let credentials): "GSSAPI (\(credentials?.principal ?? "default credential cache"))"
        case .simple(let user, _): "simple (\(user))"
        }
    }
}
