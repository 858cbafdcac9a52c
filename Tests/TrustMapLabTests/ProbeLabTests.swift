import Foundation
import Testing
import TrustMapCLI

/// Helpers for the probe and kerberos-check lab tests: running `trustmap` in-process, a fresh snapshot, the
/// nftables rules, and what `ss` says listens.
enum ProbeLab {
    /// Runs `trustmap ARGS` in-process and returns the exit status, stdout and stderr.
    static func trustmap(_ arguments: [String]) async -> (status: TrustMapCLI.ExitStatus, out: String, err: String) {
        let out = BufferSink()
        let err = BufferSink()
        let status = await TrustMapCommand.run(
            arguments, output: Output(standardOutput: out, standardError: err),
            environment: ProcessInfo.processInfo.environment, terminal: Terminal(inputDescriptor: -1))
        return (status, out.text, err.text)
    }

    /// A snapshot discovered now from corp.example.test as alice (Kerberos), written to a temporary file.
    static func snapshot() async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).json").path
        let r = await trustmap([
            "discover", "corp.example.test", "--user", "alice@CORP.EXAMPLE.TEST", "--password-file",
            Lab.passwordFile("corp", "alice"), "-o", path, "--quiet",
        ])
        try #require(r.status == .success || r.status == .partial, "discover failed: \(r.status) \(r.err)")
        return path
    }

    /// The JSON object printed by a command.
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The probe rows of a probe document.
    static func rows(_ doc: [String: Any], _ key: String = "results") -> [[String: Any]] {
        doc[key] as? [[String: Any]] ?? []
    }

    /// `address port/transport` of a row.
    static func endpoint(_ row: [String: Any]) -> String {
        "\(row["address"] as? String ?? "-") \(row["port"] as? Int ?? 0)/\(row["transport"] as? String ?? "")"
    }

    /// The sockets listening in the namespace, as `address port/transport` (from `ss -lntuH`).
    static func listening() throws -> Set<String> {
        let r = try Lab.run(["ss", "-lntuH"])
        var out: Set<String> = []
        for line in r.out.split(separator: "\n") {
            let f = line.split(whereSeparator: { $0 == " " })
            guard f.count >= 5, let colon = f[4].lastIndex(of: ":") else { continue }
            out.insert("\(f[4][..<colon]) \(f[4][f[4].index(after: colon)...])/\(f[0])")
        }
        return out
    }

    /// True when `ss` shows a socket for `address port/transport` (bound to the address or to any address).
    static func listens(_ sockets: Set<String>, address: String, port: Int, transport: String) -> Bool {
        ["\(address)", "0.0.0.0", "*", "[::]"].contains { sockets.contains("\($0) \(port)/\(transport)") }
    }

    static let table = "inet trustmap_probe_test"

    /// The source address the firewall tests probe from: the rules match it, so that other lab tests running at
    /// the same time (and the lab's resolver forwarding to the DCs) are not affected.
    static let source = "127.0.2.77"

    /// Loads nftables `rules` (input-hook rule lines) in the test's own table.
    static func addRules(_ rules: [String]) throws {
        let text =
            "table \(table) {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
            + rules.map { "  \($0)\n" }.joined() + " }\n}\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).nft").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try Lab.run(["nft", "-f", file])
        try #require(r.status == 0, "nft -f failed: \(r.err)")
    }

    /// Deletes the test's table (nothing when absent).
    static func removeRules() {
        _ = try? Lab.run(["nft", "delete", "table", "inet", "trustmap_probe_test"])
    }
}

@Suite("probe on the lab", .serialized, .enabled(if: Lab.isAvailable))
struct ProbeLabTests {
    /// Every DC open: the verdict passes, every result agrees with `ss`, every LDAP ping comes from the DC.
    @Test func allOpen() async throws {
        ProbeLab.removeRules()
        let snap = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snap) }
        let r = await ProbeLab.trustmap(["--json", "probe", snap, "--domain", "corp.example.test", "--timeout", "2"])
        let doc = try ProbeLab.json(r.out)
        let rows = ProbeLab.rows(doc)
        let sockets = try ProbeLab.listening()
        #expect(r.status == .success, "\(r.err)")
        #expect(doc["canEnable"] as? Bool == true)
        #expect(ProbeLab.rows(doc, "blocking").isEmpty)
        // Every lab DC is probed (the snapshot found them all), on the ports the plan asks.
        let probed = Set(rows.compactMap { $0["address"] as? String })
        for dc in Lab.dcs { #expect(probed.contains(dc.ip), "\(dc.host) not probed") }
        for row in rows {
            let address = row["address"] as? String ?? ""
            let port = row["port"] as? Int ?? 0
            let transport = row["transport"] as? String ?? ""
            let status = row["status"] as? String
            // What ss says is what the probe found: open where something listens.
            #expect(
                (status == "open") == ProbeLab.listens(sockets, address: address, port: port, transport: transport),
                "\(ProbeLab.endpoint(row)) is \(status ?? "?"): \(row["detail"] ?? "")")
            if row["check"] as? String == "ldap-ping" {
                #expect(row["responder"] as? String == (row["domainController"] as? String), "\(row)")
            }
            if row["check"] as? String == "kerberos" {
                #expect(row["responder"] as? String == (row["subject"] as? String), "\(row)")
            }
        }
        let run = doc["run"] as? [String: Any]
        #expect((run?["seconds"] as? Double ?? 99) < 3, "a run should take about one timeout at most")
    }

    /// Firewall rules give filtered, refused and a failing verdict naming exactly those; removing them restores it.
    @Test func firewallRulesBlockAndRestore() async throws {
        ProbeLab.removeRules()
        let snap = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snap) }
        let dc2 = Lab.dc("dc2.corp.example.test")
        let rodc = Lab.dc("rodc1.corp.example.test")
        let partner = Lab.dc("dc1.partner.example.test")
        let from = "ip saddr \(ProbeLab.source)"
        try ProbeLab.addRules([
            "\(from) ip daddr \(dc2.ip) tcp dport 445 drop",
            "\(from) ip daddr \(rodc.ip) tcp dport 88 reject with tcp reset",
            "\(from) ip daddr \(rodc.ip) udp dport 88 reject with icmp type port-unreachable",
            "\(from) ip daddr \(partner.ip) drop",
        ])
        defer { ProbeLab.removeRules() }
        let timeout = 1.0
        let blocked = await ProbeLab.trustmap([
            "--json", "probe", snap, "--domain", "corp.example.test", "--timeout", String(timeout), "--source",
            ProbeLab.source,
        ])
        let doc = try ProbeLab.json(blocked.out)
        #expect(blocked.status == .negative, "\(blocked.err)")
        #expect(doc["canEnable"] as? Bool == false)
        let rows = ProbeLab.rows(doc)
        var expected: [String: String] = [:]
        for row in rows {
            let address = row["address"] as? String ?? ""
            let port = row["port"] as? Int ?? 0
            let transport = row["transport"] as? String ?? ""
            if address == dc2.ip && port == 445 && transport == "tcp" { expected[ProbeLab.endpoint(row)] = "filtered" }
            if address == rodc.ip && port == 88 { expected[ProbeLab.endpoint(row)] = "refused" }
            if address == partner.ip { expected[ProbeLab.endpoint(row)] = "filtered" }
        }
        #expect(expected.count >= 3 + 10, "the plan should need 445/tcp, 88/tcp+udp and the partner DC's ports")
        var found: [String: String] = [:]
        for row in ProbeLab.rows(doc, "blocking") { found[ProbeLab.endpoint(row)] = row["status"] as? String }
        #expect(found == expected)
        // Without the source address the rules do not apply: the same probe passes.
        let otherSource = await ProbeLab.trustmap(["--json", "probe", snap, "--domain", "corp.example.test"])
        #expect(otherSource.status == .success)
        let domains = (doc["domains"] as? [[String: Any]] ?? []).reduce(into: [String: Bool]()) {
            $0[$1["domain"] as? String ?? ""] = $1["canEnable"] as? Bool
        }
        #expect(domains == ["corp.example.test": false, "partner.example.test": false, "legacy.example.test": true])
        let unreachable = doc["unreachable"] as? [String: Any]
        #expect(
            Set(unreachable?["domainControllers"] as? [String] ?? []) == [dc2.host, rodc.host, partner.host])
        #expect(unreachable?["domains"] as? [String] == ["partner.example.test"])
        let seconds = (doc["run"] as? [String: Any])?["seconds"] as? Double ?? 99
        #expect(seconds < timeout + 1, "the run took \(seconds) s, more than the timeout plus one second")

        // The human table names the blocked endpoints too.
        let human = await ProbeLab.trustmap([
            "probe", snap, "--domain", "corp.example.test", "--timeout", "1", "--source", ProbeLab.source,
        ])
        #expect(human.status == .negative)
        #expect(human.out.contains("BLOCKED"))
        #expect(human.out.contains("\(dc2.ip)") && human.out.contains("445/tcp") && human.out.contains("filtered"))

        ProbeLab.removeRules()
        let restored = await ProbeLab.trustmap([
            "--json", "probe", snap, "--domain", "corp.example.test", "--source", ProbeLab.source,
        ])
        #expect(restored.status == .success, "\(restored.out)")
        #expect(try ProbeLab.json(restored.out)["canEnable"] as? Bool == true)
    }

    /// A plan file from `trustmap plan --json` is accepted as input and gives the same probes.
    @Test func planInput() async throws {
        ProbeLab.removeRules()
        let snap = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snap) }
        let plan = await ProbeLab.trustmap(["--json", "plan", snap, "--domain", "corp.example.test"])
        try #require(plan.status == .success)
        let planFile = snap + ".plan.json"
        try plan.out.write(toFile: planFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: planFile) }
        let fromPlan = try ProbeLab.json((await ProbeLab.trustmap(["--json", "probe", planFile])).out)
        let fromSnap = try ProbeLab.json(
            (await ProbeLab.trustmap(["--json", "probe", snap, "--domain", "corp.example.test"])).out)
        #expect(
            Set(ProbeLab.rows(fromPlan).map(ProbeLab.endpoint)) == Set(ProbeLab.rows(fromSnap).map(ProbeLab.endpoint)))
        #expect(fromPlan["canEnable"] as? Bool == true)
    }
}
