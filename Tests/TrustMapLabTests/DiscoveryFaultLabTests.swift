import Foundation
import Glibc
import Testing
import TrustMapModel

/// `trustmap discover` with DCs down or firewalled. The faults are nft rules inside the namespace
/// that match only processes of ``DiscoveryLab/faultGroup`` (our `trustmap` runs, started under
/// setpriv), so the other lab suites running at the same time do not see them; the rules are
/// always deleted. Stopping a real Samba (which every suite would see) is opt-in:
/// `TRUSTMAP_LAB_DISRUPTIVE=1`.
@Suite(.enabled(if: Lab.isAvailable, "needs the Samba lab (tools/adlab exec)"), .serialized)
struct DiscoveryFaultLabTests {
    static let disruptive = ProcessInfo.processInfo.environment["TRUSTMAP_LAB_DISRUPTIVE"] == "1"

    /// What a run must show when dc1.corp does not answer: CORP read through another DC, dc1
    /// listed (from SRV and the other DCs' directory) but marked as not answering.
    static func expectReadWithoutDC1(_ run: DiscoveryLab.Run) throws {
        #expect(run.status == 3, "a DC that does not answer makes the result partial: \(run.err)")
        try DiscoveryLabTests.expectSound(run)
        let s = try #require(run.snapshot)
        let corp = try #require(s.domain(try DNSName(parsing: Lab.corp)))
        #expect(corp.status == .complete, "\(corp.statusReason ?? "")")
        let corpSID = try DomainReference(Lab.corp).sid
        #expect(corp.sid?.description == corpSID)
        let dc1 = try #require(corp.domainControllers.first { $0.hostName.value == "dc1.corp.example.test" })
        #expect(!dc1.answered && dc1.pingFlags == nil)
        #expect(dc1.sources.contains("srv") && dc1.sources.contains("ldap") && !dc1.sources.contains("ping"))
        #expect(dc1.has(.pdc), "the PDC role comes from fSMORoleOwner, read from another DC")
        let others = corp.domainControllers.filter { $0.hostName.value != "dc1.corp.example.test" }
        #expect(others.count == 2 && others.filter(\.answered).count == 2, "dc2 and rodc1 answered")
        let pings = s.diagnostics.filter { $0.server == "dc1.corp.example.test" && $0.operation == "ldap-ping" }
        #expect(pings.count == 1 && pings.first?.category == .unreachable, "\(s.diagnostics)")
        #expect(!s.metadata.answeredDomainControllers.contains("dc1.corp.example.test"))
        let stats = run.err.split(separator: "\n").first { $0.hasPrefix("trustmap: stats: corp.example.test:") } ?? ""
        #expect(!stats.contains("read from dc1.") && stats.contains("read from "), "\(stats)")
    }

    /// dc1.corp refuses every packet (as a stopped Samba does: RST and port unreachable).
    @Test func refusedDCIsSkipped() throws {
        let run = try DiscoveryLab.withFault(refusing: ["ip daddr 127.0.0.11"]) {
            try DiscoveryLab.discover(
                [Lab.corp, "--follow-trusts", "none", "--timeout", "3", "--stats"]
                    + DiscoveryLab.login("corp", "alice"),
                faultGroup: true)
        }
        try Self.expectReadWithoutDC1(run)
        #expect(run.seconds < 10, "refusals are immediate: \(run.seconds) s")
    }

    /// dc1.corp's Samba really stopped (and restarted by `tools/adlab up` whatever happens).
    @Test(.enabled(if: disruptive, "stops a DC every suite uses: set TRUSTMAP_LAB_DISRUPTIVE=1"))
    func stoppedDCIsSkipped() throws {
        let pidFile = "\(Lab.directory ?? "")/dcs/corp-dc1/run/samba.pid"
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).filter(\.isNumber)))
        defer {
            // The restarted Samba inherits the output of `up`: send it to a file, not to our pipes,
            // or reading them would never end.
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("trustmap-disco-up-\(getpid()).log")
                .path
            let up = try? Lab.run(["sh", "-c", "exec \"$0\" up >\"$1\" 2>&1 </dev/null", DiscoveryLab.adlab, log])
            #expect(up?.status == 0, "tools/adlab up after the test failed: see \(log)")
        }
        #expect(kill(pid, SIGTERM) == 0)
        for _ in 0..<100 where kill(pid, 0) == 0 { usleep(100_000) }
        #expect(kill(pid, 0) != 0, "samba \(pid) did not stop")
        let run = try DiscoveryLab.discover(
            [Lab.corp, "--follow-trusts", "none", "--timeout", "3", "--stats"] + DiscoveryLab.login("corp", "alice"))
        try Self.expectReadWithoutDC1(run)
    }

    /// Every packet to PARTNER's DC dropped, its DNS server included: PARTNER is unreachable,
    /// with the reason, well within the deadline.
    @Test func firewalledDomainIsUnreachable() throws {
        let deadline = 8.0
        let run = try DiscoveryLab.withFault(dropping: ["ip daddr 127.0.0.21"]) {
            try DiscoveryLab.discover(
                [
                    Lab.corp, "--timeout", "1", "--deadline", String(deadline), "--dns-server-for",
                    "partner.example.test=127.0.0.21",
                ] + DiscoveryLab.login("corp", "alice"),
                faultGroup: true)
        }
        #expect(run.status == 3, "\(run.err)")
        #expect(run.seconds < deadline + 2, "\(run.seconds) s")
        try DiscoveryLabTests.expectSound(run)
        let s = try #require(run.snapshot)
        #expect(s.domain(named: Lab.corp)?.status == .complete)
        let partner = try #require(s.domain(try DNSName(parsing: Lab.partner)))
        #expect(partner.status == .unreachable)
        #expect(
            partner.statusReason?.contains("no domain controller found in DNS") == true, "\(partner.statusReason ?? "")"
        )
        let why = try #require(s.diagnostics.first { $0.domain == partner.dnsName })
        #expect(why.category == .timeout && why.operation == "srv-lookup" && why.server == "127.0.0.21:53", "\(why)")
        let partnerSID = try DomainReference(Lab.partner).sid
        #expect(partner.sid?.description == partnerSID, "still known from CORP's trust object")
    }

    /// PARTNER's DNS answers but its DC drops LDAP and CLDAP, with per-operation timeouts longer
    /// than the deadline: the deadline ends the run, PARTNER marked unreachable for that reason.
    @Test func deadlineEndsTheRun() throws {
        let deadline = 3.0
        let run = try DiscoveryLab.withFault(dropping: [
            "ip daddr 127.0.0.21 tcp dport 389", "ip daddr 127.0.0.21 udp dport 389",
        ]) {
            try DiscoveryLab.discover(
                [Lab.corp, "--timeout", "6", "--deadline", String(deadline)] + DiscoveryLab.login("corp", "alice"),
                faultGroup: true)
        }
        #expect(run.status == 3, "\(run.err)")
        #expect(run.seconds < deadline + 1.5, "\(run.seconds) s for a \(deadline) s deadline")
        try DiscoveryLabTests.expectSound(run)
        let s = try #require(run.snapshot)
        #expect(s.domain(named: Lab.corp)?.status == .complete)
        let partner = try #require(s.domain(try DNSName(parsing: Lab.partner)))
        #expect(partner.status == .unreachable)
        #expect(partner.statusReason?.contains("deadline") == true, "\(partner.statusReason ?? "")")
        #expect(s.diagnostics.contains { $0.domain == partner.dnsName && $0.category == .timeout })
    }
}
