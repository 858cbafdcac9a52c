/// The scope of an LDAP search (RFC 4511 4.5.1.2).
public enum LDAPScope: Int32, Sendable, Hashable, CaseIterable {
    /// The base object only.
    case base = 0
    /// The immediate children of the base object.
    case oneLevel = 1
    /// The base object and its whole subtree.
    case subtree = 2
}
