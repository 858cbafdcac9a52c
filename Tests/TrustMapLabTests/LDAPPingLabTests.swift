import Dispatch
import Foundation
import Glibc
import Testing
import TrustMapClients
import TrustMapModel
import TrustMapWire

/// What `net ads lookup -S IP` (Samba's own CLDAP client) printed for one DC.
struct NetAdsLookup {
    /// `Key: value` lines, keys trimmed (flag lines under `Flags:` included, with yes/no values).
    let fields: [String: String]

    /// The DS flag that each `Flags:` line of `net ads lookup` reports.
    static let flagLabels: [String: DSFlags] = [
        "Is a PDC": .pdc, "Is a GC of the forest": .gc, "Is an LDAP server": .ldap, "Supports DS": .ds,
        "Is running a KDC": .kdc, "Is running time services": .timeserv, "Is the closest DC": .closest,
        "Is writable": .writable, "Has a hardware clock": .goodTimeserv,
        "Is a non-domain NC serviced by LDAP server": .ndnc, "Is NT6 DC that has some secrets": .selectSecretDomain6,
        "Is NT6 DC that has all secrets": .fullSecretDomain6, "Runs Active Directory Web Services": .ws,
        "Runs on Windows 2012 or later": .ds8, "Runs on Windows 2012R2 or later": .ds9,
        "Runs on Windows 2016 or later": .ds10, "Has a DNS name": .dnsController, "Is a default NC": .dnsDomain,
        "Is the forest root": .dnsForest,
    ]

    /// Runs `tools/adlab netads IP` (inside the lab namespace already; the script enters the DC's
    /// mount namespace for /run/samba) and parses its output.
    static func run(_ ip: String) throws -> NetAdsLookup {
        let adlab = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/adlab").path
        let result = try Lab.run([adlab, "netads", ip])
        guard result.status == 0 else {
            throw LabFailure("tools/adlab netads \(ip) exited \(result.status): \(result.err)")
        }
        var fields: [String: String] = [:]
        for line in result.out.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return NetAdsLookup(fields: fields)
    }

    /// The flags lines that were printed, each with its yes/no.
    var flags: [(label: String, flag: DSFlags, set: Bool)] {
        Self.flagLabels.compactMap { label, flag in fields[label].map { (label, flag, $0 == "yes") } }
    }
}

struct LabFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite(.enabled(if: Lab.isAvailable, "needs the Samba lab (tools/adlab exec)"))
struct LDAPPingLabTests {
    @Test(arguments: Lab.dcs.map(\.host))
    func pingAgreesWithNetAdsLookup(host: String) async throws {
        let dc = Lab.dc(host)
        let response = try await LDAPPing.ping(address: dc.ip, timeout: 3)
        let samba = try NetAdsLookup.run(dc.ip)

        #expect(samba.fields["Information for Domain Controller"] == dc.ip)
        #expect(samba.fields["Response Type"] == "LOGON_SAM_LOGON_RESPONSE_EX")
        #expect(response.opcode == NetlogonResponse.opcodeResponseEx)
        #expect(response.domainGUID == samba.fields["GUID"])
        let printed = samba.flags
        #expect(printed.count >= 12, "net ads lookup printed too few flag lines: \(samba.fields)")
        for line in printed {
            #expect(response.flags.contains(line.flag) == line.set, "\(host): flag '\(line.label)'")
        }
        #expect(response.dnsForestName == samba.fields["Forest"])
        #expect(response.dnsDomainName == samba.fields["Domain"])
        #expect(response.dnsHostName == samba.fields["Domain Controller"])
        #expect(response.netbiosDomainName == samba.fields["Pre-Win2k Domain"])
        #expect(response.netbiosComputerName == samba.fields["Pre-Win2k Hostname"])
        #expect(response.dcSiteName == samba.fields["Server Site Name"])
        #expect(response.clientSiteName == samba.fields["Client Site Name"])
        #expect(response.userName == "")

        // And with what the lab says it built.
        #expect(response.dnsHostName.lowercased() == dc.host)
        #expect(response.dnsDomainName.lowercased() == dc.domain)
        #expect(response.netbiosDomainName == dc.netbios)
        #expect(response.dcSiteName == dc.site)
        #expect(response.flags.contains(.writable) == !dc.rodc)
        #expect(response.flags.contains(.selectSecretDomain6) == dc.rodc)
    }

    @Test(arguments: Lab.dcs.map(\.host))
    func socketAddressIsTheDCsOwn(host: String) async throws {
        let dc = Lab.dc(host)
        let response = try await LDAPPing.ping(
            address: dc.ip, domain: dc.domain, ntVersion: [.v5, .v5ex, .v5ep], timeout: 3)
        #expect(response.dcSocketAddress == dc.ip)
        #expect(NetlogonNtVersion(rawValue: response.ntVersion).contains(.v5ep))
        #expect(response.dnsDomainName.lowercased() == dc.domain)
    }

    @Test func anotherDomainGetsNoEntry() async {
        let corp = Lab.dc("dc1.corp.example.test")
        await #expect {
            _ = try await LDAPPing.ping(address: corp.ip, domain: Lab.partner, timeout: 3)
        } throws: { error in
            (error as? LDAPPingError)?.kind == .noNetlogonEntry
        }
    }

    @Test func knownAndUnknownUsers() async throws {
        let corp = Lab.dc("dc1.corp.example.test")
        let known = try await LDAPPing.ping(
            address: corp.ip, domain: Lab.corp, user: "alice", accountControl: 0x10, timeout: 3)
        #expect(known.opcode == NetlogonResponse.opcodeResponseEx)
        #expect(known.userName == "alice")
        let unknown = try await LDAPPing.ping(
            address: corp.ip, domain: Lab.corp, user: "no-such-user", accountControl: 0x10, timeout: 3)
        #expect(unknown.opcode == NetlogonResponse.opcodeUserUnknownEx)
        #expect(unknown.userName == "no-such-user")
    }

    @Test func v5OnlyReplyIsReportedAsMalformedWithTheOpcode() async {
        let corp = Lab.dc("dc1.corp.example.test")
        await #expect {
            _ = try await LDAPPing.ping(address: corp.ip, ntVersion: .v5, timeout: 3)
        } throws: { error in
            guard case .malformedReply(let wire)? = (error as? LDAPPingError)?.kind else { return false }
            return wire.code == .unsupportedOpcode && wire.offset == 0
        }
    }

    @Test func concurrentPingsToEveryDCAllAnswer() async throws {
        let responses = try await withThrowingTaskGroup(of: (String, NetlogonResponse).self) { group in
            for dc in Lab.dcs {
                group.addTask { (dc.host, try await LDAPPing.ping(address: dc.ip, timeout: 3)) }
            }
            return try await group.reduce(into: [String: NetlogonResponse]()) { $0[$1.0] = $1.1 }
        }
        for dc in Lab.dcs { #expect(responses[dc.host]?.dnsHostName.lowercased() == dc.host) }
    }
}

/// The socket side of `LDAPPing` against loopback peers that this test controls: nothing
/// listening, a silent listener, and a scripted responder. Needs no lab. Serialized, because the
/// timing checks should not measure other tests' load.
@Suite(.serialized) struct LDAPPingSocketTests {
    @Test(arguments: ["127.0.0.1", "::1", "[::1]"])
    func nothingListeningIsUnreachableWithinTheTimeout(address: String) async throws {
        let port = try ScriptedCLDAPServer.unusedPort(ipv6: address.contains(":"))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect {
            _ = try await LDAPPing.ping(address: address, port: port, timeout: 2)
        } throws: { error in
            guard let error = error as? LDAPPingError else { return false }
            // Loopback answers with ICMP port unreachable; a timeout would also be acceptable, but
            // on loopback it would mean the ICMP error was lost.
            return error.kind == .unreachable(errno: ECONNREFUSED) && error.description.contains("\(port)")
        }
        #expect(clock.now - start < .seconds(2.5))
    }

    @Test func invalidAddressIsRejected() async {
        for address in ["dc1.corp.example.test", "127.0.0.256", "", "1.2.3"] {
            await #expect {
                _ = try await LDAPPing.ping(address: address, timeout: 1)
            } throws: { error in
                (error as? LDAPPingError)?.kind == .invalidAddress
            }
        }
    }

    @Test func silentPeerTimesOutAfterRetransmitting() async throws {
        let server = try ScriptedCLDAPServer(ipv6: false) { _, _ in [] }
        let clock = ContinuousClock()
        let start = clock.now
        await #expect {
            _ = try await LDAPPing.ping(address: "127.0.0.1", port: server.port, timeout: 1.2, attempts: 3)
        } throws: { error in
            (error as? LDAPPingError)?.kind == .timeout
        }
        let elapsed = clock.now - start
        #expect(elapsed >= .seconds(1.1) && elapsed < .seconds(2))
        #expect(await server.finish() == 3)
    }

    @Test(arguments: [false, true])
    func strayDatagramsAreIgnoredAndTheRightIDIsTaken(ipv6: Bool) async throws {
        let blob = try #require(try LDAPPingReply(datagram: Self.corpDC1Datagram).netlogon)
        let server = try ScriptedCLDAPServer(ipv6: ipv6) { id, _ in
            [
                [0x01, 0x02, 0x03], ScriptedCLDAPServer.reply(id: id &+ 1, netlogon: blob),
                ScriptedCLDAPServer.reply(id: id, netlogon: blob),
            ]
        }
        let response = try await LDAPPing.ping(address: ipv6 ? "::1" : "127.0.0.1", port: server.port, timeout: 2)
        #expect(response.dnsHostName == "dc1.corp.example.test")
        #expect(response.domainGUID == "fe218344-f5db-4ad4-82dd-5b9fe15c1c69")
        #expect(await server.finish() >= 1)
    }

    @Test func lostRequestIsRetransmitted() async throws {
        let blob = try #require(try LDAPPingReply(datagram: Self.corpDC1Datagram).netlogon)
        let server = try ScriptedCLDAPServer(ipv6: false) { id, count in
            count == 1 ? [] : [ScriptedCLDAPServer.reply(id: id, netlogon: blob)]
        }
        let response = try await LDAPPing.ping(address: "127.0.0.1", port: server.port, timeout: 1.5, attempts: 3)
        #expect(response.netbiosComputerName == "DC1")
        #expect(await server.finish() == 2)
    }

    @Test func ldapErrorResultIsReported() async throws {
        let server = try ScriptedCLDAPServer(ipv6: false) { id, _ in
            [ScriptedCLDAPServer.reply(id: id, netlogon: nil, code: 1, message: "Invalid CLDAP scope")]
        }
        await #expect {
            _ = try await LDAPPing.ping(address: "127.0.0.1", port: server.port, timeout: 2)
        } throws: { error in
            (error as? LDAPPingError)?.kind == .ldapResult(code: 1, diagnosticMessage: "Invalid CLDAP scope")
        }
        _ = await server.finish()
    }

    @Test func malformedNetlogonValueIsReported() async throws {
        let server = try ScriptedCLDAPServer(ipv6: false) { id, _ in
            [ScriptedCLDAPServer.reply(id: id, netlogon: [23, 0, 0, 0, 0xFD])]
        }
        await #expect {
            _ = try await LDAPPing.ping(address: "127.0.0.1", port: server.port, timeout: 2)
        } throws: { error in
            guard case .malformedReply(let wire)? = (error as? LDAPPingError)?.kind else { return false }
            return wire.code == .truncated && wire.offset == 4
        }
        _ = await server.finish()
    }

    static let corpDC1Datagram: [UInt8] = {
        let hex =
            "307c02021234647604003072307004086e65746c6f676f6e3164046217000000fd130000448321fedbf5d44a82dd5b9fe15c1c69"
            + "04636f7270076578616d706c65047465737400c01803646331c01804434f5250000344433100001744656661756c742d4669"
            + "7273742d536974652d4e616d6500c03f05000000ffffffff300d0202123465070a010004000400"
        let chars = Array(hex.utf8)
        return stride(from: 0, to: chars.count, by: 2).map {
            UInt8(String(decoding: chars[$0..<($0 + 2)], as: UTF8.self), radix: 16)!
        }
    }()
}

/// A loopback UDP responder on an ephemeral port: for each request it receives, it sends the
/// datagrams that `script(messageID, requestNumber)` returns. It stops when told to, or by itself
/// after 5 s without a request.
final class ScriptedCLDAPServer: @unchecked Sendable {
    let port: UInt16
    private let fd: Int32
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var received = 0
    private var stopped = false

    init(ipv6: Bool, script: @escaping @Sendable (Int32, Int) -> [[UInt8]]) throws {
        (fd, port) = try Self.bind(ipv6: ipv6)
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // A thread of its own: GCD's global queues run only about one blocked item per core.
        let thread = Thread { [self] in
            serve(script)
            done.signal()
        }
        thread.start()
    }

    private func serve(_ script: (Int32, Int) -> [[UInt8]]) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var peer = sockaddr_storage()
        var idle = 0
        while !lock.withLock({ stopped }), idle < 50 {
            var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let n = buffer.withUnsafeMutableBytes { raw in
                withUnsafeMutablePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &peerLength)
                    }
                }
            }
            guard n > 0 else {
                idle += 1
                continue
            }
            idle = 0
            let count = lock.withLock {
                received += 1
                return received
            }
            guard let id = try? LDAPPingReply.messageID(in: Array(buffer.prefix(n))) else { continue }
            for datagram in script(id, count) {
                _ = datagram.withUnsafeBytes { raw in
                    withUnsafePointer(to: &peer) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            sendto(fd, raw.baseAddress, raw.count, 0, $0, peerLength)
                        }
                    }
                }
            }
        }
    }

    /// Stops the responder and returns how many requests it received.
    func finish() async -> Int {
        lock.withLock { stopped = true }
        return await withCheckedContinuation { continuation in
            Thread { [self] in
                done.wait()
                close(fd)
                continuation.resume(returning: lock.withLock { received })
            }.start()
        }
    }

    /// A port on loopback where nothing listens (bound, read, and released again).
    static func unusedPort(ipv6: Bool) throws -> UInt16 {
        let (fd, port) = try bind(ipv6: ipv6)
        close(fd)
        return port
    }

    /// A reply datagram: an entry with the Netlogon value (if any), then the result.
    static func reply(id: Int32, netlogon: [UInt8]?, code: Int64 = 0, message: String = "") -> [UInt8] {
        var writer = BERWriter()
        if let netlogon {
            writer.writeConstructed(.sequence) { m in
                m.writeInteger(Int64(id))
                m.writeConstructed(LDAPProtocolOp.searchResultEntry) { entry in
                    entry.writeOctetString("")
                    entry.writeConstructed(.sequence) { attributes in
                        attributes.writeConstructed(.sequence) { attribute in
                            attribute.writeOctetString("netlogon")
                            attribute.writeConstructed(.set) { $0.writeOctetString(netlogon) }
                        }
                    }
                }
            }
        }
        writer.writeConstructed(.sequence) { m in
            m.writeInteger(Int64(id))
            m.writeConstructed(LDAPProtocolOp.searchResultDone) { done in
                done.writeEnumerated(code)
                done.writeOctetString("")
                done.writeOctetString(message)
            }
        }
        return writer.bytes
    }

    private static func bind(ipv6: Bool) throws -> (Int32, UInt16) {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw LabFailure("socket: errno \(errno)") }
        var storage = sockaddr_storage()
        var length: socklen_t
        if ipv6 {
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_addr = in6addr_loopback
            withUnsafeBytes(of: sin6) { src in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: src) } }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            withUnsafeBytes(of: sin) { src in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: src) } }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        }
        let bound = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw LabFailure("bind on loopback: errno \(errno)")
        }
        let port = withUnsafeBytes(of: storage) { raw in UInt16(raw[2]) << 8 | UInt16(raw[3]) }
        return (fd, port)
    }
}
