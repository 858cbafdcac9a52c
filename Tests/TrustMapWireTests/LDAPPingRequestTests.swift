import Testing
import TrustMapModel
import TrustMapWire

@Suite struct LDAPPingRequestTests {
    /// The request that the capture script sent (and the lab DCs answered), built independently.
    static let plainGolden =
        "303402021234632e04000a01000a0100020100020100010100a00fa30d04054e74566572040406000000300a04084e65746c6f676f6e"
    static let termsGolden =
        "307002021234636a04000a01000a0100020100020100010100a04ba31e0409446e73446f6d61696e0411636f72702e6578616d706c"
        + "652e74657374a30b0404486f73740403575331a30d0404557365720405616c696365a30d04054e74566572040406000000300a0408"
        + "4e65746c6f676f6e"

    @Test func plainRequestMatchesTheGolden() {
        let request = LDAPPingRequest(messageID: 0x1234)
        #expect(request.encoded() == Hex.bytes(Self.plainGolden))
    }

    @Test func requestWithTermsMatchesTheGolden() {
        let request = LDAPPingRequest(messageID: 0x1234, dnsDomain: "corp.example.test", host: "WS1", user: "alice")
        #expect(request.encoded() == Hex.bytes(Self.termsGolden))
    }

    @Test func structureDecodesBack() throws {
        let sid = try SID(string: "S-1-5-21-1-2-3")
        let guid = try MixedEndianGUID.bytes("fe218344-f5db-4ad4-82dd-5b9fe15c1c69")
        let request = LDAPPingRequest(
            messageID: 300, dnsDomain: "corp.example.test", accountControl: 0x10, domainSID: sid, domainGUID: guid,
            ntVersion: [.v5ex, .v5ep, .vcs])
        var outer = BERReader(request.encoded())
        var message = try outer.read(.sequence, "LDAPMessage").children("m")
        try outer.expectEnd("message")
        #expect(try message.read(.integer, "id").integer("id") == 300)
        var search = try message.read(LDAPProtocolOp.searchRequest, "search").children("search")
        try message.expectEnd("search")
        #expect(try search.read(.octetString, "base").octets("base") == [])
        #expect(try search.read(.enumerated, "scope").integer("scope") == 0)
        #expect(try search.read(.enumerated, "deref").integer("deref") == 0)
        #expect(try search.read(.integer, "size").integer("size") == 0)
        #expect(try search.read(.integer, "time").integer("time") == 0)
        #expect(try search.read(.boolean, "typesOnly").boolean("typesOnly") == false)
        var and = try search.read(LDAPProtocolOp.filterAnd, "and").children("and")
        var terms: [String: [UInt8]] = [:]
        var order: [String] = []
        while !and.isAtEnd {
            var match = try and.read(LDAPProtocolOp.filterEqualityMatch, "eq").children("eq")
            let name = try match.read(.octetString, "attr").string("attr")
            terms[name] = try match.read(.octetString, "value").octets("value")
            order.append(name)
        }
        #expect(order == ["DnsDomain", "AAC", "DomainSid", "DomainGuid", "NtVer"])
        #expect(terms["DnsDomain"] == Array("corp.example.test".utf8))
        #expect(terms["AAC"] == [0x10, 0, 0, 0])
        #expect(terms["DomainSid"] == sid.binary)
        #expect(
            terms["DomainGuid"] == [
                0x44, 0x83, 0x21, 0xFE, 0xDB, 0xF5, 0xD4, 0x4A, 0x82, 0xDD, 0x5B, 0x9F, 0xE1, 0x5C, 0x1C, 0x69,
            ])
        #expect(terms["NtVer"] == [0x1C, 0, 0, 0])
        var attributes = try search.read(.sequence, "attributes").children("attributes")
        #expect(try attributes.read(.octetString, "a").string("a") == "Netlogon")
        try attributes.expectEnd("attributes")
        try search.expectEnd("search")
    }

    @Test func ntVersionFlagsHaveNames() {
        let v: NetlogonNtVersion = [.v5, .v5ex, .v5ep]
        #expect(v.rawValue == 0xE)
        #expect(v.setNames == ["V5", "V5EX", "V5EP"])
        #expect(NetlogonNtVersion.locatorDefault.rawValue == 0x6)
    }
}
