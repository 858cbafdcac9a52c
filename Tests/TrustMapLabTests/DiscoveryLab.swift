import Foundation
import Testing
import TrustMapModel

/// Runs the built `trustmap discover` inside the lab and asks the DCs themselves (ldapsearch as
/// each domain's Administrator over LDAPS, `samba-tool domain trust show`, dig) what it should have found.
enum DiscoveryLab {
    /// The `trustmap` executable next to the test runner (`swift test` builds it).
    static var executable: String? {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("trustmap").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// tools/adlab in this checkout.
    static let adlab = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/adlab").path

    /// The group id the fault tests' nft rules match: only our own `trustmap` runs see the faults.
    static let faultGroup = 4242

    struct Run {
        var status: Int32
        var out: String
        var err: String
        var seconds: Double
        /// The snapshot written with `-o`, when one was.
        var snapshotBytes: Data?
        var snapshot: Snapshot?
    }

    /// A fresh private directory for one run's files.
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trustmap-disco-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return dir
    }

    /// Runs `trustmap discover ARGS -o <scratch>/snap.json` (unless `output` is false) and decodes the snapshot.
    /// With `faultGroup`, the process runs with that group id so that the test's nft rules hit it alone.
    static func discover(_ arguments: [String], output: Bool = true, faultGroup: Bool = false) throws -> Run {
        let binary = try #require(executable, "trustmap is not next to the test runner")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("snap.json").path
        var argv = [binary, "discover"] + arguments + (output ? ["-o", path] : [])
        if faultGroup { argv = ["setpriv", "--regid", String(Self.faultGroup), "--clear-groups", "--"] + argv }
        let started = Date()
        let r = try Lab.run(argv)
        let seconds = Date().timeIntervalSince(started)
        var run = Run(status: r.status, out: r.out, err: r.err, seconds: seconds)
        if output, let data = FileManager.default.contents(atPath: path) {
            run.snapshotBytes = data
            run.snapshot = try JSONDecoder().decode(Snapshot.self, from: data)
        }
        return run
    }

    /// `--user U@REALM --password-file F` for a lab user.
    static func login(_ netbios: String, _ user: String) -> [String] {
        [
            "--user", "\(user)@\(netbios.uppercased()).EXAMPLE.TEST", "--password-file",
            Lab.passwordFile(netbios.lowercased(), user),
        ]
    }

    /// Every lab password, to look for in outputs.
    static func passwords() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Lab.secrets).filter {
            $0.hasSuffix(".password")
        }
        return try names.map { try String(contentsOfFile: "\(Lab.secrets)/\($0)", encoding: .utf8) }.filter {
            !$0.isEmpty
        }
    }

    // MARK: The DCs' own answers

    /// One LDAP entry from ldapsearch: attribute (lower-case) to values; binary values stay base64.
    struct Entry {
        var dn: String
        var attributes: [String: [String]]
        func first(_ name: String) -> String? { attributes[name.lowercased()]?.first }
        func all(_ name: String) -> [String] { attributes[name.lowercased()] ?? [] }
    }

    /// `ldapsearch` as the domain's Administrator over LDAPS to its first DC (password from the file).
    static func search(
        _ domain: String, base: String, scope: String = "sub", filter: String, attributes: [String]
    ) throws -> [Entry] {
        let netbios = String(domain.split(separator: ".")[0])
        let host = "dc1.\(domain)"
        let r = try Lab.run(
            [
                "ldapsearch", "-x", "-LLL", "-o", "ldif-wrap=no", "-H", "ldaps://\(host)", "-D",
                "Administrator@\(domain)", "-y", Lab.passwordFile(netbios, "administrator"), "-b", base, "-s", scope,
                filter,
            ] + attributes,
            environment: ["LDAPTLS_CACERT": Lab.caBundle])
        guard r.status == 0 else { throw LabFailure("ldapsearch \(base) \(filter) on \(host): \(r.err)") }
        var out: [Entry] = []
        for block in r.out.components(separatedBy: "\n\n") {
            var entry: Entry?
            for line in block.split(separator: "\n").map(String.init) where !line.hasPrefix("#") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if name == "dn" {
                    let text =
                        value.hasPrefix(":")
                        ? String(
                            decoding: Data(
                                base64Encoded: String(value.dropFirst()).trimmingCharacters(in: .whitespaces))
                                ?? Data(), as: UTF8.self)
                        : value
                    entry = Entry(dn: text, attributes: [:])
                } else {
                    entry?.attributes[name, default: []].append(value)
                }
            }
            if let entry { out.append(entry) }
        }
        return out
    }

    /// A text value (decoding `::` base64 forms).
    static func text(_ raw: String?) -> String? {
        guard let raw else { return nil }
        if raw.hasPrefix(":") {
            return Data(base64Encoded: String(raw.dropFirst()).trimmingCharacters(in: .whitespaces))
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return raw
    }

    /// A binary SID value (always base64 in ldapsearch output) in string form.
    static func sid(_ raw: String?) throws -> String? {
        guard let raw, raw.hasPrefix(":") else { return nil }
        let bytes = try #require(Data(base64Encoded: String(raw.dropFirst()).trimmingCharacters(in: .whitespaces)))
        return try SID(binary: [UInt8](bytes)).description
    }

    static func nc(_ domain: String) -> String {
        domain.split(separator: ".").map { "DC=\($0)" }.joined(separator: ",")
    }

    /// `samba-tool domain trust show PARTNER` on the domain's first DC, as key -> value.
    static func trustShow(_ domain: String, _ partner: String) throws -> [String: String] {
        let short = String(domain.split(separator: ".")[0])
        let r = try Lab.run([adlab, "samba-tool", short, "domain", "trust", "show", partner])
        guard r.status == 0 else { throw LabFailure("samba-tool domain trust show \(partner) on \(domain): \(r.err)") }
        var fields: [String: String] = [:]
        var inTrusted = false
        for line in r.out.split(separator: "\n") {
            if line.hasPrefix("TrustedDomain:") { inTrusted = true }
            guard inTrusted, let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// The partners `samba-tool domain trust list` names on the domain's first DC.
    static func trustList(_ domain: String) throws -> [String] {
        let short = String(domain.split(separator: ".")[0])
        let r = try Lab.run([adlab, "samba-tool", short, "domain", "trust", "list"])
        guard r.status == 0 else { throw LabFailure("samba-tool domain trust list on \(domain): \(r.err)") }
        return r.out.split(separator: "\n").compactMap { line in
            guard let open = line.range(of: "Name["), let close = line[open.upperBound...].firstIndex(of: "]") else {
                return nil
            }
            return String(line[open.upperBound..<close])
        }.sorted()
    }

    /// `dig +short` answers (address records, or SRV targets without the final dot), sorted.
    static func dig(_ name: String, _ type: String, server: String = Lab.resolver) throws -> [String] {
        let r = try Lab.run(["dig", "+short", "+time=2", "+tries=1", "@\(server)", name, type])
        guard r.status == 0 else { throw LabFailure("dig \(name) \(type): \(r.err)") }
        return r.out.split(separator: "\n").map { line in
            let last = String(line.split(separator: " ").last ?? "")
            return last.hasSuffix(".") ? String(last.dropLast()) : last
        }.sorted()
    }

    /// The snapshot with the run-dependent metadata blanked, as JSON bytes.
    static func withoutRunTimes(_ snapshot: Snapshot) throws -> Data {
        var s = snapshot
        s.metadata.collectedAt = ""
        s.metadata.durationSeconds = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(s)
    }

    // MARK: Faults

    /// Adds nft rules (inside the namespace) that hit only processes of `faultGroup`, runs `body`,
    /// and always deletes them. `refusing` matches are rejected at once (RST, port unreachable), as
    /// by a host whose service is stopped; `dropping` matches vanish silently, as behind a firewall:
    /// they are marked on output and dropped on input (a drop on output would fail the send at
    /// once with EPERM, which no remote firewall does).
    static func withFault<R>(refusing: [String] = [], dropping: [String] = [], _ body: () throws -> R) throws -> R {
        let table = "trustmap_disco_fault"
        _ = try? Lab.run(["nft", "delete", "table", "inet", table])
        let mark = "0x\(String(faultGroup, radix: 16))"
        var rules = refusing.flatMap { match in
            [
                "add rule inet \(table) out meta skgid \(faultGroup) \(match) meta l4proto tcp reject with tcp reset",
                "add rule inet \(table) out meta skgid \(faultGroup) \(match) reject",
            ]
        }
        rules += dropping.map { match in
            "add rule inet \(table) out meta skgid \(faultGroup) \(match) meta mark set \(mark)"
        }
        let script =
            [
                "add table inet \(table)",
                "add chain inet \(table) out { type filter hook output priority 0; policy accept; }",
                "add chain inet \(table) in { type filter hook input priority 0; policy accept; }",
                "add rule inet \(table) in meta mark \(mark) drop",
            ] + rules
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("fault.nft")
        try Data((script.joined(separator: "\n") + "\n").utf8).write(to: file)
        let setup = try Lab.run(["nft", "-f", file.path])
        defer { _ = try? Lab.run(["nft", "delete", "table", "inet", table]) }
        guard setup.status == 0 else { throw LabFailure("nft -f: \(setup.err)") }
        return try body()
    }
}

extension Snapshot {
    /// The domain with this DNS name (a test shorthand that does not throw).
    func domain(named name: String) -> Domain? { domains.first { $0.dnsName.value == name } }
}
