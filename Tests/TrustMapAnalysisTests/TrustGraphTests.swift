import Testing
import TrustMapAnalysis
import TrustMapModel

@Suite struct TrustGraphTests {
    @Test func everyFixtureDecodes() throws {
        for name in Fixtures.names {
            let s = try Fixtures.snapshot(name)
            #expect(s.schemaVersion == 1, "\(name)")
            #expect(!s.domains.isEmpty, "\(name)")
        }
    }

    @Test func withinForestTrustsAreClassifiedFromCrossRefData() throws {
        let g = try Fixtures.graph("forest-tree")
        func kind(_ a: DNSName, _ b: DNSName) -> TrustKind? {
            g.edges.first { $0.trusting == a && $0.trusted == b }?.kind
        }
        #expect(kind("example.com", "emea.example.com") == .parentChild)
        #expect(kind("paris.emea.example.com", "emea.example.com") == .parentChild)
        #expect(kind("example.com", "other.net") == .treeRoot)
        #expect(kind("other.net", "example.com") == .treeRoot)
        #expect(kind("paris.emea.example.com", "sales.other.net") == .shortcut)
        // The shortcut is one-way: sales does not trust paris.
        #expect(kind("sales.other.net", "paris.emea.example.com") == nil)
        #expect(g.edges.allSatisfy { $0.isTransitive })
    }

    @Test func forestsOfDomains() throws {
        let g = try Fixtures.graph("three-forests")
        #expect(g.forest(of: "x.a.test") == "a.test")
        #expect(g.forest(of: "y.b.test") == "b.test")
        #expect(g.forest(of: "c.test") == "c.test")
    }

    @Test func partnersKnownOnlyFromTrustObjectsAreNodes() throws {
        let g = try Fixtures.graph("netbios-collision")
        let nt4 = try #require(g.nodes["nt4dom"])
        #expect(!nt4.inSnapshot)
        let e = try #require(g.edges.first { $0.trusted == "nt4dom" })
        #expect(e.trusting == "alpha.test")
        #expect(e.kind == .external)
        #expect(e.usesNetBIOSNames)
    }

    @Test func externalQuarantinedEdgeTakesTheTrustingSidesAttributes() throws {
        let g = try Fixtures.graph("external-quarantined")
        let e = try #require(
            g.edges.first { $0.trusting == "corp.example.test" && $0.trusted == "legacy.example.test" })
        #expect(e.kind == .external)
        #expect(!e.isTransitive)
        #expect(e.sidFiltering == .quarantined)
        #expect(e.keys == .rc4Only)
        #expect(e.recordedBy == ["corp.example.test", "legacy.example.test"])
        #expect(!g.edges.contains { $0.trusting == "legacy.example.test" && $0.trusted == "corp.example.test" })
    }
}

@Suite struct TrustReconciliationTests {
    let graph: TrustGraph
    init() throws { graph = try Fixtures.graph("one-sided") }

    func rules(_ a: DNSName, _ b: DNSName) throws -> [Rule] {
        try #require(graph.pair(a, b)).findings.map(\.rule)
    }

    @Test func oneSidedTrustIsFlaggedAndUsedAsRecorded() throws {
        #expect(try rules("a.test", "b.test") == [.oneSidedTrust])
        let p = try #require(graph.pair("a.test", "b.test"))
        #expect(p.isOneSided && p.firstTrustsSecond && p.secondTrustsFirst)
        let path = ReferralPath.find(in: graph, from: "b.test", to: "a.test")
        #expect(path.found)
        #expect(path.warnings.map(\.rule) == [.oneSidedTrust])
    }

    @Test func directionMismatchKeepsOnlyTheAgreedDirection() throws {
        #expect(try rules("a.test", "c.test") == [.directionMismatch])
        let p = try #require(graph.pair("a.test", "c.test"))
        #expect(!p.firstTrustsSecond && !p.secondTrustsFirst)
        #expect(!ReferralPath.find(in: graph, from: "a.test", to: "c.test").found)
    }

    @Test func typeMismatchIsFlagged() throws {
        #expect(try rules("a.test", "d.test") == [.typeMismatch])
    }

    @Test func partnerNotReadIsNotAOneSidedTrust() throws {
        #expect(try rules("a.test", "e.test") == [.otherSideNotRead])
    }

    @Test func agreeingSidesAreSaidToAgree() throws {
        let g = try Fixtures.graph("lab")
        #expect(g.pair("corp.example.test", "partner.example.test")?.findings.map(\.rule) == [.bothSidesAgree])
        #expect(g.pair("corp.example.test", "legacy.example.test")?.findings.map(\.rule) == [.bothSidesAgree])
    }

    @Test func flatNamePartnerResolvesThroughTheMapping() throws {
        let s = try Fixtures.snapshot("lab")
        let names = NameMapping(snapshot: s)
        let t = Trust(
            domain: "corp.example.test", partner: "LEGACY", direction: .outbound, type: .downlevel, attributes: [])
        #expect(TrustReconciliation.partner(of: t, names: names) == "legacy.example.test")
        let unknown = Trust(
            domain: "corp.example.test", partner: "NOPE", direction: .outbound, type: .downlevel, attributes: [])
        #expect(TrustReconciliation.partner(of: unknown, names: names) == "nope")
    }
}
