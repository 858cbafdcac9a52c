import Foundation
import Glibc
import Testing
import TrustMapWire

@testable import TrustMapClients

/// The probe's own messages (Kerberos AS-REQ, KRB-ERROR, DNS SOA, NetBIOS node status), read back and fed
/// malformed input; no network.
@Suite struct ProbeMessageTests {
    @Test func asRequestIsAKerberosASReq() throws {
        let bytes = KerberosPing.asRequest(realm: "CORP.EXAMPLE.TEST", client: "nobody", nonce: 12345)
        var reader = BERReader(bytes)
        let outer = try reader.read(.application(10), "AS-REQ")
        try reader.expectEnd("AS-REQ")
        var inner = try outer.children("AS-REQ")
        var fields = try inner.read(.sequence, "KDC-REQ").children("KDC-REQ")
        var pvno = try fields.read(.contextSpecific(1, constructed: true), "pvno").children("pvno")
        #expect(try pvno.read().integer("pvno") == 5)
        var type = try fields.read(.contextSpecific(2, constructed: true), "msg-type").children("msg-type")
        #expect(try type.read().integer("msg-type") == 10)
        var body = try fields.read(.contextSpecific(4, constructed: true), "req-body").children("req-body")
        var bodyFields = try body.read(.sequence, "KDC-REQ-BODY").children("KDC-REQ-BODY")
        var numbers: [UInt32] = []
        var realm = ""
        while !bodyFields.isAtEnd {
            let f = try bodyFields.read()
            numbers.append(f.tag.number)
            if f.tag.number == 2 {
                var r = try f.children("realm")
                realm = try r.read().string("realm")
            }
        }
        #expect(numbers == [0, 1, 2, 3, 5, 7, 8])
        #expect(realm == "CORP.EXAMPLE.TEST")
    }

    /// A KRB-ERROR as a KDC sends it: [APPLICATION 30] SEQUENCE { pvno, msg-type, stime, susec, error-code,
    /// realm }.
    static func krbError(code: Int64, realm: String) -> [UInt8] {
        var w = BERWriter()
        let gs = BERTag(.universal, 27, constructed: false)
        w.writeConstructed(.application(30)) { app in
            app.writeConstructed(.sequence) { s in
                s.writeConstructed(.contextSpecific(0, constructed: true)) { $0.writeInteger(5) }
                s.writeConstructed(.contextSpecific(1, constructed: true)) { $0.writeInteger(30) }
                s.writeConstructed(.contextSpecific(4, constructed: true)) {
                    $0.writeOctetString("20261204000000Z", tag: BERTag(.universal, 24, constructed: false))
                }
                s.writeConstructed(.contextSpecific(5, constructed: true)) { $0.writeInteger(1) }
                s.writeConstructed(.contextSpecific(6, constructed: true)) { $0.writeInteger(code) }
                s.writeConstructed(.contextSpecific(9, constructed: true)) { $0.writeOctetString(realm, tag: gs) }
            }
        }
        return w.bytes
    }

    @Test func krbErrorIsRead() {
        let bytes = Self.krbError(code: 6, realm: "PARTNER.EXAMPLE.TEST")
        #expect(KerberosPing.read(bytes) == .error(code: 6, realm: "PARTNER.EXAMPLE.TEST"))
        #expect(KerberosPing.errorName(6) == "KDC_ERR_C_PRINCIPAL_UNKNOWN")
        #expect(KerberosPing.errorName(999) == "KRB-ERROR 999")
    }

    @Test func truncatedOrForeignRepliesAreNotKerberos() {
        let bytes = Self.krbError(code: 6, realm: "R")
        for n in 0..<bytes.count {
            if case .error = KerberosPing.read(Array(bytes.prefix(n))) {
                Issue.record("a \(n)-byte prefix was read as a KRB-ERROR")
            }
        }
        if case .notKerberos = KerberosPing.read(Array("HTTP/1.1 400 Bad Request\r\n".utf8)) {
        } else {
            Issue.record("HTTP was read as Kerberos")
        }
        if case .notKerberos = KerberosPing.read([0x30, 0x00]) {
        } else {
            Issue.record("a SEQUENCE was read as Kerberos")
        }
    }

    @Test func kpasswdReplies() {
        let error = Self.krbError(code: 60, realm: "R")
        let wrapped = [UInt8(0), UInt8(6 + error.count), 0, 1, 0, 0] + error
        #expect(KerberosPing.isKpasswdReply(wrapped))
        #expect(KerberosPing.isKpasswdReply(error))
        #expect(!KerberosPing.isKpasswdReply([0, 6, 0, 1, 0, 0]))
        #expect(!KerberosPing.isKpasswdReply(Array("SSH-2.0-OpenSSH\r\n".utf8)))
        let request = KerberosPing.kpasswdRequest()
        #expect(Int(request[0]) << 8 | Int(request[1]) == request.count)
    }

    @Test func soaQueryBytes() {
        #expect(
            ProbeDNSMessage.soaQuery(zone: "corp.test", id: 0x1234)
                == [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 4] + Array("corp".utf8) + [4] + Array("test".utf8)
                + [0, 0, 6, 0, 1])
    }

    /// A reply to `soaQuery(zone: "corp.test", id:)` with one SOA answer whose owner is a compression pointer.
    static func soaReply(id: UInt16, rcode: UInt8 = 0, answers: Bool = true) -> [UInt8] {
        var q = ProbeDNSMessage.soaQuery(zone: "corp.test", id: id)
        q[2] = 0x85
        q[3] = 0x80 | rcode
        guard answers else { return q }
        q[7] = 1
        let rdata: [UInt8] = [3] + Array("dc1".utf8) + [0xC0, 12, 0xC0, 12] + [UInt8](repeating: 0, count: 20)
        return q + [0xC0, 12, 0, 6, 0, 1, 0, 0, 0x0E, 0x10, 0, UInt8(rdata.count)] + rdata
    }

    @Test func dnsRepliesAreRead() {
        #expect(
            ProbeDNSMessage.read(Self.soaReply(id: 7), id: 7)
                == .answer(rcode: 0, soaPrimary: "dc1.corp.test", answers: 1))
        #expect(ProbeDNSMessage.read(Self.soaReply(id: 7), id: 8) == .otherID)
        #expect(
            ProbeDNSMessage.read(Self.soaReply(id: 7, rcode: 5, answers: false), id: 7)
                == .answer(rcode: 5, soaPrimary: nil, answers: 0))
        var query = ProbeDNSMessage.soaQuery(zone: "corp.test", id: 9)
        if case .notDNS = ProbeDNSMessage.read(query, id: 9) {} else { Issue.record("a query was read as a reply") }
        query = Self.soaReply(id: 9)
        for n in 0..<query.count {
            if case .answer(0, _?, _) = ProbeDNSMessage.read(Array(query.prefix(n)), id: 9) {
                Issue.record("a \(n)-byte prefix was read as an SOA answer")
            }
        }
    }

    @Test func nodeStatusQueryAndReply() {
        let q = ProbeDNSMessage.nodeStatusQuery(id: 0x0101)
        #expect(q.count == 12 + 34 + 4)
        #expect(Array(q[13..<15]) == Array("CK".utf8))
        var reply = q
        reply[2] = 0x84
        reply += [0, 0, 0, 0, 0, 19, 1] + Array("DC1            ".utf8) + [0x20, 0x04, 0x00]
        #expect(ProbeDNSMessage.readNodeStatus(reply, id: 0x0101) == .name("DC1"))
        #expect(ProbeDNSMessage.readNodeStatus(reply, id: 0x0202) == .otherID)
        #expect(ProbeDNSMessage.readNodeStatus(q, id: 0x0101) == .notNBNS)
    }
}

/// The probe engine against sockets of the test's own on 127.0.0.1: open, refused, filtered (a bound UDP socket
/// that never answers), wrong service, unconfirmed, a bad address. No lab needed.
@Suite struct ProbeEngineLoopbackTests {
    /// A bound socket of `type` on 127.0.0.1 (listening for TCP), with its port.
    static func bound(_ type: Int32) throws -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, type, 0)
        try #require(fd >= 0)
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_addr.s_addr = inet_addr("127.0.0.1")
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &sin) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, size) == 0 && getsockname(fd, $0, &size) == 0
            }
        }
        try #require(ok)
        if type == Int32(SOCK_STREAM.rawValue) { try #require(listen(fd, 16) == 0) }
        return (fd, UInt16(bigEndian: sin.sin_port))
    }

    @Test func outcomesOnLoopback() async throws {
        let tcp = try Self.bound(Int32(SOCK_STREAM.rawValue))
        defer { close(tcp.fd) }
        let closedTCP = try Self.bound(Int32(SOCK_STREAM.rawValue))
        close(closedTCP.fd)
        let silentUDP = try Self.bound(Int32(SOCK_DGRAM.rawValue))
        defer { close(silentUDP.fd) }
        let closedUDP = try Self.bound(Int32(SOCK_DGRAM.rawValue))
        close(closedUDP.fd)
        let targets = [
            ProbeTarget(address: "127.0.0.1", port: tcp.port, transport: .tcp),
            ProbeTarget(address: "127.0.0.1", port: closedTCP.port, transport: .tcp),
            ProbeTarget(address: "127.0.0.1", port: silentUDP.port, transport: .udp, check: .dnsSOA(zone: "x.test")),
            ProbeTarget(address: "127.0.0.1", port: closedUDP.port, transport: .udp, check: .kerberos(realm: "X")),
            ProbeTarget(address: "127.0.0.1", port: silentUDP.port, transport: .udp, check: .silentUDP),
            ProbeTarget(address: "not-an-address", port: 88, transport: .tcp),
            // A TCP listener that accepts but never answers the DNS query.
            ProbeTarget(address: "127.0.0.1", port: tcp.port, transport: .tcp, check: .dnsSOA(zone: "x.test")),
        ]
        let clock = ContinuousClock()
        let began = clock.now
        let results = await ProbeRunner(timeout: 0.5).run(targets)
        let elapsed = clock.now - began
        #expect(
            results.map(\.outcome) == [.open, .refused, .filtered, .refused, .unconfirmed, .unreachable, .filtered])
        #expect(results.map(\.target) == targets)
        #expect(elapsed < .milliseconds(1500), "probes run at once: about one timeout, not the sum")
        #expect(results[2].seconds >= 0.45)
        #expect(results[1].seconds < 0.4)
    }

    @Test func wrongServiceOnUDP() async throws {
        let udp = try Self.bound(Int32(SOCK_DGRAM.rawValue))
        defer { close(udp.fd) }
        // Answer the first datagram with something that is neither DNS nor Kerberos.
        let responder = Thread {
            var buffer = [UInt8](repeating: 0, count: 2048)
            var peer = sockaddr_storage()
            var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
            for _ in 0..<2 {
                let n = withUnsafeMutablePointer(to: &peer) { p in
                    p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(udp.fd, &buffer, buffer.count, 0, $0, &size)
                    }
                }
                guard n > 0 else { return }
                let reply = Array("hello, not your protocol".utf8)
                _ = withUnsafePointer(to: &peer) { p in
                    p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(udp.fd, reply, reply.count, 0, $0, size)
                    }
                }
            }
        }
        responder.start()
        let results = await ProbeRunner(timeout: 1).run([
            ProbeTarget(address: "127.0.0.1", port: udp.port, transport: .udp, check: .kerberos(realm: "X")),
            ProbeTarget(address: "127.0.0.1", port: udp.port, transport: .udp, check: .ldapPing(domain: nil)),
        ])
        #expect(results.map(\.outcome) == [.wrongService, .wrongService])
    }
}
