import TrustMapModel

/// Real CLDAP reply datagrams captured from the Samba 4.17 lab DCs (tools/adlab, namespace
/// trustmap-lab) with `LDAPPingRequest`-shaped requests, and what each says, as the DC's own
/// `net ads lookup -S IP` printed it at capture time.
///
/// Unless noted, the client address was 127.0.0.1, which the lab puts in a subnet of
/// Default-First-Site-Name; `origin` names the DC, the request's NtVer and other terms.
struct CapturedReply: Sendable, CustomStringConvertible {
    let name: String
    /// The DC and the request: address, NtVer, other filter terms, client source address.
    let origin: String
    let messageID: Int32
    let hex: String
    /// The decoded Netlogon blob, or nil when the DC sent no entry.
    let expected: NetlogonResponse?

    var datagram: [UInt8] { Hex.bytes(hex) }
    var description: String { name }
}

enum Hex {
    static func bytes(_ hex: String) -> [UInt8] {
        let chars = Array(hex.utf8)
        return stride(from: 0, to: chars.count, by: 2).map {
            UInt8(String(decoding: chars[$0..<($0 + 2)], as: UTF8.self), radix: 16)!
        }
    }
}

enum Captured {
    static let corpGUID = "fe218344-f5db-4ad4-82dd-5b9fe15c1c69"
    static let partnerGUID = "a6744a90-e297-4127-9508-6f1ee49c2e58"
    static let legacyGUID = "26e36f4d-0ca7-463d-a1af-42478f3e65b0"
    static let dfsn = "Default-First-Site-Name"

    static func reply(
        _ flags: UInt32, _ guid: String, forest: String, host: String, netbios: String,
        computer: String, user: String = "", dcSite: String = dfsn, clientSite: String = dfsn,
        socket: String? = nil, ntVersion: UInt32 = 5, opcode: UInt16 = 23
    ) -> NetlogonResponse {
        NetlogonResponse(
            opcode: opcode, flags: DSFlags(rawValue: flags), domainGUID: guid, dnsForestName: forest,
            dnsDomainName: forest, dnsHostName: host, netbiosDomainName: netbios, netbiosComputerName: computer,
            userName: user, dcSiteName: dcSite, clientSiteName: clientSite, dcSocketAddress: socket,
            nextClosestSiteName: nil, ntVersion: ntVersion)
    }

    static let corpDC1 = CapturedReply(
        name: "corp dc1", origin: "dc1.corp.example.test 127.0.0.11, NtVer 0x6", messageID: 0x1234,
        hex: "307c02021234647604003072307004086e65746c6f676f6e3164046217000000fd130000448321fedbf5d44a82dd5b9fe15c1c69"
            + "04636f7270076578616d706c65047465737400c01803646331c01804434f5250000344433100001744656661756c742d4669"
            + "7273742d536974652d4e616d6500c03f05000000ffffffff300d0202123465070a010004000400",
        expected: reply(
            0x13FD, corpGUID, forest: "corp.example.test", host: "dc1.corp.example.test",
            netbios: "CORP", computer: "DC1"))

    static let corpDC2 = CapturedReply(
        name: "corp dc2 (site Branch, client elsewhere)", origin: "dc2.corp.example.test 127.0.0.12, NtVer 0x6",
        messageID: 0x1234,
        hex: "30818202021234647c04003078307604086e65746c6f676f6e316a0468170000007c130000448321fedbf5d44a82dd5b9fe15c"
            + "1c6904636f7270076578616d706c65047465737400c01803646332c01804434f525000034443320000064272616e63680017"
            + "44656661756c742d46697273742d536974652d4e616d650005000000ffffffff300d0202123465070a010004000400",
        expected: reply(
            0x137C, corpGUID, forest: "corp.example.test", host: "dc2.corp.example.test",
            netbios: "CORP", computer: "DC2", dcSite: "Branch"))

    static let corpRODC1 = CapturedReply(
        name: "corp rodc1", origin: "rodc1.corp.example.test 127.0.0.13, NtVer 0x6", messageID: 0x1234,
        hex: "30818002021234647a04003076307404086e65746c6f676f6e3168046617000000fc0a0000448321fedbf5d44a82dd5b9fe15c"
            + "1c6904636f7270076578616d706c65047465737400c01805726f646331c01804434f52500005524f44433100001744656661"
            + "756c742d46697273742d536974652d4e616d6500c04305000000ffffffff300d0202123465070a010004000400",
        expected: reply(
            0x0AFC, corpGUID, forest: "corp.example.test", host: "rodc1.corp.example.test",
            netbios: "CORP", computer: "RODC1"))

    static let partnerDC1 = CapturedReply(
        name: "partner dc1", origin: "dc1.partner.example.test 127.0.0.21, NtVer 0x6", messageID: 0x1234,
        hex: "30818202021234647c04003078307604086e65746c6f676f6e316a046817000000fd130000904a74a697e2274195086f1ee49c"
            + "2e5807706172746e6572076578616d706c65047465737400c01803646331c01807504152544e455200034443310000174465"
            + "6661756c742d46697273742d536974652d4e616d6500c04505000000ffffffff300d0202123465070a010004000400",
        expected: reply(
            0x13FD, partnerGUID, forest: "partner.example.test", host: "dc1.partner.example.test",
            netbios: "PARTNER", computer: "DC1"))

    static let legacyDC1 = CapturedReply(
        name: "legacy dc1", origin: "dc1.legacy.example.test 127.0.0.31, NtVer 0x6", messageID: 0x1234,
        hex: "30818002021234647a04003076307404086e65746c6f676f6e3168046617000000fd1300004d6fe326a70c3d46a1af42478f3e"
            + "65b0066c6567616379076578616d706c65047465737400c01803646331c018064c4547414359000344433100001744656661"
            + "756c742d46697273742d536974652d4e616d6500c04305000000ffffffff300d0202123465070a010004000400",
        expected: reply(
            0x13FD, legacyGUID, forest: "legacy.example.test", host: "dc1.legacy.example.test",
            netbios: "LEGACY", computer: "DC1"))

    static let corpDC1WithIP = CapturedReply(
        name: "corp dc1 V5EP|VCS", origin: "dc1.corp.example.test 127.0.0.11, NtVer 0x1e (V5|V5EX|V5EP|VCS)",
        messageID: 7,
        hex: "30818f020107648189040030818430818104086e65746c6f676f6e3175047317000000fd130000448321fedbf5d44a82dd5b9f"
            + "e15c1c6904636f7270076578616d706c65047465737400c01803646331c01804434f525000034443310000174465666175"
            + "6c742d46697273742d536974652d4e616d6500c03f10020000007f00000b00000000000000000d000000ffffffff300c0201"
            + "0765070a010004000400",
        expected: reply(
            0x13FD, corpGUID, forest: "corp.example.test", host: "dc1.corp.example.test",
            netbios: "CORP", computer: "DC1", socket: "127.0.0.11", ntVersion: 0xD))

    static let corpDC2FromBranch = CapturedReply(
        name: "corp dc2 from a Branch client",
        origin: "dc2.corp.example.test 127.0.0.12, NtVer 0x1e, client 127.0.0.130 (Branch subnet)", messageID: 8,
        hex: "307b020108647604003072307004086e65746c6f676f6e3164046217000000fc130000448321fedbf5d44a82dd5b9fe15c1c69"
            + "04636f7270076578616d706c65047465737400c01803646332c01804434f525000034443320000064272616e636800c03f10"
            + "020000007f00000c00000000000000000d000000ffffffff300c02010865070a010004000400",
        expected: reply(
            0x13FC, corpGUID, forest: "corp.example.test", host: "dc2.corp.example.test",
            netbios: "CORP", computer: "DC2", dcSite: "Branch", clientSite: "Branch",
            socket: "127.0.0.12", ntVersion: 0xD))

    static let corpDC1NoSite = CapturedReply(
        name: "corp dc1 from a client in no subnet",
        origin: "dc1.corp.example.test 127.0.0.11, NtVer 0x6, client 127.0.1.1 (no subnet)", messageID: 9,
        hex: "307a020109647504003071306f04086e65746c6f676f6e31630461170000007d130000448321fedbf5d44a82dd5b9fe15c1c69"
            + "04636f7270076578616d706c65047465737400c01803646331c01804434f52500003444331000017446566617"
            + "56c742d46697273742d536974652d4e616d65000005000000ffffffff300c02010965070a010004000400",
        expected: reply(
            0x137D, corpGUID, forest: "corp.example.test", host: "dc1.corp.example.test",
            netbios: "CORP", computer: "DC1", clientSite: ""))

    static let corpDC1UnknownUser = CapturedReply(
        name: "corp dc1 user unknown",
        origin: "dc1.corp.example.test 127.0.0.11, NtVer 0x6, DnsDomain corp.example.test, User nobody",
        messageID: 11,
        hex: "30818202010b647d04003079307704086e65746c6f676f6e316b046919000000fd130000448321fedbf5d44a82dd5b9fe15c1c"
            + "6904636f7270076578616d706c65047465737400c01803646331c01804434f5250000344433100066e6f626f647900174465"
            + "6661756c742d46697273742d536974652d4e616d6500c04605000000ffffffff300c02010b65070a010004000400",
        expected: reply(
            0x13FD, corpGUID, forest: "corp.example.test", host: "dc1.corp.example.test",
            netbios: "CORP", computer: "DC1", user: "nobody", opcode: 25))

    static let corpDC1WrongDomain = CapturedReply(
        name: "corp dc1 asked for another domain",
        origin: "dc1.corp.example.test 127.0.0.11, NtVer 0x6, DnsDomain partner.example.test", messageID: 12,
        hex: "300c02010c65070a010004000400", expected: nil)

    /// NtVer V5 alone: a NETLOGON_SAM_LOGON_RESPONSE (opcode 19), not the EX form.
    static let corpDC1V5Only = CapturedReply(
        name: "corp dc1 NtVer V5 only", origin: "dc1.corp.example.test 127.0.0.11, NtVer 0x2", messageID: 13,
        hex: "307e02010d647904003075307304086e65746c6f676f6e3167046513005c005c004400430031000000000043004f0052005000"
            + "0000448321fedbf5d44a82dd5b9fe15c1c690000000000000000000000000000000004636f7270076578616d706c6504746573"
            + "7400c03a03646331c03a0b00007ffd13000003000000ffffffff300c02010d65070a010004000400",
        expected: nil)

    static let partnerDC1WithIP = CapturedReply(
        name: "partner dc1 V5EP|VCS", origin: "dc1.partner.example.test 127.0.0.21, NtVer 0x1e", messageID: 14,
        hex: "30819502010e64818f040030818a30818704086e65746c6f676f6e317b047917000000fd130000904a74a697e2274195086f1e"
            + "e49c2e5807706172746e6572076578616d706c65047465737400c01803646331c01807504152544e45520003444331000017"
            + "44656661756c742d46697273742d536974652d4e616d6500c04510020000007f00001500000000000000000d000000ffffff"
            + "ff300c02010e65070a010004000400",
        expected: reply(
            0x13FD, partnerGUID, forest: "partner.example.test", host: "dc1.partner.example.test",
            netbios: "PARTNER", computer: "DC1", socket: "127.0.0.21", ntVersion: 0xD))

    /// Every capture whose Netlogon value is a NETLOGON_SAM_LOGON_RESPONSE_EX.
    static let decodable: [CapturedReply] = [
        corpDC1, corpDC2, corpRODC1, partnerDC1, legacyDC1, corpDC1WithIP, corpDC2FromBranch, corpDC1NoSite,
        corpDC1UnknownUser, partnerDC1WithIP,
    ]

    /// Every capture.
    static let all: [CapturedReply] = decodable + [corpDC1WrongDomain, corpDC1V5Only]
}
