import Foundation
import Testing
import TrustMapCLI

/// The main job as `tools/run` does it, each step reading the previous step's file: discover with
/// an explicit DNS server, plan, probe, export. Catches disagreements between the file formats
/// (a DNS server written as `IP:PORT` by discovery must still be probed by `probe`).
@Suite(.enabled(if: Lab.isAvailable)) struct MainJobLabTests {
    @Test func discoverPlanProbeExport() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mainjob-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = dir.appendingPathComponent("snap.json").path
        let plan = dir.appendingPathComponent("plan.json").path
        let probe = dir.appendingPathComponent("probe.json").path
        let dot = dir.appendingPathComponent("graph.dot").path

        let d = await ProbeLab.trustmap([
            "discover", "corp.example.test", "--user", "alice@CORP.EXAMPLE.TEST", "--password-file",
            Lab.passwordFile("corp", "alice"), "--dns-server", Lab.resolver, "-o", snapshot, "--quiet",
        ])
        // Partial: alice cannot read LEGACY (CORP trusts LEGACY, one way).
        #expect(d.status == .partial, "\(d.err)")

        let p = await ProbeLab.trustmap(["plan", snapshot, "--domain", "corp.example.test", "--json"])
        #expect(p.status == .success, "\(p.err)")
        try p.out.write(toFile: plan, atomically: true, encoding: .utf8)
        let planDoc = try ProbeLab.json(p.out)
        #expect((planDoc["dnsServers"] as? [String])?.contains("\(Lab.resolver):53") == true)

        let r = await ProbeLab.trustmap(["probe", plan, "--json", "--quiet"])
        try r.out.write(toFile: probe, atomically: true, encoding: .utf8)
        let probeDoc = try ProbeLab.json(r.out)
        let dnsRows = ProbeLab.rows(probeDoc).filter { ($0["port"] as? Int) == 53 }
        #expect(!dnsRows.isEmpty)
        for row in dnsRows { #expect(row["status"] as? String == "open", "\(row)") }
        #expect(dnsRows.contains { $0["address"] as? String == Lab.resolver })
        #expect(probeDoc["canEnable"] as? Bool == true)
        #expect(r.status == .success, "\(r.out)")

        let e = await ProbeLab.trustmap([
            "export", snapshot, "--dcs", "--plan", plan, "--probe", probe, "--format", "dot", "-o", dot, "--quiet",
        ])
        #expect(e.status == .success, "\(e.err)")
        let text = try String(contentsOfFile: dot, encoding: .utf8)
        #expect(text.contains("dc2.corp.example.test") && text.contains("in plan"))
    }
}
