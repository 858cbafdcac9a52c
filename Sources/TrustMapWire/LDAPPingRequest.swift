public import TrustMapModel

/// The CLDAP search request of an LDAP ping (MS-ADTS 6.3.3).
///
/// It is an LDAPv3 `LDAPMessage` carrying a `SearchRequest` for the rootDSE (base `""`, scope
/// base, no alias dereferencing, no limits) whose filter is an AND of equality matches on the
/// ping's parameters and which asks for the single attribute `Netlogon`. The RFC 1798 `user`
/// field is left out: Windows and Samba (`libcli/cldap`, which decodes with its LDAPv3
/// `ldap_decode`) expect and send the LDAPv3 form.
public struct LDAPPingRequest: Sendable, Hashable {
    /// The message ID that the reply echoes (1 ... 2^31-1).
    public var messageID: Int32
    /// `DnsDomain`: the DNS name of the domain asked about; nil lets the DC answer for its own.
    public var dnsDomain: String?
    /// `Host`: the NetBIOS name of the asking client.
    public var host: String?
    /// `User`: an account name whose existence the DC reports (opcode 23 known, 25 unknown).
    public var user: String?
    /// `AAC`: userAccountControl bits the `User` account must have (4 bytes little-endian); Samba
    /// reports a user as unknown (opcode 25) unless one of the asked bits matches, e.g.
    /// 0x10 (ADS_UF_NORMAL_ACCOUNT).
    public var accountControl: UInt32?
    /// `DomainSid`: the domain's SID, sent in binary form.
    public var domainSID: SID?
    /// `DomainGuid`: the domain's GUID, 16 wire bytes (see ``MixedEndianGUID``).
    public var domainGUID: [UInt8]?
    /// `NtVer`: which reply formats and optional fields the client understands.
    public var ntVersion: NetlogonNtVersion

    /// Creates a request.
    public init(
        messageID: Int32, dnsDomain: String? = nil, host: String? = nil, user: String? = nil,
        accountControl: UInt32? = nil, domainSID: SID? = nil, domainGUID: [UInt8]? = nil,
        ntVersion: NetlogonNtVersion = .locatorDefault
    ) {
        self.messageID = messageID
        self.dnsDomain = dnsDomain
        self.host = host
        self.user = user
        self.accountControl = accountControl
        self.domainSID = domainSID
        self.domainGUID = domainGUID
        self.ntVersion = ntVersion
    }

    /// The filter's equality matches, in the order they are sent.
    public var filterTerms: [(attribute: String, value: [UInt8])] {
        var terms: [(String, [UInt8])] = []
        if let dnsDomain { terms.append(("DnsDomain", Array(dnsDomain.utf8))) }
        if let host { terms.append(("Host", Array(host.utf8))) }
        if let user { terms.append(("User", Array(user.utf8))) }
        if let accountControl { terms.append(("AAC", withUnsafeBytes(of: accountControl.littleEndian, Array.init))) }
        if let domainSID { terms.append(("DomainSid", domainSID.binary)) }
        if let domainGUID { terms.append(("DomainGuid", domainGUID)) }
        terms.append(("NtVer", withUnsafeBytes(of: ntVersion.rawValue.littleEndian, Array.init)))
        return terms
    }

    /// The datagram to send.
    public func encoded() -> [UInt8] {
        var writer = BERWriter()
        writer.writeConstructed(.sequence) { message in
            message.writeInteger(Int64(messageID))
            message.writeConstructed(LDAPProtocolOp.searchRequest) { search in
                search.writeOctetString("")  // baseObject: the rootDSE
                search.writeEnumerated(0)  // scope: baseObject
                search.writeEnumerated(0)  // derefAliases: neverDerefAliases
                search.writeInteger(0)  // sizeLimit
                search.writeInteger(0)  // timeLimit
                search.writeBoolean(false)  // typesOnly
                search.writeConstructed(LDAPProtocolOp.filterAnd) { and in
                    for term in filterTerms {
                        and.writeConstructed(LDAPProtocolOp.filterEqualityMatch) { match in
                            match.writeOctetString(term.attribute)
                            match.writeOctetString(term.value)
                        }
                    }
                }
                search.writeConstructed(.sequence) { attributes in
                    attributes.writeOctetString("Netlogon")
                }
            }
        }
        return writer.bytes
    }
}
