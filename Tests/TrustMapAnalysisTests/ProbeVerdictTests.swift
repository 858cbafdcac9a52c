import Foundation
import Testing
import TrustMapModel

@testable import TrustMapAnalysis

/// The probe verdict: requirements from a plan, observations in, verdict and blocking list out.
@Suite struct ProbeVerdictTests {
    /// A plan in its JSON form: corp (two DCs, one without an address), partner (one DC), legacy (no DC known).
    static let planJSON = """
        {
          "domain": "corp.example.test",
          "related": [
            {"dnsName": "corp.example.test", "netbiosName": "CORP", "forest": "corp.example.test", "status": "complete",
             "admitsUsers": false, "onlyThroughForestTrust": false, "dnsServers": ["10.0.0.53"],
             "domainControllers": [
               {"hostName": "dc1.corp.example.test", "addresses": ["10.0.0.11"], "answered": true, "dnsServer": false,
                "ports": [
                  {"number": 88, "transport": "tcp", "service": "Kerberos"},
                  {"number": 88, "transport": "udp", "service": "Kerberos"},
                  {"number": 389, "transport": "udp", "service": "CLDAP"},
                  {"number": 445, "transport": "tcp", "service": "SMB"},
                  {"number": 49152, "last": 65535, "transport": "tcp", "service": "dynamic RPC"}]},
               {"hostName": "dc2.corp.example.test", "addresses": ["10.0.0.12"], "answered": true, "dnsServer": true,
                "ports": [
                  {"number": 53, "transport": "udp", "service": "DNS"},
                  {"number": 445, "transport": "tcp", "service": "SMB"},
                  {"number": 138, "transport": "udp", "service": "NetBIOS datagram service"}]}]},
            {"dnsName": "partner.example.test", "forest": "partner.example.test", "status": "complete",
             "admitsUsers": true, "path": ["corp.example.test", "partner.example.test"], "onlyThroughForestTrust": true,
             "dnsServers": ["10.0.0.21"],
             "domainControllers": [
               {"hostName": "dc1.partner.example.test", "addresses": ["10.0.0.21"], "answered": true, "dnsServer": true,
                "ports": [
                  {"number": 53, "transport": "tcp", "service": "DNS"},
                  {"number": 464, "transport": "udp", "service": "kpasswd"},
                  {"number": 3268, "transport": "tcp", "service": "global catalog"}]}]}
          ],
          "admitting": ["partner.example.test"],
          "dnsServers": ["10.0.0.21", "10.0.0.53"],
          "ports": [],
          "counts": {"relatedDomains": 2, "admittingDomains": 1, "domainControllers": 3,
                     "unreachableDomainControllers": 0, "sites": 1, "dnsServers": 2},
          "warnings": []
        }
        """

    static func plan(_ text: String = planJSON) throws -> FollowTrustPlan {
        try JSONDecoder().decode(FollowTrustPlan.self, from: Data(text.utf8))
    }

    /// Observations for every requirement with an address, all `status` unless overridden.
    static func observations(
        _ plan: FollowTrustPlan, _ status: ProbeVerdict.Status = .open,
        overrides: [String: ProbeVerdict.Status] = [:], responder: (ProbeVerdict.ProbeKey) -> String? = { _ in nil }
    ) -> [ProbeVerdict.Observation] {
        var seen: Set<ProbeVerdict.ProbeKey> = []
        return ProbeVerdict.requirements(for: plan).compactMap { r in
            guard r.address != nil, seen.insert(r.key).inserted else { return nil }
            let name = "\(r.key.address) \(r.key.port)/\(r.key.transport)"
            return ProbeVerdict.Observation(
                key: r.key, status: overrides[name] ?? status, seconds: 0.01, detail: "test",
                responder: responder(r.key))
        }
    }

    @Test func requirementsCoverEveryPortAddressAndDNSServer() throws {
        let requirements = ProbeVerdict.requirements(for: try Self.plan())
        let names = requirements.map {
            "\($0.domainController?.value ?? "-") \($0.address ?? "-") \($0.port)/\($0.transport) \($0.check) "
                + ($0.subject ?? "-")
        }
        #expect(
            names == [
                "dc1.corp.example.test 10.0.0.11 88/tcp kerberos CORP.EXAMPLE.TEST",
                "dc1.corp.example.test 10.0.0.11 88/udp kerberos CORP.EXAMPLE.TEST",
                "dc1.corp.example.test 10.0.0.11 389/udp ldap-ping corp.example.test",
                "dc1.corp.example.test 10.0.0.11 445/tcp tcp-connect -",
                "dc2.corp.example.test 10.0.0.12 53/udp dns-soa corp.example.test",
                "dc2.corp.example.test 10.0.0.12 445/tcp tcp-connect -",
                "dc2.corp.example.test 10.0.0.12 138/udp udp-silent -",
                "- 10.0.0.53 53/udp dns-soa corp.example.test",
                "- 10.0.0.53 53/tcp dns-soa corp.example.test",
                "dc1.partner.example.test 10.0.0.21 53/tcp dns-soa partner.example.test",
                "dc1.partner.example.test 10.0.0.21 464/udp kpasswd PARTNER.EXAMPLE.TEST",
                "dc1.partner.example.test 10.0.0.21 3268/tcp tcp-connect -",
                "dc1.partner.example.test 10.0.0.21 53/udp dns-soa partner.example.test",
            ])
    }

    @Test func portRangesAreNotedNotProbed() throws {
        let plan = try Self.plan()
        #expect(!ProbeVerdict.requirements(for: plan).contains { $0.port == 49152 })
        let notes = ProbeVerdict.notes(for: plan)
        #expect(notes.count == 1)
        #expect(notes[0].contains("49152-65535/tcp") && notes[0].contains("135/tcp"))
    }

    @Test func everythingOpenCanEnable() throws {
        let plan = try Self.plan()
        let verdict = ProbeVerdict(plan: plan, observations: Self.observations(plan))
        #expect(verdict.canEnable)
        #expect(verdict.blocking.isEmpty)
        #expect(verdict.domains.map(\.canEnable) == [true, true])
        #expect(verdict.unreachable.domains.isEmpty && verdict.unreachable.domainControllers.isEmpty)
        #expect(verdict.results.count == 13)
    }

    @Test func blockingListNamesExactlyWhatFailed() throws {
        let plan = try Self.plan()
        let obs = Self.observations(
            plan,
            overrides: [
                "10.0.0.12 445/tcp": .filtered, "10.0.0.11 88/tcp": .refused, "10.0.0.11 88/udp": .refused,
                "10.0.0.21 53/tcp": .filtered, "10.0.0.21 464/udp": .filtered, "10.0.0.21 3268/tcp": .filtered,
                "10.0.0.21 53/udp": .wrongService,
            ])
        let v = ProbeVerdict(plan: plan, observations: obs)
        #expect(!v.canEnable)
        let blocking = v.blocking.map {
            "\($0.domain) \($0.domainController?.value ?? "-") \($0.endpoint) \($0.status.rawValue)"
        }
        #expect(
            blocking == [
                "corp.example.test dc1.corp.example.test dc1.corp.example.test 10.0.0.11 88/tcp refused",
                "corp.example.test dc1.corp.example.test dc1.corp.example.test 10.0.0.11 88/udp refused",
                "corp.example.test dc2.corp.example.test dc2.corp.example.test 10.0.0.12 445/tcp filtered",
                "partner.example.test dc1.partner.example.test dc1.partner.example.test 10.0.0.21 53/tcp filtered",
                "partner.example.test dc1.partner.example.test dc1.partner.example.test 10.0.0.21 464/udp filtered",
                "partner.example.test dc1.partner.example.test dc1.partner.example.test 10.0.0.21 3268/tcp filtered",
                "partner.example.test dc1.partner.example.test dc1.partner.example.test 10.0.0.21 53/udp wrong-service",
            ])
        #expect(v.domains.map(\.canEnable) == [false, false])
        #expect(v.domains.map(\.blocking.count) == [3, 4])
        // Each of corp's DCs has a blocked port, so corp counts as unreachable too.
        #expect(v.unreachable.domains == ["corp.example.test", "partner.example.test"])
        #expect(
            v.unreachable.domainControllers == [
                "dc1.corp.example.test", "dc1.partner.example.test", "dc2.corp.example.test",
            ])
    }

    @Test func unconfirmedUDPWarnsButDoesNotBlock() throws {
        let plan = try Self.plan()
        let v = ProbeVerdict(
            plan: plan, observations: Self.observations(plan, overrides: ["10.0.0.12 138/udp": .unconfirmed]))
        #expect(v.canEnable)
        #expect(v.domains[0].warnings.count == 1)
        #expect(v.domains[0].warnings[0].contains("138/udp"))
    }

    @Test func missingObservationIsNotProbedAndBlocks() throws {
        let plan = try Self.plan()
        let obs = Self.observations(plan).filter { $0.key.port != 3268 }
        let v = ProbeVerdict(plan: plan, observations: obs)
        #expect(!v.canEnable)
        #expect(v.blocking.map(\.status) == [.notProbed])
        #expect(v.blocking.first?.port == 3268)
    }

    @Test func domainWithoutDCsOrAddressesBlocks() throws {
        let plan = try Self.plan(
            Self.planJSON.replacingOccurrences(of: "\"addresses\": [\"10.0.0.12\"]", with: "\"addresses\": []"))
        var withLegacy = plan
        withLegacy.related.append(
            FollowTrustPlan.PlannedDomain(
                dnsName: "legacy.example.test", netbiosName: nil, forest: "legacy.example.test", status: nil,
                admitsUsers: false, path: nil, onlyThroughForestTrust: false, domainControllers: [], dnsServers: []))
        let v = ProbeVerdict(plan: withLegacy, observations: Self.observations(withLegacy))
        #expect(!v.canEnable)
        let blocking = v.blocking.map { "\($0.domain) \($0.check) \($0.status.rawValue)" }
        #expect(
            blocking == [
                "corp.example.test address not-probed", "legacy.example.test domain-controllers not-probed",
            ])
        #expect(v.unreachable.domains == ["legacy.example.test"])
        #expect(v.domains.last?.canEnable == false)
    }

    @Test func responderMismatchIsAWarning() throws {
        let plan = try Self.plan()
        let obs = Self.observations(plan) { key in
            key.check == "ldap-ping" ? "dc9.corp.example.test" : key.check == "kerberos" ? "OTHER.TEST" : nil
        }
        let v = ProbeVerdict(plan: plan, observations: obs)
        #expect(v.canEnable)
        #expect(v.domains[0].warnings.contains { $0.contains("as dc9.corp.example.test") })
        #expect(v.domains[0].warnings.contains { $0.contains("realm OTHER.TEST") })
    }

    @Test func jsonRoundTripAndExportShape() throws {
        let plan = try Self.plan()
        let v = ProbeVerdict(
            plan: plan, observations: Self.observations(plan, overrides: ["10.0.0.21 3268/tcp": .filtered]))
        let data = try JSONEncoder().encode(v)
        #expect(try JSONDecoder().decode(ProbeVerdict.self, from: data) == v)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let unreachable = try #require(object["unreachable"] as? [String: Any])
        #expect(unreachable["domainControllers"] as? [String] == ["dc1.partner.example.test"])
        #expect(unreachable["domains"] as? [String] == ["partner.example.test"])
    }

    @Test func statusesThatBlock() {
        #expect(ProbeVerdict.Status.allCases.filter { !$0.blocks } == [.open, .unconfirmed])
    }
}

@Suite struct ProbeVerdictServerTextTests {
    @Test func dnsServerTextsGiveAddressAndPort() {
        #expect(ProbeVerdict.serverAndPort("127.0.0.53:53") == ("127.0.0.53", 53))
        #expect(ProbeVerdict.serverAndPort("127.0.0.53:5353") == ("127.0.0.53", 5353))
        #expect(ProbeVerdict.serverAndPort("127.0.0.53") == ("127.0.0.53", 53))
        #expect(ProbeVerdict.serverAndPort("[::1]:5300") == ("::1", 5300))
        #expect(ProbeVerdict.serverAndPort("::1") == ("::1", 53))
        #expect(ProbeVerdict.serverAndPort("fe80::1") == ("fe80::1", 53))
    }
}
