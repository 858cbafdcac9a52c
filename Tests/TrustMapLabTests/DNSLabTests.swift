import Foundation
import Glibc
import Testing
import TrustMapClients

// DNS lookups through glibc's resolver against the lab: the lab resolver (dnsmasq), the DCs' own
// DNS servers, and helper servers started here on loopback inside the namespace. Every expected
// value comes from dig asking the same server.

/// What dig says about a query.
private enum Dig {
    /// `dig +short SRV name [@server]` as records (TTL 0: dig +short does not print it).
    static func srv(_ name: String, server: String? = nil, port: Int? = nil) throws -> Set<SRVRecord> {
        var argv = ["dig", "+short", "+tries=2", "+time=3"]
        if let port { argv += ["-p", String(port)] }
        if let server { argv.append("@\(server)") }
        argv += ["SRV", name]
        let out = try Lab.run(argv).out
        var records = Set<SRVRecord>()
        for line in out.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 4, let p = UInt16(f[0]), let w = UInt16(f[1]), let port = UInt16(f[2]) else { continue }
            records.insert(SRVRecord(priority: p, weight: w, port: port, target: String(f[3]), ttl: 0))
        }
        return records
    }

    /// The A and AAAA answers of `host`, as dig prints them.
    static func addresses(_ host: String, server: String? = nil) throws -> Set<String> {
        var result = Set<String>()
        for type in ["A", "AAAA"] {
            var argv = ["dig", "+short", "+tries=2", "+time=3"]
            if let server { argv.append("@\(server)") }
            argv += [type, host]
            for line in try Lab.run(argv).out.split(separator: "\n") where !line.hasSuffix(".") {
                result.insert(String(line))
            }
        }
        return result
    }

    /// The status word of the header (NOERROR, NXDOMAIN, SERVFAIL, REFUSED), or nil without an answer.
    static func status(_ name: String, _ type: String, server: String, port: Int = 53) throws -> String? {
        let out = try Lab.run(["dig", "+tries=1", "+time=3", "-p", String(port), "@\(server)", type, name]).out
        guard let range = out.range(of: "status: ") else { return nil }
        return String(out[range.upperBound...].prefix { $0.isLetter })
    }

    /// The number of records in the answer section.
    static func answerCount(_ name: String, _ type: String, server: String) throws -> Int? {
        let out = try Lab.run(["dig", "+tries=1", "+time=3", "@\(server)", type, name]).out
        guard let range = out.range(of: "ANSWER: ") else { return nil }
        return Int(out[range.upperBound...].prefix { $0.isNumber })
    }
}

/// Records compared without TTL (dig +short does not print it).
private func withoutTTL(_ records: [SRVRecord]) -> Set<SRVRecord> {
    Set(records.map { SRVRecord(priority: $0.priority, weight: $0.weight, port: $0.port, target: $0.target, ttl: 0) })
}

/// The error a lookup threw, or nil if it succeeded.
private func failure<T>(_ body: () async throws(DNSError) -> T) async -> DNSError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// A UDP port on 127.0.0.1 that was free a moment ago.
private func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
    }
    _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// A UDP socket on 127.0.0.1 that receives queries and never answers them.
private final class SilentServer {
    let fd: Int32
    let port: Int
    init() {
        let socketFD = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, len) }
        }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &len) }
        }
        fd = socketFD
        port = Int(UInt16(bigEndian: addr.sin_port))
    }
    deinit { close(fd) }
}

/// A helper server that would not start.
private struct HelperFailure: Error, CustomStringConvertible {
    let description: String
}

/// A dnsmasq started for one test on loopback inside the namespace, ended (by its own PID) at the end.
///
/// Spawned with posix_spawn, not Foundation's `Process`: dnsmasq closes the descriptors it inherits,
/// which Foundation takes for the child's exit; its monitor thread then blocks in waitpid on the
/// still-running dnsmasq and every other `Process` in the test run (dig, samba-tool) hangs. The child
/// also gets an empty signal mask (test threads block SIGTERM, and a child inherits that).
private final class HelperDNS {
    private(set) var pid: pid_t = 0
    let port: Int

    /// Starts dnsmasq listening on `address`:`port` with `options`, and waits until it answers.
    init(address: String, options: [String]) throws {
        port = freePort()
        let argv =
            [
                "/usr/sbin/dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--bind-interfaces", "--listen-address=\(address)", "--port=\(port)", "--pid-file=",
                "--log-facility=/dev/null",
            ] + options
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, argv[0], &files, &attributes, &cArgs, environ)
        guard status == 0 else {
            throw HelperFailure(description: "posix_spawn dnsmasq: \(String(cString: strerror(status)))")
        }
        pid = child
        for _ in 0..<40 {
            if try Dig.status("corp.example.test", "SOA", server: address, port: port) != nil { return }
            usleep(250_000)
        }
        stop()
        throw HelperFailure(description: "helper dnsmasq on \(address) port \(port) did not answer within 10 s")
    }

    /// Ends the helper and reaps it.
    func stop() {
        guard pid > 0 else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        pid = 0
    }

    deinit { stop() }
}

@Suite(.enabled(if: Lab.isAvailable)) struct DNSLabTests {
    static let dc1 = Lab.dc("dc1.corp.example.test")
    static let dc2 = Lab.dc("dc2.corp.example.test")

    static let corpNames = [
        "_ldap._tcp.dc._msdcs.corp.example.test",
        "_ldap._tcp.corp.example.test",
        "_kerberos._tcp.corp.example.test",
        "_kerberos._udp.corp.example.test",
        "_gc._tcp.corp.example.test",
        "_ldap._tcp.Branch._sites.dc._msdcs.corp.example.test",
        "_ldap._tcp.Default-First-Site-Name._sites.corp.example.test",
    ]

    @Test(arguments: corpNames) func srvAtTheDCMatchesDig(name: String) async throws {
        let expected = try Dig.srv(name, server: Self.dc1.ip)
        #expect(!expected.isEmpty, "dig found no SRV records for \(name)")
        let resolver = DNSResolver(server: try DNSServer(parsing: Self.dc1.ip))
        let records = try await resolver.srv(name)
        #expect(withoutTTL(records) == expected)
        #expect(records.map(\.priority) == records.map(\.priority).sorted(), "not in priority order")
        #expect(records.allSatisfy { $0.ttl > 0 && $0.target == $0.target.lowercased() && !$0.target.hasSuffix(".") })
    }

    @Test func dcLocatorRecordsNameTheWritableDCs() async throws {
        let resolver = DNSResolver(server: try DNSServer(parsing: "\(Self.dc1.ip):53"))
        let targets = Set(try await resolver.srv("_ldap._tcp.dc._msdcs.corp.example.test").map(\.target))
        let writable = Set(Lab.dcs.filter { $0.domain == Lab.corp && !$0.rodc }.map(\.host))
        #expect(writable.isSubset(of: targets), "\(targets)")
        let branch = Set(try await resolver.srv("_ldap._tcp.Branch._sites.dc._msdcs.corp.example.test").map(\.target))
        #expect(branch.contains(Self.dc2.host), "\(branch)")
    }

    @Test(
        arguments: corpNames + [
            "_ldap._tcp.partner.example.test", "_ldap._tcp.dc._msdcs.partner.example.test",
            "_kerberos._tcp.partner.example.test", "_ldap._tcp.legacy.example.test",
            "_ldap._tcp.dc._msdcs.legacy.example.test", "_kerberos._tcp.legacy.example.test",
        ])
    func srvThroughTheLabResolverAndTheSystemMatchesDig(name: String) async throws {
        let expected = try Dig.srv(name, server: Lab.resolver)
        #expect(!expected.isEmpty, "dig found no SRV records for \(name)")
        let lab = try await DNSResolver(server: try DNSServer(parsing: Lab.resolver)).srv(name)
        #expect(withoutTTL(lab) == expected)
        // Inside the namespace /etc/resolv.conf names the lab resolver.
        let system = try await DNSResolver().srv(name)
        #expect(withoutTTL(system) == expected)
    }

    @Test func partnerAndLegacyAnswerAtTheirOwnDCs() async throws {
        for dc in Lab.dcs where dc.domain != Lab.corp {
            let name = "_ldap._tcp.dc._msdcs.\(dc.domain)"
            let records = try await DNSResolver(server: try DNSServer(parsing: dc.ip)).srv(name)
            #expect(withoutTTL(records) == (try Dig.srv(name, server: dc.ip)))
            #expect(records.map(\.target).contains(dc.host))
        }
    }

    @Test(arguments: Lab.dcs.map(\.host)) func addressesMatchDig(host: String) async throws {
        let system = try await DNSResolver().addresses(host)
        #expect(Set(system) == (try Dig.addresses(host)))
        #expect(system.contains(Lab.dc(host).ip))
        let direct = try await DNSResolver(server: try DNSServer(parsing: Lab.resolver)).addresses(host)
        #expect(direct == system)
    }

    @Test func dc2HasItsLabAddress() async throws {
        let addresses = try await DNSResolver(server: try DNSServer(parsing: Self.dc1.ip)).addresses(Self.dc2.host)
        #expect(Set(addresses) == (try Dig.addresses(Self.dc2.host, server: Self.dc1.ip)))
        #expect(addresses == [Self.dc2.ip])
    }

    @Test(arguments: [Lab.corp, Lab.partner, Lab.legacy]) func soaMatchesDig(zone: String) async throws {
        // The DCs bump the serial whenever they register records, so ours must lie between two
        // readings of dig's.
        let before = try Lab.run(["dig", "+short", "SOA", zone]).out.split(separator: " ").map(String.init)
        let soa = try await DNSResolver().soa(zone)
        let fields = try Lab.run(["dig", "+short", "SOA", zone]).out.split(separator: " ").map(String.init)
        try #require(fields.count == 7 && before.count == 7, "dig +short SOA \(zone): \(fields)")
        #expect(soa.zone == zone)
        #expect(soa.primaryServer + "." == fields[0].lowercased())
        #expect(soa.responsible + "." == fields[1].lowercased())
        #expect(UInt32(before[2])! <= soa.serial && soa.serial <= UInt32(fields[2])!)
        #expect(String(soa.minimum) == fields[6].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: [Lab.corp, Lab.partner, Lab.legacy]) func nameServersMatchDig(zone: String) async throws {
        let ours = try await DNSResolver().nameServers(zone)
        let dig = try Lab.run(["dig", "+short", "NS", zone]).out.split(separator: "\n")
            .map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". ")) }.sorted()
        #expect(!ours.isEmpty)
        #expect(ours == dig)
    }

    @Test func missingNameIsNXDOMAIN() async throws {
        let name = "trustmap-missing-\(UInt32.random(in: 0...UInt32.max)).corp.example.test"
        for server in [Self.dc1.ip, Lab.resolver] {
            #expect(try Dig.status(name, "SRV", server: server) == "NXDOMAIN")
            let dnsServer = try DNSServer(parsing: server)
            let error = await failure { () async throws(DNSError) in
                try await DNSResolver(server: dnsServer).srv(name)
            }
            #expect(error?.kind == .nxdomain, "\(String(describing: error))")
            #expect(error?.name == name && error?.recordType == .srv && error?.server == dnsServer)
            #expect(error?.responseCode == 3)
        }
        let addressError = await failure { () async throws(DNSError) in try await DNSResolver().addresses(name) }
        #expect(addressError?.kind == .nxdomain)
    }

    @Test func nameWithoutSRVIsNoData() async throws {
        let name = Self.dc2.host
        #expect(try Dig.status(name, "SRV", server: Self.dc1.ip) == "NOERROR")
        #expect(try Dig.answerCount(name, "SRV", server: Self.dc1.ip) == 0)
        let server = try DNSServer(parsing: Self.dc1.ip)
        let error = await failure { () async throws(DNSError) in try await DNSResolver(server: server).srv(name) }
        #expect(error?.kind == .noData, "\(String(describing: error))")
        // An existing name that is not a zone apex has no SOA of its own.
        let soaError = await failure { () async throws(DNSError) in try await DNSResolver(server: server).soa(name) }
        #expect(soaError?.kind == .noData, "\(String(describing: soaError))")
    }

    @Test func labResolverRefusesZonesItDoesNotForward() async throws {
        // The lab resolver (dnsmasq, no-resolv) forwards only the lab zones and refuses everything else.
        let name = "_ldap._tcp.example.org"
        #expect(try Dig.status(name, "SRV", server: Lab.resolver) == "REFUSED")
        let error = await failure { () async throws(DNSError) in
            try await DNSResolver(server: try DNSServer(parsing: Lab.resolver)).srv(name)
        }
        #expect(error?.kind == .refused, "\(String(describing: error))")
        #expect(error?.responseCode == 5)
    }

    @Test func validatingResolverGivesSERVFAIL() async throws {
        // A validating resolver in front of the corp DC: the unsigned lab zones cannot be proved
        // insecure from the root trust anchor (no path to the root), so validation fails: SERVFAIL.
        let helper = try HelperDNS(
            address: "127.0.0.1",
            options: [
                "--dnssec",
                "--trust-anchor=.,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
                "--server=\(Self.dc1.ip)",
            ])
        defer { helper.stop() }
        let name = "_ldap._tcp.corp.example.test"
        #expect(try Dig.status(name, "SRV", server: "127.0.0.1", port: helper.port) == "SERVFAIL")
        let server = try DNSServer(parsing: "127.0.0.1:\(helper.port)")
        let error = await failure { () async throws(DNSError) in
            try await DNSResolver(server: server, timeout: 2, attempts: 1).srv(name)
        }
        #expect(error?.kind == .servfail, "\(String(describing: error))")
        #expect(error?.responseCode == 2)
    }

    @Test func silentServerTimesOut() async throws {
        let silent = SilentServer()
        let server = try DNSServer(parsing: "127.0.0.1:\(silent.port)")
        let start = Date()
        let error = await failure { () async throws(DNSError) in
            try await DNSResolver(server: server, timeout: 1, attempts: 2).srv("_ldap._tcp.corp.example.test")
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(error?.kind == .timeout, "\(String(describing: error))")
        #expect(elapsed >= 1.5 && elapsed < 10, "took \(elapsed) s for 2 attempts of 1 s")
        withExtendedLifetime(silent) {}
    }

    @Test func closedPortIsANetworkError() async throws {
        let server = try DNSServer(parsing: "127.0.0.1:\(freePort())")
        let error = await failure { () async throws(DNSError) in
            try await DNSResolver(server: server, timeout: 1, attempts: 1).srv("_ldap._tcp.corp.example.test")
        }
        #expect(error?.kind == .network, "\(String(describing: error))")
    }

    @Test func ipv6ServerWorks() async throws {
        let helper = try HelperDNS(address: "::1", options: ["--server=/\(Lab.corp)/\(Self.dc1.ip)"])
        defer { helper.stop() }
        let name = "_ldap._tcp.corp.example.test"
        let expected = try Dig.srv(name, server: "::1", port: helper.port)
        #expect(!expected.isEmpty)
        let server = try DNSServer(parsing: "[::1]:\(helper.port)")
        #expect(server.description == "[::1]:\(helper.port)")
        let records = try await DNSResolver(server: server).srv(name)
        #expect(withoutTTL(records) == expected)
        #expect(try await DNSResolver(server: server).addresses(Self.dc2.host) == [Self.dc2.ip])
    }

    /// A test-only SRV name with enough records (about 1 700 bytes) that the answer exceeds both 512 bytes
    /// and the 1 232 bytes above which Samba's DNS server truncates UDP answers (it ignores EDNS). Created with
    /// samba-tool (Administrator's password read from its file inside samba-tool, never in argv)
    /// and left in place: the next run finds them and adds nothing.
    static let bigName = "_trustmap-truncation._tcp"
    static let bigTargets = (1...32).map { (index: $0, host: "trustmap-truncation-target-\($0).corp.example.test") }

    static func ensureBigRecordSet() throws {
        let fqdn = "\(bigName).\(Lab.corp)"
        let present = Set(try Dig.srv(fqdn, server: dc1.ip).map(\.target))
        let adlab = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/adlab").path
        for target in bigTargets where !present.contains(target.host) {
            let data = "\(target.host) 389 \(target.index % 3) \(target.index * 10)"
            let result = try Lab.run([
                adlab, "samba-tool", "corp", "dns", "add", dc1.ip, Lab.corp, bigName, "SRV", data,
                "-U", "CORP\\Administrator", "--password=@@file:\(Lab.passwordFile("corp", "administrator"))@@",
            ])
            #expect(result.status == 0, "samba-tool dns add \(target.host): \(result.err)")
        }
    }

    @Test func largeRecordSetFromTheDCIsComplete() async throws {
        try Self.ensureBigRecordSet()
        let name = "\(Self.bigName).\(Lab.corp)"
        let expected = try Dig.srv(name, server: Self.dc1.ip)
        #expect(expected.count >= Self.bigTargets.count)
        // Samba 4.17 sends the whole 1.7 KB answer in one UDP datagram even without EDNS (it never sets
        // TC); glibc takes it because the answer buffer has room for 64 KiB.
        let records = try await DNSResolver(server: try DNSServer(parsing: Self.dc1.ip)).srv(name)
        #expect(withoutTTL(records) == expected)
        #expect(records.map(\.priority) == records.map(\.priority).sorted())
        let system = try await DNSResolver().srv(name)
        #expect(withoutTTL(system) == (try Dig.srv(name, server: Lab.resolver)))
    }

    @Test func truncatedAnswerIsFetchedOverTCP() async throws {
        // dnsmasq serving 32 SRV records itself truncates its UDP answer to 512 bytes for a client
        // without EDNS (glibc's case) and sets TC; the full answer comes over TCP.
        let name = "_big._tcp.trustmap.test"
        let records = (1...32).map {
            "--srv-host=\(name),trustmap-truncation-target-\($0).trustmap.test,389,\($0 % 3),\($0 * 10)"
        }
        let helper = try HelperDNS(address: "127.0.0.1", options: records)
        defer { helper.stop() }
        let port = String(helper.port)
        let udp = try Lab.run([
            "dig", "+noedns", "+ignore", "+tries=1", "+time=3", "-p", port, "@127.0.0.1", "SRV", name,
        ])
        let flags = udp.out.split(separator: "\n").first { $0.contains(";; flags:") } ?? ""
        #expect(flags.contains(" tc"), "expected a truncated UDP answer: \(flags)")
        #expect(!flags.contains("ANSWER: 32"), "\(flags)")
        let expected = try Dig.srv(name, server: "127.0.0.1", port: helper.port)  // dig retries over TCP itself
        #expect(expected.count == 32)
        let server = try DNSServer(parsing: "127.0.0.1:\(helper.port)")
        let answer = try await DNSResolver(server: server).srv(name)
        #expect(withoutTTL(answer) == expected)
        #expect(answer.map(\.priority) == answer.map(\.priority).sorted())
    }

    @Test func concurrentLookupsUseSeparateStates() async throws {
        let resolver = DNSResolver(server: try DNSServer(parsing: Self.dc1.ip))
        let expected = try Dig.srv(Self.corpNames[0], server: Self.dc1.ip)
        try await withThrowingTaskGroup(of: Set<SRVRecord>.self) { group in
            for _ in 0..<16 {
                group.addTask { withoutTTL(try await resolver.srv(Self.corpNames[0])) }
            }
            for try await records in group { #expect(records == expected) }
        }
    }
}

/// DNSServer parsing and name checks: no lab needed.
@Suite struct DNSServerParsingTests {
    @Test func parsesAddressesAndPorts() throws {
        #expect(try DNSServer(parsing: "127.0.0.11").description == "127.0.0.11:53")
        #expect(try DNSServer(parsing: "127.0.0.11:5353").port == 5353)
        #expect(try DNSServer(parsing: "[::1]:53").description == "[::1]:53")
        #expect(try DNSServer(parsing: "::1").description == "[::1]:53")
        #expect(try DNSServer(parsing: "fe80::1:2").host == "fe80::1:2")
        #expect(try DNSServer(parsing: " 10.0.0.1 ").host == "10.0.0.1")
        #expect(DNSServer.system.isSystem && DNSServer.system.host == nil)
        #expect(try DNSServer(parsing: "127.0.0.11") == (try DNSServer(parsing: "127.0.0.11:53")))
    }

    @Test(arguments: [
        "", "dc1.corp.example.test", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:+53",
        "[::1", "[::1]x", "[127.0.0.1]:53", "1.2.3", "1.2.3.4.5", "::1%lo", "[::1]:port",
    ])
    func rejectsBadText(text: String) {
        do {
            _ = try DNSServer(parsing: text)
            Issue.record("accepted \"\(text)\"")
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.description.contains("\"\(text)\""), "\(error)")
        }
    }

    @Test func overLongLabelIsAnInvalidName() async {
        let name = String(repeating: "a", count: 64) + ".example.test"
        let error = await failure { () async throws(DNSError) in
            try await DNSResolver(server: try DNSServer(parsing: "127.0.0.1:9")).srv(name)
        }
        #expect(error?.kind == .invalidName, "\(String(describing: error))")
        #expect(error?.name == name)
    }
}
