import Foundation
import Testing
import TrustMapClients
import TrustMapDiscovery
import TrustMapModel

/// `topologies/lab.json` is the fixture the pure tests use for "the lab"; this suite checks it
/// against what the live lab returns, field by field (SIDs and GUIDs change with every
/// provisioning and are only checked for presence).
@Suite(.enabled(if: Lab.isAvailable)) struct FixtureAgreementTests {
    static let fixturePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topologies/lab.json").path

    /// Discovers the lab as `user` of `domain` (Kerberos with the lab's password file).
    static func discover(_ user: String, _ netbios: String, start: String) async throws -> Snapshot {
        let realm = start.uppercased()
        let creds = try await KerberosCredentials.obtain(
            principal: "\(user)@\(realm)", password: Secret(try Lab.password(netbios, user)))
        var options = DiscoveryOptions(startDomain: DNSName(stringLiteral: start))
        options.dnsServers = [try DNSServer(parsing: Lab.resolver)]
        options.credentials = .kerberos(creds)
        return await Discovery(options: options).run().snapshot
    }

    /// The live picture: alice reads CORP and PARTNER, carol reads LEGACY (CORP trusts LEGACY, so
    /// LEGACY's users may read CORP, and CORP's may not read LEGACY).
    static func live() async throws -> [DNSName: (Domain, [Trust])] {
        var out: [DNSName: (Domain, [Trust])] = [:]
        for s in [
            try await discover("alice", "corp", start: Lab.corp),
            try await discover("carol", "legacy", start: Lab.legacy),
        ] {
            for d in s.domains where d.status == .complete && out[d.dnsName] == nil {
                out[d.dnsName] = (d, s.trusts.filter { $0.domain == d.dnsName })
            }
        }
        return out
    }

    @Test func fixtureMatchesTheLiveLab() async throws {
        let fixture = try JSONDecoder().decode(
            Snapshot.self, from: Data(contentsOf: URL(fileURLWithPath: Self.fixturePath)))
        let live = try await Self.live()
        #expect(Set(live.keys) == Set(fixture.domains.map(\.dnsName)), "domains read completely in the lab")
        for d in fixture.domains {
            guard let (l, trusts) = live[d.dnsName] else {
                Issue.record("\(d.dnsName) is in the fixture but was not read completely in the lab")
                continue
            }
            #expect(d.netbiosName == l.netbiosName, "\(d.dnsName) NetBIOS name")
            #expect(d.forest == l.forest, "\(d.dnsName) forest")
            #expect((d.sid != nil) == (l.sid != nil), "\(d.dnsName) SID present")
            #expect(d.functionalLevel == l.functionalLevel, "\(d.dnsName) functional level")
            let fdcs = d.domainControllers.map { "\($0.hostName) \($0.site ?? "-") \($0.roles.map(\.rawValue))" }
            let ldcs = l.domainControllers.map { "\($0.hostName) \($0.site ?? "-") \($0.roles.map(\.rawValue))" }
            #expect(fdcs == ldcs, "\(d.dnsName) DCs, sites and roles")
            let key: (Trust) -> String = {
                "\($0.domain)->\($0.partner) flat=\($0.flatName?.value ?? "-") dir=\($0.direction.rawValue) "
                    + "type=\($0.type.rawValue) attr=0x\(String($0.attributes.rawValue, radix: 16)) "
                    + "enc=\($0.encryptionTypes.map { String($0.rawValue) } ?? "-")"
            }
            #expect(
                fixture.trusts.filter { $0.domain == d.dnsName }.map(key).sorted() == trusts.map(key).sorted(),
                "\(d.dnsName) trust objects")
        }
    }
}
