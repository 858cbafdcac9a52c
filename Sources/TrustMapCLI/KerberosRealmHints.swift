import Foundation
import TrustMapClients
import TrustMapModel

/// Makes libkrb5 find the KDCs of domains that only a `--dns-server-for` server knows.
///
/// libkrb5 locates a realm's KDCs through krb5.conf or the system's resolver, which may not know a
/// trusted domain that resolves only through its own DNS server. Before any Kerberos context
/// exists, this asks that server for the realm's `_kerberos._tcp` SRV records and their addresses,
/// writes a krb5.conf fragment naming them (`[realms] REALM = { kdc = IP:PORT }`, no secrets) in
/// a private directory, and puts it in front of `KRB5_CONFIG` (MIT reads a colon-separated list;
/// the first file wins), keeping the user's configuration behind it.
struct KerberosRealmHints {
    /// The fragment written, when one was.
    let file: URL?
    /// `KRB5_CONFIG` before the fragment was put in front (nil: unset).
    var previous: String? = nil

    /// Looks the KDCs up and installs the fragment; returns what it did (nothing when no server
    /// answered or none was given). Call before any Kerberos context is created.
    static func install(
        for servers: [DNSName: DNSServer], timeout: Double, environment: [String: String],
        progress: (String) -> Void
    ) async -> KerberosRealmHints {
        var realms: [(String, [String])] = []
        for (domain, server) in servers.sorted(by: { $0.key < $1.key }) {
            let resolver = DNSResolver(server: server, timeout: timeout, attempts: 2)
            guard let records = try? await resolver.srv("_kerberos._tcp.\(domain.value)"), !records.isEmpty else {
                continue
            }
            var kdcs: [String] = []
            for r in records {
                for a in (try? await resolver.addresses(r.target)) ?? [] {
                    kdcs.append(a.contains(":") ? "[\(a)]:\(r.port)" : "\(a):\(r.port)")
                }
            }
            if !kdcs.isEmpty { realms.append((domain.value.uppercased(), kdcs)) }
        }
        guard !realms.isEmpty else { return KerberosRealmHints(file: nil) }
        var text = "# Written by trustmap for this run: KDCs found through --dns-server-for.\n[realms]\n"
        for (realm, kdcs) in realms {
            text += "    \(realm) = {\n" + kdcs.map { "        kdc = \($0)\n" }.joined() + "    }\n"
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trustmap-krb5-\(UUID().uuidString)")
        let file = dir.appendingPathComponent("krb5.conf")
        do {
            try FileManager.default.createDirectory(
                at: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            return KerberosRealmHints(file: nil)
        }
        let previous = ProcessInfo.processInfo.environment["KRB5_CONFIG"]
        let rest = previous ?? environment["KRB5_CONFIG"] ?? "/etc/krb5.conf"
        setenv("KRB5_CONFIG", file.path + ":" + rest, 1)
        progress(
            "trustmap: KDCs from --dns-server-for: "
                + realms.map { "\($0.0) \($0.1.joined(separator: ","))" }.joined(separator: "; "))
        return KerberosRealmHints(file: file, previous: previous)
    }

    /// Removes the fragment and its directory and restores `KRB5_CONFIG`.
    func remove() {
        guard let file else { return }
        if let previous { setenv("KRB5_CONFIG", previous, 1) } else { unsetenv("KRB5_CONFIG") }
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }
}
