import Testing
import TrustMapAnalysis
import TrustMapModel

@Suite struct NameMappingTests {
    @Test func mappingsCarryTheirSources() throws {
        let m = NameMapping(snapshot: try Fixtures.snapshot("lab"))
        guard case .mapped(let e) = m.resolve("LEGACY") else {
            Issue.record("LEGACY does not map")
            return
        }
        #expect(e.dnsName == "legacy.example.test")
        #expect(e.sources == [.crossRef, .trustObject, .ldapPing])
        #expect(e.evidence.contains("trust object for legacy.example.test held by corp.example.test"))
        #expect(m.netbiosName(of: "partner.example.test") == "PARTNER")
        #expect(m.collisions.isEmpty && m.unmapped.isEmpty)
    }

    @Test func collisionMapsToNeither() throws {
        let m = NameMapping(snapshot: try Fixtures.snapshot("netbios-collision"))
        #expect(m.collisions.map(\.netbiosName) == ["SALES"])
        #expect(m.collisions.first?.claims.map(\.dnsName) == ["sales.alpha.test", "sales.beta.test"])
        #expect(m.dnsName(for: "SALES") == nil)
        guard case .collision = m.resolve("SALES") else {
            Issue.record("SALES is not a collision")
            return
        }
    }

    @Test func downlevelPartnersAreUnmapped() throws {
        let m = NameMapping(snapshot: try Fixtures.snapshot("netbios-collision"))
        #expect(m.unmapped.map(\.netbiosName) == ["NT4DOM"])
        #expect(m.unmapped.first?.seenIn == ["trust object for NT4DOM held by alpha.test"])
        #expect(m.resolve("NT4DOM") == .unmapped)
        #expect(m.domainsWithoutNetBIOS == ["nonb.test"])
    }

    @Test func theFirstDNSLabelIsNeverTakenAsTheNetBIOSName() throws {
        let m = NameMapping(snapshot: try Fixtures.snapshot("netbios-collision"))
        // nonb.test has no NetBIOS name: "NONB" must not map to it.
        #expect(m.resolve("NONB") == .unmapped)
    }
}
