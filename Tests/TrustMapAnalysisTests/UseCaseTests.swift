import Testing
import TrustMapAnalysis
import TrustMapModel

/// The seven use cases of windows-auth-records.md ("When Kerberos can be used"), exactly.
@Suite struct UseCaseTests {
    let graph: TrustGraph
    let records: RecordsFile

    init() throws {
        graph = try Fixtures.graph("usecases")
        records = try Fixtures.records("records-usecases")
    }

    func evaluate(_ title: String) throws -> Eligibility {
        Eligibility.evaluate(try #require(records.record(titled: title)), in: graph)
    }

    @Test func ipBasedUsesKerberosBecauseTheNameMaps() throws {
        let e = try evaluate("IP-based")
        #expect(e.kerberos)
        #expect(e.rule == .netbiosMapped)
        #expect(e.protocols == [.kerberosAES, .kerberosRC4, .ntlmv2])
        #expect(e.mapping?.dnsName == "domain.foo.com")
        #expect(e.mapping?.sources == [.crossRef, .ldapPing])
    }

    @Test func ipBasedUsesNTLMWhenTheNameDoesNotMap() {
        let r = AuthenticationRecord(
            title: "ip", kind: .netbiosUserSelected, domain: "NOSUCH", userName: "USER", ips: ["10.0.0.1"])
        let e = Eligibility.evaluate(r, in: graph)
        #expect(!e.kerberos)
        #expect(e.rule == .netbiosUnmapped)
        #expect(e.protocols == [.ntlmv2])
    }

    @Test func hostBasedUsesNTLMUnlessTheNameMaps() throws {
        let e = try evaluate("host-based")
        #expect(!e.kerberos)
        #expect(e.rule == .netbiosUnmapped)
        #expect(e.protocols == [.ntlmv2])
        #expect(e.mapping == nil)
    }

    @Test func ntlmNoTrustsIsUpgradedToKerberos() throws {
        let e = try evaluate("NTLM, no trusts")
        #expect(e.kerberos)
        #expect(e.rule == .netbiosMapped)
        #expect(e.targetDomain == "domain.foo.com")
        #expect(e.protocols == [.kerberosAES, .kerberosRC4, .ntlmv2])
    }

    @Test func ntlmManualTrustsCannotBeUpgraded() throws {
        let e = try evaluate("NTLM, manual trusts")
        #expect(!e.kerberos)
        #expect(e.rule == .manualTrustNetBIOS)
        #expect(e.protocols == [.ntlmv2])
        #expect(e.targetDomain == "targetdomain.foo.com")
        #expect(e.userDomain == "userdomain.foo.com")
        #expect(e.path?.found == true)
    }

    @Test func kerberosNoTrustsTriesKerberosFirst() throws {
        let e = try evaluate("Kerberos, no trusts")
        #expect(e.kerberos)
        #expect(e.rule == .adKerberosFirst)
        #expect(e.protocols == [.kerberosAES, .kerberosRC4, .ntlmv2])
        #expect(e.path == nil)
    }

    @Test func kerberosManualTrustsTriesKerberosFirstAcrossTheTrust() throws {
        let e = try evaluate("Kerberos, manual trusts")
        #expect(e.kerberos)
        #expect(e.rule == .adManualTrust)
        #expect(e.protocols == [.kerberosAES, .kerberosRC4, .ntlmv2])
        #expect(e.userDomain == "userdomain.foo.com")
        #expect(e.path?.realms == ["userdomain.foo.com", "targetdomain.foo.com"])
        #expect(e.path?.rule == .forestTrustTwoForests)
    }

    @Test func automaticTrustDiscoveryTriesKerberosFirstAndPlansTheTrustingDomains() throws {
        let e = try evaluate("Kerberos, automatic trust discovery")
        #expect(e.kerberos)
        #expect(e.rule == .adFollowTrusts)
        #expect(e.protocols == [.kerberosAES, .kerberosRC4, .ntlmv2])
        let plan = FollowTrustPlan.make(for: "userdomain.foo.com", in: graph)
        #expect(plan.admitting == ["targetdomain.foo.com"])
        #expect(plan.related.map(\.dnsName) == ["userdomain.foo.com", "targetdomain.foo.com"])
    }

    @Test func theUseCaseRecordsFileIsValid() throws {
        #expect(records.validate().isEmpty)
        #expect(records.records.count == 7)
    }
}
