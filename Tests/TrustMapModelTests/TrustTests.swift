import Testing
@testable import TrustMapModel

@Suite struct TrustTests {
    @Test func unknownAttributeBitsAreKept() {
        let a = TrustAttributes(rawValue: 0x4 | 0x8000)
        #expect(a.setNames == ["QUARANTINED_DOMAIN"])
        #expect(a.unknownBits == 0x8000)
        #expect(a.decoded == ["QUARANTINED_DOMAIN", "0x8000"])
    }

    @Test func externalQuarantinedOneWay() {
        let t = Trust(
            domain: "corp.example.test", partner: "legacy.example.test", direction: .outbound, type: .uplevel,
            attributes: [.quarantinedDomain])
        #expect(t.kind == .external)
        #expect(!t.isTransitive)
        #expect(t.sidFiltering == .quarantined)
        #expect(t.direction.trustsPartner && !t.direction.trustedByPartner)
    }

    @Test func forestTrust() {
        let t = Trust(
            domain: "corp.example.test", partner: "partner.example.test", direction: .bidirectional, type: .uplevel,
            attributes: [.forestTransitive], encryptionTypes: [.aes256, .aes128])
        #expect(t.kind == .forest)
        #expect(t.isTransitive)
        #expect(t.sidFiltering == .forestWide)
        #expect(t.kerberosKeys == .aesOnly)
    }

    @Test func crossOrganizationIsSelectiveAuthNotExternal() {
        let t = Trust(
            domain: "a.test", partner: "b.test", direction: .bidirectional, type: .uplevel,
            attributes: [.forestTransitive, .crossOrganization])
        #expect(t.kind == .forest)
        #expect(t.selectiveAuthentication)
    }

    @Test func withinForestKinds() {
        var t = Trust(
            domain: "a.test", partner: "c.a.test", direction: .bidirectional, type: .uplevel,
            attributes: [.withinForest])
        #expect(t.kind == .shortcut)
        t.intraForestRelation = .parentChild
        #expect(t.kind == .parentChild)
        #expect(t.isTransitive)
        #expect(t.sidFiltering == .none)
    }

    @Test func directionDecoding() throws {
        #expect(try TrustDirection(attribute: 3) == .bidirectional)
        #expect(throws: ModelError.self) { try TrustDirection(attribute: 7) }
        #expect(TrustDirection.inbound.reversed == .outbound)
        #expect(TrustType(attribute: 9) == .unknown(9))
    }

    @Test func names() throws {
        #expect(try DNSName(parsing: "Corp.Example.TEST.").value == "corp.example.test")
        #expect(throws: ModelError.self) { try DNSName(parsing: "a..b") }
        #expect(try NetBIOSName(parsing: "corp").value == "CORP")
        #expect(throws: ModelError.self) { try NetBIOSName(parsing: "THIS-NAME-IS-TOO-LONG") }
        #expect(throws: ModelError.self) { try NetBIOSName(parsing: "BAD*NAME") }
        #expect(DNSName("a.corp.example.test").isWithin("corp.example.test"))
        #expect(!DNSName("xcorp.example.test").isWithin("corp.example.test"))
    }
}
