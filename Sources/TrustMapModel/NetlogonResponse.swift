/// A parsed NETLOGON_SAM_LOGON_RESPONSE_EX (MS-ADTS 6.3.1.9): the LDAP ping reply.
public struct NetlogonResponse: Hashable, Sendable, Codable {
    /// The opcode (23 for a response, 25 for "user unknown").
    public var opcode: UInt16
    /// The DS flags.
    public var flags: DSFlags
    /// The domain GUID in its canonical string form.
    public var domainGUID: String
    public var dnsForestName: String
    public var dnsDomainName: String
    public var dnsHostName: String
    public var netbiosDomainName: String
    public var netbiosComputerName: String
    public var userName: String
    public var dcSiteName: String
    public var clientSiteName: String
    /// The DC's address when NtVer asked for V5EP.
    public var dcSocketAddress: String?
    /// The next closest site when NtVer asked for VCS.
    public var nextClosestSiteName: String?
    /// NtVersion of the reply.
    public var ntVersion: UInt32

    /// Creates a reply value.
    public init(
        opcode: UInt16, flags: DSFlags, domainGUID: String, dnsForestName: String, dnsDomainName: String,
        dnsHostName: String, netbiosDomainName: String, netbiosComputerName: String, userName: String,
        dcSiteName: String, clientSiteName: String, dcSocketAddress: String? = nil,
        nextClosestSiteName: String? = nil, ntVersion: UInt32
    ) {
        self.opcode = opcode
        self.flags = flags
        self.domainGUID = domainGUID
        self.dnsForestName = dnsForestName
        self.dnsDomainName = dnsDomainName
        self.dnsHostName = dnsHostName
        self.netbiosDomainName = netbiosDomainName
        self.netbiosComputerName = netbiosComputerName
        self.userName = userName
        self.dcSiteName = dcSiteName
        self.clientSiteName = clientSiteName
        self.dcSocketAddress = dcSocketAddress
        self.nextClosestSiteName = nextClosestSiteName
        self.ntVersion = ntVersion
    }
}
