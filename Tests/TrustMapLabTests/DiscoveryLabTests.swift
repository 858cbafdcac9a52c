import Foundation
import Testing
@testable import TrustMapDiscovery
import TrustMapModel

/// `trustmap discover` on the live lab, every field checked against what the DCs themselves say.
/// These tests only read the lab; the fault tests (stopped and firewalled DCs) are in
/// ``DiscoveryFaultLabTests``.
@Suite(.enabled(if: Lab.isAvailable, "needs the Samba lab (tools/adlab exec)"))
struct DiscoveryLabTests {
    // MARK: Field-by-field checks

    /// A domain that was read with credentials: every field against the reference.
    static func expectComplete(_ snapshot: Snapshot, _ name: String) throws {
        let ref = try DomainReference(name)
        let d = try #require(snapshot.domain(try DNSName(parsing: name)), "\(name) missing from the snapshot")
        #expect(d.status == .complete, "\(name): \(d.statusReason ?? "")")
        #expect(d.sid?.description == ref.sid)
        #expect(d.netbiosName?.value == ref.netbios)
        #expect(d.nameSources.contains(.crossRef) && d.nameSources.contains(.ldapPing))
        #expect(d.namingContext?.lowercased() == ref.nc.lowercased())
        #expect(d.forest?.value == name, "each lab domain is its own forest root")
        #expect(d.functionalLevel == ref.functionalLevel)
        #expect(d.parent == nil && d.isTreeRoot == false)

        // DCs: exactly the DC accounts, each with the directory's and the ping's facts.
        #expect(Set(d.domainControllers.map(\.hostName.value)) == Set(ref.dcs.keys), "\(name) DCs")
        for dc in d.domainControllers {
            let host = dc.hostName.value
            let r = try #require(ref.dcs[host])
            #expect(dc.netbiosName?.value == r.netbios, "\(host)")
            #expect(dc.site == r.site, "\(host) site")
            #expect(dc.has(.rodc) == r.rodc, "\(host) rodc")
            #expect(dc.has(.writable) == !r.rodc, "\(host) writable")
            #expect(dc.has(.gc) == r.gc, "\(host) gc (nTDSDSA options)")
            #expect(dc.has(.pdc) == r.pdc, "\(host) pdc (fSMORoleOwner)")
            let addresses = try DiscoveryLab.dig(host, "A")
            #expect(dc.addresses == addresses, "\(host) addresses")
            #expect(dc.answered, "\(host) answered")
            #expect(dc.sources.contains("ldap") && dc.sources.contains("ping"), "\(host) sources \(dc.sources)")
            let ip = try #require(dc.addresses.first)
            let samba = try NetAdsLookup.run(ip)
            let flags = try #require(dc.pingFlags, "\(host) has no ping flags")
            for line in samba.flags where line.flag != .closest {
                #expect(flags.contains(line.flag) == line.set, "\(host): ping flag '\(line.label)'")
            }
            #expect(dc.has(.kdc) == flags.contains(.kdc))
            #expect(d.guid == samba.fields["GUID"], "domain GUID as the ping gives it")
        }
        // Generic SRV targets are sources "srv"; the RODC registers only its site's records.
        let srv = try DiscoveryLab.dig("_ldap._tcp.dc._msdcs.\(name)", "SRV")
        for host in srv {
            #expect(d.domainControllers.first { $0.hostName.value == host }?.sources.contains("srv") == true)
        }

        // The forest: its domains (crossRefs) and sites with subnets and DCs.
        let forest = try #require(snapshot.forests.first { $0.root == d.forest })
        #expect(forest.domains.map(\.value) == ref.forestDomains)
        #expect(forest.sites.map(\.name) == ref.sites.keys.sorted())
        for site in forest.sites {
            let r = try #require(ref.sites[site.name])
            #expect(site.subnets == r.subnets, "site \(site.name) subnets")
            #expect(site.domainControllers.map(\.value) == r.dcs, "site \(site.name) DCs")
        }

        // Trusts: every trustedDomain object, every attribute; and samba-tool agrees.
        let held = snapshot.trusts.filter { $0.domain.value == name }
        #expect(held.map { $0.partner.lowercased() }.sorted() == ref.trusts.keys.sorted())
        let listed = try DiscoveryLab.trustList(name)
        #expect(held.map { $0.partner.lowercased() }.sorted() == listed, "samba-tool domain trust list")
        for t in held {
            let r = try #require(ref.trusts[t.partner.lowercased()])
            #expect(t.flatName?.value == r.first("flatName"))
            let trustSID = try DiscoveryLab.sid(r.first("securityIdentifier"))
            #expect(t.sid?.description == trustSID)
            #expect(String(t.direction.rawValue) == r.first("trustDirection"))
            #expect(String(t.type.rawValue) == r.first("trustType"))
            #expect(String(t.attributes.rawValue) == r.first("trustAttributes"))
            #expect(t.encryptionTypes.map { String($0.rawValue) } == r.first("msDS-SupportedEncryptionTypes"))
            #expect(t.whenCreated == r.first("whenCreated") && t.whenChanged == r.first("whenChanged"))
            let show = try DiscoveryLab.trustShow(name, t.partner)
            #expect(show["NetbiosName"] == t.flatName?.value)
            #expect(show["SID"] == t.sid?.description)
            #expect(show["Direction"]?.hasPrefix(String(format: "0x%x ", t.direction.rawValue)) == true, "\(show)")
            #expect(show["Type"]?.hasPrefix(String(format: "0x%x ", t.type.rawValue)) == true, "\(show)")
            #expect(show["Attributes"]?.hasPrefix(String(format: "0x%x ", t.attributes.rawValue)) == true, "\(show)")
            #expect(show["kerb_EncTypes"]?.hasPrefix(String(format: "0x%x ", t.encryptionTypes?.rawValue ?? 0)) == true)
        }
    }

    /// A domain whose DCs answered but which refused our users (no trust admits them): partial,
    /// a `denied` diagnostic, and what the trust object and the ping said.
    static func expectDenied(_ snapshot: Snapshot, _ name: String) throws {
        let ref = try DomainReference(name)
        let d = try #require(snapshot.domain(try DNSName(parsing: name)))
        #expect(d.status == .partial)
        let denied = snapshot.diagnostics.filter { $0.domain == d.dnsName && $0.category == .denied }
        #expect(denied.count == 1 && denied.first?.operation == "ldap-bind", "\(snapshot.diagnostics)")
        #expect(d.sid?.description == ref.sid, "SID from the other side's trust object")
        #expect(d.netbiosName?.value == ref.netbios)
        #expect(d.nameSources.contains(.ldapPing) && d.nameSources.contains(.trustObject))
        #expect(d.namingContext?.lowercased() == ref.nc.lowercased(), "from the anonymous rootDSE")
        let srv = try DiscoveryLab.dig("_ldap._tcp.dc._msdcs.\(name)", "SRV")
        #expect(d.domainControllers.map(\.hostName.value) == srv)
        #expect(d.domainControllers.filter(\.answered).count == d.domainControllers.count)
        #expect(snapshot.trusts.filter { $0.domain == d.dnsName }.isEmpty, "its trust objects were not readable")
    }

    /// Common checks of any snapshot: no secret, schema-valid, sorted.
    static func expectSound(_ run: DiscoveryLab.Run) throws {
        let bytes = try #require(run.snapshotBytes, "no snapshot written: \(run.err)")
        let text = String(decoding: bytes, as: UTF8.self)
        for password in try DiscoveryLab.passwords() {
            #expect(
                !text.contains(password) && !run.err.contains(password) && !run.out.contains(password),
                "a password leaked")
        }
        try DiscoveryLabSchema.validate(bytes)
        let snapshot = try #require(run.snapshot)
        var sorted = snapshot
        sorted.normalize()
        #expect(sorted == snapshot, "lists are in canonical order")
    }

    // MARK: From each starting domain

    @Test func fromCorpAsAlice() throws {
        let run = try DiscoveryLab.discover([Lab.corp] + DiscoveryLab.login("corp", "alice"))
        #expect(run.status == 3, "partial: LEGACY refuses CORP users; \(run.err)")
        try Self.expectSound(run)
        let s = try #require(run.snapshot)
        #expect(s.domains.map(\.dnsName.value) == [Lab.corp, Lab.legacy, Lab.partner])
        try Self.expectComplete(s, Lab.corp)
        try Self.expectComplete(s, Lab.partner)
        try Self.expectDenied(s, Lab.legacy)
        #expect(s.forests.first { $0.root.value == Lab.partner }?.reachedThroughForestTrust == true)
        #expect(s.forests.first { $0.root.value == Lab.corp }?.reachedThroughForestTrust == false)
        #expect(s.domain(named: Lab.legacy)?.depth == 1)
        #expect(s.metadata.authentication == "gssapi")
        #expect(s.metadata.dnsServers == ["system"])
        #expect(s.metadata.startDomain?.value == Lab.corp)
        #expect(s.metadata.vantage.clientSites[Lab.corp] == "Default-First-Site-Name")
        #expect(Set(s.metadata.answeredDomainControllers) == Set(Lab.dcs.map(\.host)))
        // Only writable DCs missing from the domain-wide SRV record would be a finding.
        #expect(!s.diagnostics.contains { $0.operation == "srv-lookup" }, "\(s.diagnostics)")
        #expect(s.diagnostics.count == 1, "only LEGACY's refusal: \(s.diagnostics)")
    }

    @Test func fromPartnerAsBob() throws {
        let run = try DiscoveryLab.discover([Lab.partner] + DiscoveryLab.login("partner", "bob"))
        #expect(run.status == 3, "\(run.err)")
        try Self.expectSound(run)
        let s = try #require(run.snapshot)
        try Self.expectComplete(s, Lab.partner)
        try Self.expectComplete(s, Lab.corp)
        try Self.expectDenied(s, Lab.legacy)  // CORP-LEGACY is external: not transitive to PARTNER
        #expect(s.forests.first { $0.root.value == Lab.corp }?.reachedThroughForestTrust == true)
        #expect(s.domain(named: Lab.legacy)?.depth == 2)
    }

    /// The one-way trust from the other side: CORP trusts LEGACY, so carol reads CORP.
    @Test func fromLegacyAsCarol() throws {
        let run = try DiscoveryLab.discover([Lab.legacy] + DiscoveryLab.login("legacy", "carol"))
        #expect(run.status == 3, "\(run.err)")
        try Self.expectSound(run)
        let s = try #require(run.snapshot)
        try Self.expectComplete(s, Lab.legacy)
        try Self.expectComplete(s, Lab.corp)
        try Self.expectDenied(s, Lab.partner)
        let inbound = try #require(s.trusts.first { $0.domain.value == Lab.legacy })
        #expect(inbound.direction == .inbound && inbound.attributes.contains(.quarantinedDomain))
    }

    @Test func keytabGivesTheSameSnapshot() throws {
        let password = try DiscoveryLab.discover(
            [Lab.corp, "--follow-trusts", "none"] + DiscoveryLab.login("corp", "alice"))
        let keytab = try DiscoveryLab.discover(
            [
                Lab.corp, "--follow-trusts", "none", "--user", "alice@CORP.EXAMPLE.TEST", "--keytab",
                "\(Lab.secrets)/corp-alice.keytab",
            ])
        #expect(password.status == 0 && keytab.status == 0, "\(password.err) \(keytab.err)")
        let a = try #require(password.snapshot), b = try #require(keytab.snapshot)
        #expect(try DiscoveryLab.withoutRunTimes(a) == DiscoveryLab.withoutRunTimes(b))
    }

    /// No credentials: what the anonymous rootDSE and the pings give, and a diagnostic that says
    /// what was not seen.
    @Test func anonymous() throws {
        let run = try DiscoveryLab.discover([Lab.corp])
        #expect(run.status == 3, "\(run.err)")
        #expect(run.err.contains("anonymous discovery"))
        try Self.expectSound(run)
        let s = try #require(run.snapshot)
        #expect(s.domains.count == 1, "no trust is known, none is followed")
        let d = try #require(s.domain(try DNSName(parsing: Lab.corp)))
        #expect(d.status == .partial)
        #expect(d.sid == nil && s.trusts.isEmpty)
        #expect(d.statusReason?.contains("no credentials") == true)
        let why = try #require(s.diagnostics.first { $0.category == .credentials })
        for word in ["domain SID", "crossRefs", "sites and subnets", "DC accounts", "trustedDomain objects"] {
            #expect(why.message.contains(word), "\(why.message)")
        }
        #expect(s.metadata.authentication == "anonymous")
        let ref = try DomainReference(Lab.corp)
        #expect(d.netbiosName?.value == ref.netbios && d.nameSources == [.ldapPing])
        #expect(d.namingContext?.lowercased() == ref.nc.lowercased())
        // DCs from the generic SRV record and the client site's one (the RODC), each pinged.
        var expected = Set(try DiscoveryLab.dig("_ldap._tcp.dc._msdcs.\(Lab.corp)", "SRV"))
        expected.formUnion(
            try DiscoveryLab.dig("_ldap._tcp.Default-First-Site-Name._sites.dc._msdcs.\(Lab.corp)", "SRV"))
        #expect(Set(d.domainControllers.map(\.hostName.value)) == expected)
        for dc in d.domainControllers {
            let samba = try NetAdsLookup.run(try #require(dc.addresses.first))
            #expect(dc.site == samba.fields["Server Site Name"])
            #expect(dc.has(.rodc) == (ref.dcs[dc.hostName.value]?.rodc ?? false), "\(dc.hostName)")
            #expect(dc.has(.pdc) == (ref.dcs[dc.hostName.value]?.pdc ?? false), "\(dc.hostName)")
        }
    }

    // MARK: Options

    @Test func followTrustsNone() throws {
        let run = try DiscoveryLab.discover(
            [Lab.corp, "--follow-trusts", "none"] + DiscoveryLab.login("corp", "alice"))
        #expect(run.status == 0, "\(run.err)")
        let s = try #require(run.snapshot)
        try Self.expectComplete(s, Lab.corp)
        for other in [Lab.partner, Lab.legacy] {
            let d = try #require(s.domain(try DNSName(parsing: other)))
            #expect(d.status == .notFollowed && d.statusReason == "--follow-trusts none" && d.depth == 1)
            let otherSID = try DomainReference(other).sid
            #expect(d.sid?.description == otherSID, "SID from the trust object")
        }
        #expect(Set(s.metadata.answeredDomainControllers) == Set(Lab.dcs.filter { $0.domain == Lab.corp }.map(\.host)))
    }

    @Test func followTrustsForest() throws {
        let fromCorp = try DiscoveryLab.discover(
            [Lab.corp, "--follow-trusts", "forest"] + DiscoveryLab.login("corp", "alice"))
        #expect(fromCorp.status == 0, "\(fromCorp.err)")
        let s = try #require(fromCorp.snapshot)
        #expect(s.domain(named: Lab.partner)?.status == .complete)
        let legacy = try #require(s.domain(try DNSName(parsing: Lab.legacy)))
        #expect(legacy.status == .notFollowed && legacy.statusReason?.contains("external") == true)

        let fromLegacy = try DiscoveryLab.discover(
            [Lab.legacy, "--follow-trusts", "forest"] + DiscoveryLab.login("legacy", "carol"))
        #expect(fromLegacy.status == 0, "\(fromLegacy.err)")
        let corp = try #require(fromLegacy.snapshot?.domain(try DNSName(parsing: Lab.corp)))
        #expect(corp.status == .notFollowed)
        #expect(fromLegacy.snapshot?.domain(named: Lab.partner) == nil, "not known from LEGACY alone")
    }

    @Test func maxDepth() throws {
        let zero = try DiscoveryLab.discover([Lab.corp, "--max-depth", "0"] + DiscoveryLab.login("corp", "alice"))
        #expect(zero.status == 0, "\(zero.err)")
        let s0 = try #require(zero.snapshot)
        for other in [Lab.partner, Lab.legacy] {
            #expect(s0.domain(named: other)?.statusReason == "beyond --max-depth 0")
        }
        // From LEGACY, PARTNER is two hops away (LEGACY -> CORP -> PARTNER).
        let one = try DiscoveryLab.discover([Lab.legacy, "--max-depth", "1"] + DiscoveryLab.login("legacy", "carol"))
        let s1 = try #require(one.snapshot)
        #expect(s1.domain(named: Lab.corp)?.status == .complete)
        let partner = try #require(s1.domain(try DNSName(parsing: Lab.partner)))
        #expect(partner.status == .notFollowed && partner.depth == 2 && partner.statusReason == "beyond --max-depth 1")
        #expect(one.status == 0, "\(one.err)")
    }

    /// `--dns-server-for` servers are asked first: with a general server where nothing listens,
    /// discovery works only through them.
    @Test func dnsServerFor() throws {
        let dead = ["--dns-server", "127.0.0.99", "--timeout", "2"]
        let all = try DiscoveryLab.discover(
            [Lab.corp] + dead + [
                "--dns-server-for", "corp.example.test=127.0.0.11", "--dns-server-for",
                "partner.example.test=127.0.0.21",
                "--dns-server-for", "legacy.example.test=127.0.0.31",
            ] + DiscoveryLab.login("corp", "alice"))
        let reference = try DiscoveryLab.discover([Lab.corp] + DiscoveryLab.login("corp", "alice"))
        var a = try #require(all.snapshot), r = try #require(reference.snapshot)
        #expect(all.status == reference.status, "\(all.err)")
        #expect(
            a.metadata.dnsServers == [
                "127.0.0.99:53", "corp.example.test=127.0.0.11:53", "legacy.example.test=127.0.0.31:53",
                "partner.example.test=127.0.0.21:53",
            ])
        a.metadata.dnsServers = []
        r.metadata.dnsServers = []
        a.metadata.options["timeout"] = nil
        r.metadata.options["timeout"] = nil
        #expect(try DiscoveryLab.withoutRunTimes(a) == DiscoveryLab.withoutRunTimes(r))

        // Without one for LEGACY, LEGACY's SRV lookup goes to the dead server.
        let some = try DiscoveryLab.discover(
            [Lab.corp] + dead + [
                "--dns-server-for", "corp.example.test=127.0.0.11", "--dns-server-for",
                "partner.example.test=127.0.0.21",
            ] + DiscoveryLab.login("corp", "alice"))
        let s = try #require(some.snapshot)
        #expect(s.domain(named: Lab.partner)?.status == .complete)
        let legacy = try #require(s.domain(try DNSName(parsing: Lab.legacy)))
        #expect(
            legacy.status == .unreachable && legacy.statusReason?.contains("no domain controller found in DNS") == true)
        let why = try #require(s.diagnostics.first { $0.domain == legacy.dnsName })
        #expect(why.operation == "srv-lookup" && why.server == "127.0.0.99:53", "\(why)")
        #expect(some.status == 3)
    }

    /// `--dns-server-for` also tells Kerberos where a realm's KDCs are: with a krb5.conf that knows
    /// only CORP's KDC and no DNS lookup of KDCs, PARTNER can be read only when its DNS server is
    /// named (TrustMap finds PARTNER's KDC there and hands it to libkrb5 for the run).
    @Test func dnsServerForLocatesTheKDC() throws {
        let dir = try DiscoveryLab.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = dir.appendingPathComponent("krb5.conf")
        try """
        [libdefaults]
            default_realm = CORP.EXAMPLE.TEST
            dns_lookup_kdc = false
            dns_lookup_realm = false
            rdns = false
            dns_canonicalize_hostname = false
        [realms]
            CORP.EXAMPLE.TEST = {
                kdc = 127.0.0.11
            }
        [domain_realm]
            .corp.example.test = CORP.EXAMPLE.TEST
            .partner.example.test = PARTNER.EXAMPLE.TEST
        """.write(to: conf, atomically: true, encoding: .utf8)
        let binary = try #require(DiscoveryLab.executable)
        let base =
            [binary, "discover", Lab.corp, "--follow-trusts", "forest", "--json", "--quiet"]
            + DiscoveryLab.login("corp", "alice")
        func partnerStatus(_ extra: [String]) throws -> (DomainStatus?, String) {
            let r = try Lab.run(base + extra, environment: ["KRB5_CONFIG": conf.path])
            let s = try JSONDecoder().decode(Snapshot.self, from: Data(r.out.utf8))
            return (s.domain(named: Lab.partner)?.status, r.err)
        }
        let without = try partnerStatus([])
        #expect(without.0 == .partial, "without --dns-server-for: \(without.1)")
        let with = try partnerStatus(["--dns-server-for", "partner.example.test=127.0.0.21"])
        #expect(with.0 == .complete, "with --dns-server-for: \(with.1)")
        // The krb5.conf fragment is gone after the run.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("trustmap-krb5-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// The system resolver (/etc/resolv.conf) and the lab resolver named explicitly give the same snapshot.
    @Test func systemResolverFindsEveryDC() throws {
        let system = try DiscoveryLab.discover([Lab.corp] + DiscoveryLab.login("corp", "alice"))
        let explicit = try DiscoveryLab.discover(
            [Lab.corp, "--dns-server", Lab.resolver] + DiscoveryLab.login("corp", "alice"))
        var a = try #require(system.snapshot), b = try #require(explicit.snapshot)
        for dc in a.domains.flatMap(\.domainControllers) {
            let addresses = try DiscoveryLab.dig(dc.hostName.value, "A")
            #expect(dc.addresses == addresses, "\(dc.hostName)")
        }
        a.metadata.dnsServers = []
        b.metadata.dnsServers = []
        #expect(try DiscoveryLab.withoutRunTimes(a) == DiscoveryLab.withoutRunTimes(b))
    }

    /// Two runs differ only in the collection time and duration.
    @Test func deterministic() throws {
        let first = try DiscoveryLab.discover([Lab.corp] + DiscoveryLab.login("corp", "alice"))
        let second = try DiscoveryLab.discover([Lab.corp] + DiscoveryLab.login("corp", "alice"))
        let a = try #require(first.snapshot), b = try #require(second.snapshot)
        #expect(try DiscoveryLab.withoutRunTimes(a) == DiscoveryLab.withoutRunTimes(b))
        // And the file is the snapshot's canonical encoding (sorted keys).
        let text = String(decoding: try #require(first.snapshotBytes), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"diagnostics\""))
    }

    /// The snapshot file is replaced by a rename (a new inode), never written in place, and no
    /// temporary file is left behind.
    @Test func writtenAtomically() throws {
        let binary = try #require(DiscoveryLab.executable)
        let dir = try DiscoveryLab.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("snap.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let before = try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
        let r = try Lab.run(
            [binary, "discover", Lab.corp, "--follow-trusts", "none", "-o", path] + DiscoveryLab.login("corp", "alice"))
        #expect(r.status == 0, "\(r.err)")
        let after = try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
        #expect(before != after, "the file was rewritten in place")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["snap.json"])
        _ = try JSONDecoder().decode(Snapshot.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func wrongPasswordExits77WithoutEchoingIt() throws {
        let dir = try DiscoveryLab.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let wrong = "Not-The-Password-\(UUID().uuidString.prefix(8))"
        let file = dir.appendingPathComponent("wrong.password").path
        try Data(wrong.utf8).write(to: URL(fileURLWithPath: file))
        let run = try DiscoveryLab.discover([Lab.corp, "--user", "alice@CORP.EXAMPLE.TEST", "--password-file", file])
        #expect(run.status == 77)
        #expect(run.err.contains("refused the credentials of alice@CORP.EXAMPLE.TEST"), "\(run.err)")
        #expect(run.err.contains("pre-authentication failed") || run.err.contains("Preauthentication failed"))
        #expect(!run.err.contains(wrong) && !run.out.contains(wrong))
        #expect(run.snapshotBytes == nil, "nothing is written when the credentials are refused")
    }

    @Test func statsLineCountsRequests() throws {
        let run = try DiscoveryLab.discover(
            [Lab.corp, "--stats", "-q"] + DiscoveryLab.login("corp", "alice"), output: false)
        let lines = run.err.split(separator: "\n").filter { $0.hasPrefix("trustmap: stats: ") }
        #expect(lines.count == 4, "\(run.err)")
        #expect(lines.first?.contains("corp.example.test: ") == true)
        #expect(lines.first?.contains("read from dc1.corp.example.test") == true, "\(run.err)")
        #expect(lines.last?.hasPrefix("trustmap: stats: total: 3 domain(s), ") == true)
    }

    @Test func helpDescribesTheOptions() throws {
        let binary = try #require(DiscoveryLab.executable)
        let r = try Lab.run([binary, "discover", "--help"])
        #expect(r.status == 0)
        for option in ["--follow-trusts", "--max-depth", "--dns-server-for", "--deadline", "--stats", "--keytab"] {
            #expect(r.out.contains(option), "\(option)")
        }
    }
}

/// The locator's preference among DCs (pure: a Branch-site vantage cannot be set up without
/// changing the shared lab's routes).
@Suite struct DiscoveryReadingOrderTests {
    static func candidate(_ host: String, order: Int, pinged: Bool, site: Bool, writable: Bool) throws -> Candidate {
        var c = Candidate(host: try DNSName(parsing: host), addresses: [], srvOrder: order)
        c.inClientSite = site
        if pinged {
            c.ping = NetlogonResponse(
                opcode: 23, flags: writable ? [.ldap, .writable] : [.ldap], domainGUID: "", dnsForestName: "x.test",
                dnsDomainName: "x.test", dnsHostName: host, netbiosDomainName: "X", netbiosComputerName: "DC",
                userName: "", dcSiteName: "S", clientSiteName: site ? "S" : "T", ntVersion: 5)
        }
        return c
    }

    @Test func pingedThenSiteThenWritableThenSRVOrder() throws {
        let cs = [
            try Self.candidate("silent.x.test", order: 0, pinged: false, site: true, writable: true),
            try Self.candidate("far-writable.x.test", order: 1, pinged: true, site: false, writable: true),
            try Self.candidate("site-rodc.x.test", order: 2, pinged: true, site: true, writable: false),
            try Self.candidate("site-writable-b.x.test", order: 4, pinged: true, site: true, writable: true),
            try Self.candidate("site-writable-a.x.test", order: 3, pinged: true, site: true, writable: true),
        ]
        #expect(
            DomainCollector.readingOrder(cs).map(\.host.value) == [
                "site-writable-a.x.test", "site-writable-b.x.test", "site-rodc.x.test", "far-writable.x.test",
                "silent.x.test",
            ])
    }
}
