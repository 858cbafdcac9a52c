import Foundation
import Testing
import TrustMapCLI

@Suite("kerberos-check on the lab", .serialized, .enabled(if: Lab.isAvailable))
struct KerberosCheckLabTests {
    /// Runs kerberos-check and `trustmap path` for the same user domain and target domain.
    func check(
        user: String, secret: [String], target: String, from: String, to: String, snapshot: String
    ) async throws -> (status: TrustMapCLI.ExitStatus, report: [String: Any], path: [String: Any]) {
        let r = await ProbeLab.trustmap(
            ["--json", "kerberos-check", "--user", user] + secret + ["--target", target, "--snapshot", snapshot])
        let report = try ProbeLab.json(r.out)
        let p = await ProbeLab.trustmap(["--json", "path", snapshot, "--from", from, "--to", to])
        return (r.status, report, try ProbeLab.json(p.out))
    }

    /// The realms of `trustmap path`, upper-cased.
    func realms(_ path: [String: Any]) -> [String] { (path["realms"] as? [String] ?? []).map { $0.uppercased() } }

    @Test func twoWayForestTrust() async throws {
        let snap = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snap) }
        let (status, report, path) = try await check(
            user: "alice@CORP.EXAMPLE.TEST", secret: ["--password-file", Lab.passwordFile("corp", "alice")],
            target: "dc1.partner.example.test", from: "corp.example.test", to: "partner.example.test", snapshot: snap)
        #expect(status == .success)
        #expect(report["ticket"] as? Bool == true)
        #expect(report["realmsTraversed"] as? [String] == ["CORP.EXAMPLE.TEST", "PARTNER.EXAMPLE.TEST"])
        #expect(path["found"] as? Bool == true)
        #expect(report["realmsTraversed"] as? [String] == realms(path))
        #expect(report["agreesWithPath"] as? Bool == true)
        let attempt = (report["attempts"] as? [[String: Any]])?.last
        let tickets = attempt?["tickets"] as? [[String: Any]] ?? []
        #expect(tickets.last?["ticketEnctype"] as? String != nil)
    }

    @Test func keytabAcrossTheForestTrust() async throws {
        let snap = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snap) }
        let (status, report, path) = try await check(
            user: "alice@CORP.EXAMPLE.TEST", secret: ["--keytab", Lab.secrets + "/corp-alice.keytab"],
            target: "dc1.partner.example.test", from: "corp.example.test", to: "partner.example.test", snapshot: snap)
        #expect(status == .success)
        #expect(report["realmsTraversed"] as? [String] == realms(path))
    }

    @Test func oneWayTrustTheWrongWay() async throws {
        let snap = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snap) }
        let (status, report, path) = try await check(
            user: "alice@CORP.EXAMPLE.TEST", secret: ["--password-file", Lab.passwordFile("corp", "alice")],
            target: "dc1.legacy.example.test", from: "corp.example.test", to: "legacy.example.test", snapshot: snap)
        #expect(status == .negative)
        #expect(report["ticket"] as? Bool == false)
        #expect(path["found"] as? Bool == false)
        #expect(report["agreesWithPath"] as? Bool == true)
        // The refusal is named and explained.
        let error = (report["attempts"] as? [[String: Any]])?.last?["error"] as? [String: Any]
        #expect((error?["name"] as? String)?.hasPrefix("KRB5") == true)
        #expect(error?["meaning"] as? String != nil)
    }

    @Test func oneWayTrustTheRightWay() async throws {
        let snap = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snap) }
        let (status, report, path) = try await check(
            user: "carol@LEGACY.EXAMPLE.TEST", secret: ["--password-file", Lab.passwordFile("legacy", "carol")],
            target: "dc2.corp.example.test", from: "legacy.example.test", to: "corp.example.test", snapshot: snap)
        #expect(status == .success)
        #expect(report["ticket"] as? Bool == true)
        #expect(report["realmsTraversed"] as? [String] == ["LEGACY.EXAMPLE.TEST", "CORP.EXAMPLE.TEST"])
        #expect(report["realmsTraversed"] as? [String] == realms(path))
        #expect(report["agreesWithPath"] as? Bool == true)
    }

    /// A KDC that matches an unknown host to its own DC1$ gives a ticket from the wrong realm: reported, then
    /// asked again with the target's realm.
    @Test func wrongRealmTicketIsNotSuccess() async throws {
        let snap = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snap) }
        let (status, report, path) = try await check(
            user: "carol@LEGACY.EXAMPLE.TEST", secret: ["--password-file", Lab.passwordFile("legacy", "carol")],
            target: "dc1.corp.example.test", from: "legacy.example.test", to: "corp.example.test", snapshot: snap)
        let attempts = report["attempts"] as? [[String: Any]] ?? []
        for a in attempts.dropLast() { #expect(a["problem"] as? String != nil) }
        let last = attempts.last
        #expect((last?["realm"] as? String)?.uppercased() == "CORP.EXAMPLE.TEST")
        #expect(status == .success)
        #expect(report["realmsTraversed"] as? [String] == realms(path))
    }
}
