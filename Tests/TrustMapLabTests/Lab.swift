import Foundation
import Testing

/// The shipped Samba AD lab (tools/adlab), as the integration tests see it.
///
/// Lab tests run inside the lab's network namespace (`tools/adlab exec swift test`), where
/// /etc/resolv.conf points at the lab resolver and /etc/krb5.conf names the lab realms.
/// They are enabled when `TRUSTMAP_LAB_DIR` is set (tools/adlab exec sets it); with
/// `TRUSTMAP_LAB_REQUIRED=1` (tools/test sets it) a missing lab is a failure, not a skip.
enum Lab {
    /// The lab resolver (dnsmasq with conditional forwarders).
    static let resolver = "127.0.0.53"

    struct DC {
        let host: String
        let ip: String
        let domain: String
        let netbios: String
        let site: String
        let rodc: Bool
    }

    static let corp = "corp.example.test"
    static let partner = "partner.example.test"
    static let legacy = "legacy.example.test"

    static let dcs: [DC] = [
        DC(
            host: "dc1.corp.example.test", ip: "127.0.0.11", domain: corp, netbios: "CORP",
            site: "Default-First-Site-Name", rodc: false),
        DC(host: "dc2.corp.example.test", ip: "127.0.0.12", domain: corp, netbios: "CORP", site: "Branch", rodc: false),
        DC(
            host: "rodc1.corp.example.test", ip: "127.0.0.13", domain: corp, netbios: "CORP",
            site: "Default-First-Site-Name", rodc: true),
        DC(
            host: "dc1.partner.example.test", ip: "127.0.0.21", domain: partner, netbios: "PARTNER",
            site: "Default-First-Site-Name", rodc: false),
        DC(
            host: "dc1.legacy.example.test", ip: "127.0.0.31", domain: legacy, netbios: "LEGACY",
            site: "Default-First-Site-Name", rodc: false),
    ]

    static func dc(_ host: String) -> DC { dcs.first { $0.host == host }! }

    /// The lab's state directory, when the tests run inside the lab.
    static var directory: String? { ProcessInfo.processInfo.environment["TRUSTMAP_LAB_DIR"] }

    /// True when the lab tests should run.
    static var isAvailable: Bool { directory != nil }

    /// True when a missing lab must fail the run.
    static var isRequired: Bool { ProcessInfo.processInfo.environment["TRUSTMAP_LAB_REQUIRED"] == "1" }

    /// The secrets directory (passwords, keytabs), mode 0700.
    static var secrets: String { (directory ?? "/nonexistent") + "/secrets" }

    /// Path of a password file, e.g. `passwordFile("corp", "alice")`.
    static func passwordFile(_ domain: String, _ user: String) -> String { "\(secrets)/\(domain)-\(user).password" }

    /// Reads a password for a test (never printed).
    static func password(_ domain: String, _ user: String) throws -> String {
        try String(contentsOfFile: passwordFile(domain, user), encoding: .utf8)
    }

    /// The lab's id of a DC (`corp-dc1`), the name of its directory under `dcs/`.
    static func id(_ dc: DC) -> String {
        dc.netbios.lowercased() + "-" + dc.host.split(separator: ".")[0]
    }

    /// The CA certificate that signed a DC's LDAPS certificate.
    static func caFile(_ dc: DC) -> String {
        "\(directory ?? "/nonexistent")/dcs/\(id(dc))/private/tls/ca.pem"
    }

    /// Every DC's CA in one PEM bundle.
    static var caBundle: String { "\(directory ?? "/nonexistent")/tls/lab-ca-bundle.pem" }

    /// A DC's smb.conf.
    static func smbConf(_ dc: DC) -> String { "\(directory ?? "/nonexistent")/dcs/\(id(dc))/etc/smb.conf" }

    /// Runs a command (inside the namespace already) with `input` on its standard input (how
    /// passwords reach kinit: never argv) and returns its status, standard output and error.
    @discardableResult
    static func run(_ argv: [String], input: Data = Data(), environment: [String: String] = [:]) throws
        -> (status: Int32, out: String, err: String)
    {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        let inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        inp.fileHandleForWriting.write(input)
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A UDP or TCP socket bound to 127.0.0.1 on a free port that never answers (TCP: listening,
    /// so the handshake completes), for timeout tests; returns the descriptor and the port.
    static func silentSocket(tcp: Bool) -> (fd: Int32, port: UInt16)? {
        let fd = socket(AF_INET, tcp ? Int32(SOCK_STREAM.rawValue) : Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, !tcp || listen(fd, 8) == 0 else {
            close(fd)
            return nil
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            return nil
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}

@Suite struct LabPresence {
    @Test(.enabled(if: Lab.isRequired)) func labIsUpWhenRequired() throws {
        #expect(
            Lab.isAvailable, "TRUSTMAP_LAB_REQUIRED=1 but TRUSTMAP_LAB_DIR is not set: run through tools/adlab exec")
        #expect(FileManager.default.fileExists(atPath: Lab.secrets), "lab secrets directory missing")
    }
}
