public import TrustMapModel

extension NetlogonResponse {
    /// LOGON_SAM_LOGON_RESPONSE_EX: the DC serves the domain (and knows the user, if one was asked).
    public static let opcodeResponseEx: UInt16 = 23
    /// LOGON_SAM_LOGON_USER_UNKNOWN_EX: as 23, but the asked user does not exist; same layout.
    public static let opcodeUserUnknownEx: UInt16 = 25

    /// Decodes a NETLOGON_SAM_LOGON_RESPONSE_EX blob, the value of the `Netlogon` attribute
    /// (MS-ADTS 6.3.1.9).
    ///
    /// Layout: Opcode u16, Sbz u16, Flags u32, DomainGuid (16 bytes), eight compressed names
    /// (DnsForestName, DnsDomainName, DnsHostName, NetbiosDomainName, NetbiosComputerName,
    /// UserName, DcSiteName, ClientSiteName), DcSockAddrSize u8 + DcSockAddr when NtVersion has
    /// V5EP, NextClosestSiteName when NtVersion has VCS, then NtVersion u32, LmNtToken u16 and
    /// Lm20Token u16, all little-endian. Which optional fields are present is read from the
    /// reply's own NtVersion (the last 8 bytes), as Samba's decoder does: a DC sets those bits
    /// exactly when it includes the fields. Every byte must be used; offsets in errors count
    /// from the start of the blob.
    public init(netlogonBlob blob: [UInt8]) throws(WireError) {
        var reader = LittleEndianReader(blob)
        let opcode = try reader.uint16("Opcode")
        guard opcode == Self.opcodeResponseEx || opcode == Self.opcodeUserUnknownEx else {
            throw WireError(
                .unsupportedOpcode, at: 0,
                "opcode \(opcode) is not NETLOGON_SAM_LOGON_RESPONSE_EX (23) or its user-unknown form (25)")
        }
        _ = try reader.uint16("Sbz")
        let flags = DSFlags(rawValue: try reader.uint32("Flags"))
        let guid = MixedEndianGUID.string(try reader.take(16, "DomainGuid"))
        let forest = try CompressedName.read(&reader, "DnsForestName")
        let domain = try CompressedName.read(&reader, "DnsDomainName")
        let host = try CompressedName.read(&reader, "DnsHostName")
        let netbiosDomain = try CompressedName.read(&reader, "NetbiosDomainName")
        let netbiosComputer = try CompressedName.read(&reader, "NetbiosComputerName")
        let user = try CompressedName.read(&reader, "UserName")
        let dcSite = try CompressedName.read(&reader, "DcSiteName")
        let clientSite = try CompressedName.read(&reader, "ClientSiteName")

        let trailer = blob.count - 8
        guard reader.position <= trailer else {
            throw WireError(
                .truncated, at: reader.position,
                "NtVersion, LmNtToken and Lm20Token need 8 bytes, \(reader.remainingCount) left")
        }
        let version = NetlogonNtVersion(rawValue: try reader.uint32(at: trailer, "NtVersion"))
        var socketAddress: String?
        if version.contains(.v5ep) {
            socketAddress = try Self.readSocketAddress(&reader)
        }
        var nextClosestSite: String?
        if version.contains(.vcs) {
            nextClosestSite = try CompressedName.read(&reader, "NextClosestSiteName")
        }
        let versionText = "NtVersion 0x" + String(version.rawValue, radix: 16)
        guard reader.position <= trailer else {
            throw WireError(.truncated, at: trailer, "the optional fields of \(versionText) run into the trailer")
        }
        guard reader.position == trailer else {
            throw WireError(
                .trailingBytes, at: reader.position,
                "\(trailer - reader.position) unexpected bytes before \(versionText)")
        }
        _ = try reader.uint32("NtVersion")
        for token in ["LmNtToken", "Lm20Token"] {
            let offset = reader.position
            let value = try reader.uint16(token)
            guard value == 0xFFFF else {
                throw WireError(.badValue, at: offset, "\(token) is 0x\(String(value, radix: 16)), must be 0xffff")
            }
        }
        self.init(
            opcode: opcode, flags: flags, domainGUID: guid, dnsForestName: forest, dnsDomainName: domain,
            dnsHostName: host, netbiosDomainName: netbiosDomain, netbiosComputerName: netbiosComputer,
            userName: user, dcSiteName: dcSite, clientSiteName: clientSite, dcSocketAddress: socketAddress,
            nextClosestSiteName: nextClosestSite, ntVersion: version.rawValue)
    }

    /// DcSockAddrSize (u8) and DcSockAddr: a SOCKADDR_IN (family 2) or SOCKADDR_IN6 (family 23
    /// or 10), rendered as the address text without the port (which DCs leave 0).
    private static func readSocketAddress(_ reader: inout LittleEndianReader) throws(WireError) -> String {
        let sizeOffset = reader.position
        let size = Int(try reader.uint8("DcSockAddrSize"))
        let start = reader.position
        let raw = try reader.take(size, "DcSockAddr")
        guard size >= 2 else {
            throw WireError(.badValue, at: sizeOffset, "DcSockAddrSize \(size) is too small for an address family")
        }
        let family = UInt16(raw[start]) | UInt16(raw[start + 1]) << 8
        switch family {
        case 2:
            guard size >= 8 else {
                throw WireError(.badValue, at: sizeOffset, "DcSockAddrSize \(size) is too small for SOCKADDR_IN (8)")
            }
            return raw[(start + 4)..<(start + 8)].map(String.init).joined(separator: ".")
        case 10, 23:
            guard size >= 24 else {
                throw WireError(.badValue, at: sizeOffset, "DcSockAddrSize \(size) is too small for SOCKADDR_IN6 (24)")
            }
            return IPv6Text.format(Array(raw[(start + 8)..<(start + 24)]))
        default:
            throw WireError(.badValue, at: start, "DcSockAddr has unknown address family \(family)")
        }
    }
}
