import Testing
import TrustMapAnalysis
import TrustMapModel

@Suite struct FollowTrustPlanTests {
    @Test func labCorp() throws {
        let g = try Fixtures.graph("lab")
        let p = FollowTrustPlan.make(for: "corp.example.test", in: g)
        #expect(p.related.map(\.dnsName) == ["corp.example.test", "legacy.example.test", "partner.example.test"])
        #expect(p.admitting == ["partner.example.test"])
        #expect(p.counts.domainControllers == 5)
        #expect(p.counts.relatedDomains == 3)
        #expect(p.counts.sites == 4)
        #expect(p.related.first { $0.dnsName == "partner.example.test" }?.onlyThroughForestTrust == true)
        #expect(p.related.first { $0.dnsName == "legacy.example.test" }?.admitsUsers == false)
        #expect(p.warnings.map(\.rule) == [.onlyThroughForestTrust])
        // The resolver discovery used, and the DCs that serve each related domain's zone (NS).
        #expect(p.dnsServers == ["127.0.0.11", "127.0.0.12", "127.0.0.21", "127.0.0.31", "127.0.0.53"])
        let dc2 = try #require(p.related.first?.domainControllers.first { $0.hostName == "dc2.corp.example.test" })
        #expect(dc2.ports.map(\.description).contains("3268/tcp"))
        let rodc = try #require(p.related.first?.domainControllers.first { $0.hostName == "rodc1.corp.example.test" })
        #expect(rodc.ports.contains { $0.number == 49152 && $0.last == 65535 })
        #expect(rodc.ports.contains { $0.number == 53 })
        #expect(!p.ports.contains { $0.number == 137 })
    }

    @Test func labLegacyAdmittedByCorpOnly() throws {
        let p = FollowTrustPlan.make(for: "legacy.example.test", in: try Fixtures.graph("lab"))
        #expect(p.admitting == ["corp.example.test"])
        #expect(p.related.count == 3)
    }

    @Test func gcPortsOnlyWhereTheRoleIsHeldDNSEverywhere() throws {
        let p = FollowTrustPlan.make(for: "corp.example.test", in: try Fixtures.graph("single-domain"))
        let dc2 = try #require(p.related.first?.domainControllers.first { $0.hostName == "dc2.corp.example.test" })
        #expect(!dc2.dnsServer)
        #expect(dc2.ports.contains { $0.number == 53 && $0.transport == "udp" })
        #expect(dc2.ports.contains { $0.number == 3268 })
        #expect(p.dnsServers == ["10.1.0.11", "127.0.0.53"])
        var snapshot = try Fixtures.snapshot("single-domain")
        snapshot.domains[0].domainControllers[1].roles = [.kdc, .writable]
        let noGC = FollowTrustPlan.make(for: "corp.example.test", in: TrustGraph(snapshot: snapshot))
        let dc = try #require(noGC.related.first?.domainControllers.first { $0.hostName == "dc2.corp.example.test" })
        #expect(!dc.ports.contains { $0.number == 3268 || $0.number == 3269 })
    }

    @Test func warningsForUnreachableDCsUnreadDomainsAndSize() throws {
        let p = FollowTrustPlan.make(
            for: "corp.example.test", in: try Fixtures.graph("external-quarantined"),
            limits: FollowTrustPlan.Limits(domains: 2, sites: 10))
        let rules = Set(p.warnings.map(\.rule))
        #expect(rules.contains(.domainControllerUnreachable))
        #expect(rules.contains(.tooManyDomains))
        #expect(p.counts.unreachableDomainControllers == 1)
        #expect(p.admitting == ["dev.corp.example.test"])

        let e = FollowTrustPlan.make(for: "a.test", in: try Fixtures.graph("one-sided"))
        let eRules = Set(e.warnings.map(\.rule))
        #expect(eRules.contains(.domainNotRead))
        #expect(eRules.contains(.selectiveAuthentication))
    }

    @Test func netbiosTrustAddsNetBIOSPorts() throws {
        let p = FollowTrustPlan.make(for: "alpha.test", in: try Fixtures.graph("netbios-collision"))
        #expect(p.related.contains { $0.dnsName == "nt4dom" && $0.status == nil })
        let alpha = try #require(p.related.first)
        #expect(alpha.domainControllers.first?.ports.contains { $0.number == 139 } == true)
        #expect(p.warnings.contains { $0.rule == .domainNotRead && $0.message.contains("nt4dom") })
    }

    @Test func thirdForestIsRelatedButDoesNotAdmit() throws {
        let p = FollowTrustPlan.make(for: "a.test", in: try Fixtures.graph("three-forests"))
        #expect(p.related.map(\.dnsName) == ["a.test", "b.test", "c.test", "x.a.test", "y.b.test"])
        #expect(p.admitting == ["b.test", "x.a.test", "y.b.test"])
    }
}

@Suite struct EligibilityFilterTests {
    @Test func localRecordsUseNTLMOnlyAndNTLMv1OnlyWhenEnabled() throws {
        let g = try Fixtures.graph("lab")
        let r = AuthenticationRecord(
            title: "l", kind: .local, userName: "administrator", protocols: [.ntlmv2, .ntlmv1], ips: ["10.0.0.1"])
        let e = Eligibility.evaluate(r, in: g)
        #expect(!e.kerberos && e.rule == .localNTLMOnly && e.protocols == [.ntlmv2, .ntlmv1])
    }

    @Test func rc4OnlyTrustAndOldFunctionalLevelRemoveAES() throws {
        let g = try Fixtures.graph("external-quarantined")
        let r = AuthenticationRecord(
            title: "x", kind: .activeDirectory, domain: "corp.example.test", userName: "u@legacy.example.test")
        let e = Eligibility.evaluate(r, in: g)
        #expect(e.kerberos)
        #expect(e.protocols == [.kerberosRC4, .ntlmv2])
        #expect(e.findings.map(\.rule).contains(.aesNeedsFunctionalLevel2008))
        #expect(e.findings.map(\.rule).contains(.sidFilteringQuarantined))
    }

    @Test func aesOnlyTrustRemovesRC4() throws {
        let g = try Fixtures.graph("lab")
        let r = AuthenticationRecord(
            title: "x", kind: .activeDirectory, domain: "corp.example.test", userName: "bob@partner.example.test")
        let e = Eligibility.evaluate(r, in: g)
        #expect(e.protocols == [.kerberosAES, .ntlmv2])
        #expect(e.findings.map(\.rule) == [.trustKeysAESOnly, .protocolsRecordEnabled])
    }

    @Test func noPathMeansNoKerberos() throws {
        let g = try Fixtures.graph("lab")
        let r = AuthenticationRecord(
            title: "x", kind: .activeDirectory, domain: "legacy.example.test", userName: "alice@corp.example.test")
        let e = Eligibility.evaluate(r, in: g)
        #expect(!e.kerberos)
        #expect(e.rule == .adManualTrust)
        #expect(e.path?.rule == .oneWayWrongWay)
        #expect(e.protocols == [.ntlmv2])
    }

    @Test func collisionUsesNTLM() throws {
        let g = try Fixtures.graph("netbios-collision")
        let r = AuthenticationRecord(title: "s", kind: .netbiosServiceSelected, domain: "SALES", userName: "u")
        let e = Eligibility.evaluate(r, in: g)
        #expect(!e.kerberos && e.rule == .netbiosCollision && e.protocols == [.ntlmv2])
        #expect(e.reason.contains("sales.alpha.test and sales.beta.test"))
    }

    @Test func recordWithOnlyKerberosAESAcrossAnRC4TrustCannotUseKerberos() throws {
        let g = try Fixtures.graph("external-quarantined")
        let r = AuthenticationRecord(
            title: "x", kind: .activeDirectory, domain: "corp.example.test", userName: "u@legacy.example.test",
            protocols: [.kerberosAES, .ntlmv2])
        let e = Eligibility.evaluate(r, in: g)
        #expect(!e.kerberos)
        #expect(e.protocols == [.ntlmv2])
    }
}
