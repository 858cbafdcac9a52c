import Testing
import TrustMapAnalysis
import TrustMapModel

@Suite struct MembershipTests {
    let m: Membership
    init() throws { m = Membership(snapshot: try Fixtures.snapshot("single-domain")) }

    @Test func byDNSHostNameAnyCaseAndTrailingDot() {
        for q in ["ws1.corp.example.test", "WS1.Corp.Example.Test", "ws1.corp.example.test."] {
            let r = m.lookup(q)
            #expect(r.kind == .dnsName)
            #expect(r.domain == "corp.example.test")
            #expect(r.evidence.map(\.rule) == [.computerAccount])
            #expect(r.evidence.first?.account == "WS1$")
        }
    }

    @Test func byNetBIOSComputerName() {
        let r = m.lookup("nodns")
        #expect(r.kind == .netbiosName)
        #expect(r.domain == "corp.example.test")
        #expect(r.evidence.map(\.rule) == [.computerAccount])
        #expect(m.lookup("DC1").evidence.map(\.rule) == [.domainControllerAccount])
    }

    @Test func dnsNameWithoutDNSHostNameFallsBackToTheAccountInTheSuffixDomain() {
        let r = m.lookup("nodns.corp.example.test")
        #expect(r.domain == "corp.example.test")
        #expect(r.evidence.map(\.rule) == [.computerAccount, .dnsSuffix])
    }

    @Test func dnsSuffixIsWeakEvidence() {
        let r = m.lookup("printer.lab.corp.example.test")
        #expect(r.domain == "corp.example.test")
        #expect(r.evidence.map(\.rule) == [.dnsSuffix])
        #expect(m.lookup("host.elsewhere.test").domains.isEmpty)
    }

    @Test func domainControllerAddress() {
        let r = m.lookup("10.2.0.12")
        #expect(r.kind == .ip)
        #expect(r.evidence.map(\.rule) == [.domainControllerAddress])
        #expect(r.evidence.first?.account == "dc2.corp.example.test")
    }

    @Test func subnetSiteLongestPrefix() {
        let branch = m.lookup("10.2.5.9")
        #expect(branch.evidence.first?.subnet == "10.2.5.0/24")
        #expect(branch.evidence.first?.site == "Branch")
        #expect(branch.domain == "corp.example.test")
        #expect(m.lookup("10.2.6.9").evidence.first?.subnet == "10.2.0.0/16")
        let v6 = m.lookup("fd00:1::99")
        #expect(v6.evidence.first?.site == "Default-First-Site-Name")
        // A site with no DC: every domain of the forest is a candidate.
        #expect(m.lookup("10.9.1.1").domains == ["corp.example.test"])
        #expect(m.lookup("192.168.1.1").domains.isEmpty)
    }

    @Test func invalidAndUnknownQueries() {
        #expect(m.lookup("bad*name").kind == .invalid)
        #expect(m.lookup("ABCDEFGHIJKLMNOPQ").kind == .invalid)
        #expect(m.lookup("UNKNOWN").domains.isEmpty)
    }

    @Test func aComputerNameInTwoDomainsGivesBothCandidates() throws {
        let c = Membership(snapshot: try Fixtures.snapshot("netbios-collision"))
        let r = c.lookup("PC1")
        #expect(r.domains == ["sales.alpha.test", "sales.beta.test"])
        #expect(r.domain == nil)
        #expect(c.lookup("pc1.sales.beta.test").domain == "sales.beta.test")
    }
}

@Suite struct RecordMatcherTests {
    let graph: TrustGraph
    let membership: Membership
    let records: [AuthenticationRecord]

    init() throws {
        graph = try Fixtures.graph("usecases")
        membership = Membership(snapshot: graph.snapshot)
        records = try Fixtures.records("records-usecases").records
    }

    func match(_ host: String, _ recs: [AuthenticationRecord]? = nil) -> RecordMatcher.Match {
        RecordMatcher(records: recs ?? records, graph: graph).match(membership.lookup(host))
    }

    @Test func serviceSelectedBeforeUserSelectedAndLocal() {
        let m = match("10.70.1.5")
        #expect(m.record == "NTLM, no trusts")
        #expect(m.rule == .matchServiceSelected)
    }

    @Test func userSelectedWhenNoServiceSelectedRecordCoversTheDomain() {
        let recs = records.filter { $0.title != "NTLM, no trusts" }
        let m = match("10.70.1.5", recs)
        #expect(m.record == "IP-based")
        #expect(m.rule == .matchUserSelected)
    }

    @Test func serviceSelectedForTheTargetDomainsHosts() {
        let m = match("srv1.targetdomain.foo.com")
        #expect(m.record == "NTLM, manual trusts")
    }

    @Test func activeDirectoryAndFollowTrusts() {
        let ad = records.filter { $0.kind == .activeDirectory }
        #expect(match("host1.domain.foo.com", ad).record == "Kerberos, no trusts")
        #expect(match("host1.domain.foo.com", ad).rule == .matchActiveDirectory)
        let follow = ad.filter { $0.followTrusts }
        let m = match("srv1.targetdomain.foo.com", follow)
        #expect(m.record == "Kerberos, automatic trust discovery")
        #expect(m.rule == .matchFollowTrusts)
        #expect(match("host1.domain.foo.com", follow).rule == .noRecord)
    }

    @Test func administratorRecordsFirst() {
        var recs = records
        recs.append(
            AuthenticationRecord(
                title: "admin AD", kind: .activeDirectory, domain: "domain.foo.com", userName: "adm",
                administrator: true))
        let m = match("host1.domain.foo.com", recs)
        #expect(m.record == "admin AD")
        #expect(m.administrator)
        #expect(RecordMatcher.order(recs).first?.title == "admin AD")
    }

    @Test func localFallbackAfterServiceSelected() {
        var recs = records
        recs.append(
            AuthenticationRecord(title: "local", kind: .local, userName: "administrator", ips: ["10.70.9.0/24"]))
        let m = match("10.70.9.1", recs)
        #expect(m.record == "NTLM, no trusts")
        #expect(m.fallback == "local")
        let outside = match("10.99.0.1", recs)
        #expect(outside.rule == .noRecord)
    }

    @Test func documentedOrder() {
        let order = RecordMatcher.order(records).map(\.kind)
        #expect(
            order == [
                .netbiosServiceSelected, .netbiosServiceSelected, .netbiosServiceSelected, .netbiosUserSelected,
                .activeDirectory, .activeDirectory, .activeDirectory,
            ])
    }
}
