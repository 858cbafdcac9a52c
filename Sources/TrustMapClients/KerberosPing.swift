import TrustMapWire

/// The Kerberos liveness check of `trustmap probe`: a minimal AS-REQ (RFC 4120 5.4.1) for a client principal
/// that does not exist, which any live KDC answers with a KRB-ERROR (usually KDC_ERR_C_PRINCIPAL_UNKNOWN).
///
/// Built and read here in pure Swift, so thousands can be in flight on non-blocking sockets.
enum KerberosPing {
    /// What a reply says.
    enum Reply: Equatable {
        /// A KRB-ERROR: its error code and the realm that sent it.
        case error(code: Int64, realm: String?)
        /// An AS-REP (the principal existed and needs no pre-authentication).
        case asReply
        /// Not a Kerberos message.
        case notKerberos(String)
    }

    /// The AS-REQ for `client@realm` asking for `krbtgt/realm`, with a nonce.
    static func asRequest(realm: String, client: String, nonce: UInt32) -> [UInt8] {
        let generalString = BERTag(.universal, 27, constructed: false)
        func principal(_ w: inout BERWriter, type: Int64, _ names: [String]) {
            w.writeConstructed(.sequence) { p in
                p.writeConstructed(.contextSpecific(0, constructed: true)) { $0.writeInteger(type) }
                p.writeConstructed(.contextSpecific(1, constructed: true)) { s in
                    s.writeConstructed(.sequence) { seq in
                        for n in names { seq.writeOctetString(n, tag: generalString) }
                    }
                }
            }
        }
        var w = BERWriter()
        w.writeConstructed(.application(10)) { req in
            req.writeConstructed(.sequence) { kdc in
                kdc.writeConstructed(.contextSpecific(1, constructed: true)) { $0.writeInteger(5) }  // pvno
                kdc.writeConstructed(.contextSpecific(2, constructed: true)) { $0.writeInteger(10) }  // AS-REQ
                kdc.writeConstructed(.contextSpecific(4, constructed: true)) { body in
                    body.writeConstructed(.sequence) { b in
                        // kdc-options: forwardable, renewable-ok... none needed: 32 zero bits.
                        b.writeConstructed(.contextSpecific(0, constructed: true)) {
                            $0.write(BERTag(.universal, 3, constructed: false), contents: [0, 0, 0, 0, 0])
                        }
                        b.writeConstructed(.contextSpecific(1, constructed: true)) { principal(&$0, type: 1, [client]) }
                        b.writeConstructed(.contextSpecific(2, constructed: true)) {
                            $0.writeOctetString(realm, tag: generalString)
                        }
                        b.writeConstructed(.contextSpecific(3, constructed: true)) {
                            principal(&$0, type: 2, ["krbtgt", realm])
                        }
                        b.writeConstructed(.contextSpecific(5, constructed: true)) {
                            $0.writeOctetString("20370913024805Z", tag: BERTag(.universal, 24, constructed: false))
                        }
                        b.writeConstructed(.contextSpecific(7, constructed: true)) { $0.writeInteger(Int64(nonce)) }
                        b.writeConstructed(.contextSpecific(8, constructed: true)) { e in
                            e.writeConstructed(.sequence) { list in
                                for etype: Int64 in [18, 17, 23] { list.writeInteger(etype) }
                            }
                        }
                    }
                }
            }
        }
        return w.bytes
    }

    /// Reads a KDC reply (without a TCP length prefix).
    static func read(_ bytes: [UInt8]) -> Reply {
        var reader = BERReader(bytes)
        let outer: BERElement
        do { outer = try reader.read("Kerberos message") } catch { return .notKerberos("\(error)") }
        if outer.tag == .application(11) { return .asReply }
        guard outer.tag == .application(30) else {
            return .notKerberos("first element is \(outer.tag), neither KRB-ERROR nor AS-REP")
        }
        do {
            var inner = try outer.children("KRB-ERROR")
            let sequence = try inner.read(.sequence, "KRB-ERROR sequence")
            var fields = try sequence.children("KRB-ERROR fields")
            var code: Int64?
            var realm: String?
            while !fields.isAtEnd {
                let field = try fields.read("KRB-ERROR field")
                guard field.tag.tagClass == .contextSpecific else { continue }
                if field.tag.number == 6 {
                    var value = try field.children("error-code")
                    code = try value.read("error-code").integer("error-code")
                } else if field.tag.number == 9 {
                    var value = try field.children("realm")
                    realm = String(decoding: try value.read("realm").octets("realm"), as: UTF8.self)
                }
            }
            guard let code else { return .notKerberos("KRB-ERROR without an error-code") }
            return .error(code: code, realm: realm)
        } catch {
            return .notKerberos("malformed KRB-ERROR: \(error)")
        }
    }

    /// The RFC 4120 name of a KRB-ERROR code.
    static func errorName(_ code: Int64) -> String {
        let names: [Int64: String] = [
            0: "KDC_ERR_NONE", 6: "KDC_ERR_C_PRINCIPAL_UNKNOWN", 7: "KDC_ERR_S_PRINCIPAL_UNKNOWN",
            12: "KDC_ERR_POLICY", 14: "KDC_ERR_ETYPE_NOSUPP", 18: "KDC_ERR_CLIENT_REVOKED",
            24: "KDC_ERR_PREAUTH_FAILED", 25: "KDC_ERR_PREAUTH_REQUIRED", 29: "KDC_ERR_SVC_UNAVAILABLE",
            37: "KRB_AP_ERR_SKEW", 41: "KRB_AP_ERR_MODIFIED", 52: "KRB_ERR_RESPONSE_TOO_BIG", 60: "KRB_ERR_GENERIC",
            68: "KDC_ERR_WRONG_REALM",
        ]
        return names[code] ?? "KRB-ERROR \(code)"
    }

    /// A kpasswd request (RFC 3244 framing) carrying an empty AP-REQ and KRB-PRIV, which a kpasswd service
    /// answers with an error.
    static func kpasswdRequest() -> [UInt8] {
        let apReq: [UInt8] = [0x6E, 0x02, 0x30, 0x00]
        let priv: [UInt8] = [0x75, 0x02, 0x30, 0x00]
        let length = 6 + apReq.count + priv.count
        return [UInt8(length >> 8), UInt8(length & 0xFF), 0x00, 0x01, 0x00, UInt8(apReq.count)] + apReq + priv
    }

    /// True when `bytes` is a kpasswd reply (length, version 1 or 0xff80, AP-REP length, then an AP-REP,
    /// KRB-PRIV or KRB-ERROR) or a bare KRB-ERROR.
    static func isKpasswdReply(_ bytes: [UInt8]) -> Bool {
        if case .error = read(bytes) { return true }
        guard bytes.count >= 7, Int(bytes[0]) << 8 | Int(bytes[1]) == bytes.count else { return false }
        let version = Int(bytes[2]) << 8 | Int(bytes[3])
        guard version == 1 || version == 0xFF80 else { return false }
        let apRep = Int(bytes[4]) << 8 | Int(bytes[5])
        guard 6 + apRep < bytes.count else { return false }
        return [0x6F, 0x75, 0x7E].contains(bytes[6 + apRep]) || (apRep > 0 && bytes[6] == 0x6F)
    }
}
