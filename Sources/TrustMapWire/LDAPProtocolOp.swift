/// The LDAP (RFC 4511) identifiers that an LDAP ping uses.
public enum LDAPProtocolOp {
    /// `SearchRequest ::= [APPLICATION 3] SEQUENCE`.
    public static let searchRequest = BERTag.application(3)
    /// `SearchResultEntry ::= [APPLICATION 4] SEQUENCE`.
    public static let searchResultEntry = BERTag.application(4)
    /// `SearchResultDone ::= [APPLICATION 5] LDAPResult`.
    public static let searchResultDone = BERTag.application(5)
    /// `Filter.and [0] SET OF Filter`.
    public static let filterAnd = BERTag.contextSpecific(0, constructed: true)
    /// `Filter.equalityMatch [3] AttributeValueAssertion`.
    public static let filterEqualityMatch = BERTag.contextSpecific(3, constructed: true)
    /// `LDAPMessage.controls [0] Controls`.
    public static let controls = BERTag.contextSpecific(0, constructed: true)
    /// `LDAPResult.referral [3] Referral`.
    public static let referral = BERTag.contextSpecific(3, constructed: true)
}
