import TrustMapModel
import TrustMapWire

/// The request a probe sends once connected, how replies are framed, and how a reply is judged.
struct ProbeExchange {
    /// How replies arrive.
    enum Framing {
        /// One UDP datagram.
        case datagram
        /// TCP with a two-byte length prefix (DNS).
        case twoByteLength
        /// TCP with a four-byte length prefix (Kerberos).
        case fourByteLength
    }

    /// What a reply means.
    enum Judgement: Equatable {
        /// The probe is decided.
        case done(ProbeOutcome, String, responder: String?)
        /// A datagram for someone else: keep waiting.
        case ignore
    }

    /// The bytes to send (with the TCP length prefix when framed).
    let request: [UInt8]
    /// How replies are framed.
    let framing: Framing
    /// Judges one complete reply (without the TCP length prefix).
    let judge: ([UInt8]) -> Judgement
    /// The outcome when nothing comes back in time after the request was sent.
    let silence: (ProbeOutcome, String)

    /// The exchange for `target`, or nil for a bare TCP connect.
    static func make(for target: ProbeTarget) -> ProbeExchange? {
        let udp = target.transport == .udp
        let id = UInt16.random(in: 1...UInt16.max)
        let noReply: (ProbeOutcome, String) =
            udp ? (.filtered, "no reply") : (.filtered, "the connection was accepted, but the request got no answer")
        switch (target.check, target.transport) {
        case (.connect, .tcp), (.ldapPing, .tcp), (.kpasswd, .tcp), (.netbiosName, .tcp), (.silentUDP, .tcp):
            return nil
        case (.dnsSOA(let zone), _):
            let query = ProbeDNSMessage.soaQuery(zone: zone, id: id)
            return ProbeExchange(
                request: udp ? query : prefixed(query, 2), framing: udp ? .datagram : .twoByteLength,
                judge: { judgeDNS($0, id: id, zone: zone, udp: udp) }, silence: noReply)
        case (.kerberos(let realm), _):
            let request = KerberosPing.asRequest(
                realm: realm, client: "trustmap-probe-\(UInt32.random(in: 0...UInt32.max))",
                nonce: UInt32.random(in: 0...0x7FFF_FFFF))
            return ProbeExchange(
                request: udp ? request : prefixed(request, 4), framing: udp ? .datagram : .fourByteLength,
                judge: { judgeKerberos($0, realm: realm) }, silence: noReply)
        case (.ldapPing(let domain), .udp):
            let request = LDAPPingRequest(messageID: Int32.random(in: 1...Int32.max), dnsDomain: domain)
            return ProbeExchange(
                request: request.encoded(), framing: .datagram, judge: { judgeLDAPPing($0, request.messageID) },
                silence: noReply)
        case (.kpasswd, .udp):
            return ProbeExchange(
                request: KerberosPing.kpasswdRequest(), framing: .datagram,
                judge: { reply in
                    KerberosPing.isKpasswdReply(reply)
                        ? .done(.open, "kpasswd reply (\(reply.count) bytes)", responder: nil)
                        : .done(.wrongService, "a \(reply.count)-byte reply that is not kpasswd", responder: nil)
                }, silence: noReply)
        case (.netbiosName, .udp):
            return ProbeExchange(
                request: ProbeDNSMessage.nodeStatusQuery(id: id), framing: .datagram,
                judge: { reply in
                    switch ProbeDNSMessage.readNodeStatus(reply, id: id) {
                    case .otherID: .ignore
                    case .notNBNS: .done(.wrongService, "not a NetBIOS name service reply", responder: nil)
                    case .name(let name): .done(.open, "node status reply naming \(name)", responder: name)
                    }
                }, silence: noReply)
        case (.connect, .udp), (.silentUDP, .udp):
            return ProbeExchange(
                request: [0], framing: .datagram,
                judge: { .done(.open, "a \($0.count)-byte datagram came back", responder: nil) },
                silence: (.unconfirmed, "no reply and no refusal: open or filtered (the protocol does not answer)"))
        }
    }

    /// `bytes` behind a big-endian length prefix of `width` bytes.
    private static func prefixed(_ bytes: [UInt8], _ width: Int) -> [UInt8] {
        (0..<width).reversed().map { UInt8(truncatingIfNeeded: bytes.count >> (8 * $0)) } + bytes
    }

    private static func judgeDNS(_ reply: [UInt8], id: UInt16, zone: String, udp: Bool) -> Judgement {
        switch ProbeDNSMessage.read(reply, id: id) {
        case .otherID:
            return udp ? .ignore : .done(.wrongService, "a DNS reply to another query", responder: nil)
        case .notDNS(let why):
            return .done(.wrongService, "not a DNS reply: \(why)", responder: nil)
        case .answer(0, let primary?, _):
            return .done(.open, "SOA of \(zone) answered (primary \(primary))", responder: primary)
        case .answer(0, nil, let answers):
            return .done(.rejected, "NOERROR without an SOA record for \(zone) (\(answers) answers)", responder: nil)
        case .answer(let rcode, _, _):
            let names = [1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"]
            return .done(
                .rejected, "SOA query for \(zone) answered \(names[rcode] ?? "RCODE \(rcode)")", responder: nil)
        }
    }

    private static func judgeKerberos(_ reply: [UInt8], realm: String) -> Judgement {
        switch KerberosPing.read(reply) {
        case .error(let code, let from):
            let other = from.map { $0.caseInsensitiveCompare(realm) == .orderedSame ? "" : " (asked for \(realm))" }
            return .done(
                .open, "KRB-ERROR \(KerberosPing.errorName(code)) (\(code)) from \(from ?? "?")\(other ?? "")",
                responder: from)
        case .asReply:
            return .done(.open, "AS-REP from \(realm)", responder: realm)
        case .notKerberos(let why):
            return .done(.wrongService, "not a Kerberos reply: \(why)", responder: nil)
        }
    }

    private static func judgeLDAPPing(_ reply: [UInt8], _ messageID: Int32) -> Judgement {
        let id: Int32
        do { id = try LDAPPingReply.messageID(in: reply) } catch {
            return .done(.wrongService, "not an LDAP message: \(error)", responder: nil)
        }
        guard id == messageID else { return .ignore }
        let parsed: LDAPPingReply
        do { parsed = try LDAPPingReply(datagram: reply) } catch {
            return .done(.wrongService, "malformed LDAP ping reply: \(error)", responder: nil)
        }
        guard parsed.resultCode == 0 else {
            return .done(.rejected, "LDAP result \(parsed.resultCode) \(parsed.diagnosticMessage)", responder: nil)
        }
        guard let blob = parsed.netlogon else {
            return .done(
                .rejected, "a reply without a Netlogon entry (the DC does not serve that domain)", responder: nil)
        }
        do {
            let response = try NetlogonResponse(netlogonBlob: blob)
            return .done(
                .open,
                "Netlogon reply from \(response.dnsHostName) (domain \(response.dnsDomainName), site "
                    + "\(response.dcSiteName))", responder: response.dnsHostName)
        } catch {
            return .done(.wrongService, "malformed Netlogon value: \(error)", responder: nil)
        }
    }
}
