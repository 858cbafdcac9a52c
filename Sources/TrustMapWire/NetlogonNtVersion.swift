public import TrustMapModel

/// The `NtVer` bits of an LDAP ping request and of the reply's NtVersion (MS-ADTS 6.3.1.1).
public struct NetlogonNtVersion: NamedFlags {
    /// The bits.
    public let rawValue: UInt32
    /// Creates a value from its bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// NETLOGON_NT_VERSION_1: a Windows NT 4.0 style reply.
    public static let v1 = NetlogonNtVersion(rawValue: 0x1)
    /// NETLOGON_NT_VERSION_5: a NETLOGON_SAM_LOGON_RESPONSE (opcode 19) reply.
    public static let v5 = NetlogonNtVersion(rawValue: 0x2)
    /// NETLOGON_NT_VERSION_5EX: a NETLOGON_SAM_LOGON_RESPONSE_EX (opcode 23) reply.
    public static let v5ex = NetlogonNtVersion(rawValue: 0x4)
    /// NETLOGON_NT_VERSION_5EX_WITH_IP: the reply carries DcSockAddr.
    public static let v5ep = NetlogonNtVersion(rawValue: 0x8)
    /// NETLOGON_NT_VERSION_WITH_CLOSEST_SITE: the reply carries NextClosestSiteName.
    public static let vcs = NetlogonNtVersion(rawValue: 0x10)
    /// NETLOGON_NT_VERSION_AVOID_NT4EMUL: do not answer as an NT 4.0 emulator.
    public static let vnt4 = NetlogonNtVersion(rawValue: 0x0100_0000)
    /// NETLOGON_NT_VERSION_PDC: the request came through a PDC query.
    public static let vpdc = NetlogonNtVersion(rawValue: 0x1000_0000)
    /// NETLOGON_NT_VERSION_IP: the request came through an IP-based query.
    public static let vip = NetlogonNtVersion(rawValue: 0x2000_0000)
    /// NETLOGON_NT_VERSION_LOCAL: the reply is from the local machine.
    public static let vl = NetlogonNtVersion(rawValue: 0x4000_0000)
    /// NETLOGON_NT_VERSION_GC: the request came through a global catalog query.
    public static let vgc = NetlogonNtVersion(rawValue: 0x8000_0000)

    /// What a DC locator sends by default: V5 and V5EX.
    public static let locatorDefault: NetlogonNtVersion = [.v5, .v5ex]

    /// Every known bit with its MS-ADTS short name, in bit order.
    public static let names: [(NetlogonNtVersion, String)] = [
        (.v1, "V1"), (.v5, "V5"), (.v5ex, "V5EX"), (.v5ep, "V5EP"), (.vcs, "VCS"), (.vnt4, "VNT4"),
        (.vpdc, "VPDC"), (.vip, "VIP"), (.vl, "VL"), (.vgc, "VGC"),
    ]
}
