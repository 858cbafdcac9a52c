internal import CResolv
internal import Glibc

/// The data of one answer record of the asked type.
enum DNSRecordData: Sendable, Hashable {
    /// An A or AAAA record: the address bytes (4 or 16) in network order.
    case address([UInt8])
    /// An SRV record.
    case srv(SRVRecord)
    /// An SOA record.
    case soa(SOARecord)
    /// An NS record: the name server's host name, lower case, without the trailing dot.
    case nameServer(String)
}

/// Reads a DNS answer with libresolv's parser (ns_initparse, ns_parserr, dn_expand).
enum DNSAnswer {
    /// The error a response code stands for, or nil for NOERROR.
    static func failure(responseCode code: Int) -> DNSError? {
        switch code {
        case 0: nil
        case 2: DNSError(.servfail, responseCode: code, detail: "response code 2 (SERVFAIL)")
        case 3: DNSError(.nxdomain, responseCode: code, detail: "response code 3 (NXDOMAIN)")
        case 5: DNSError(.refused, responseCode: code, detail: "response code 5 (REFUSED)")
        case 1: DNSError(.otherResponseCode, responseCode: code, detail: "response code 1 (FORMERR)")
        case 4: DNSError(.otherResponseCode, responseCode: code, detail: "response code 4 (NOTIMP)")
        default: DNSError(.otherResponseCode, responseCode: code, detail: "response code \(code)")
        }
    }

    /// The answer records of `type` (class IN) in `message`, in the order the server gave them.
    /// Throws for a failure response code, for no such record (`.noData`) and for a malformed message.
    static func records(in message: [UInt8], of type: DNSRecordType) throws(DNSError) -> [DNSRecordData] {
        guard message.count >= 12 else {
            throw DNSError(.malformed, detail: "message of \(message.count) bytes, shorter than a header")
        }
        if let failure = failure(responseCode: Int(message[3] & 0x0F)) { throw failure }
        let parsed = message.withUnsafeBufferPointer { parse($0, type) }
        let records = try parsed.get()
        guard !records.isEmpty else {
            throw DNSError(.noData, responseCode: 0, detail: "NOERROR with no \(type) record in the answer section")
        }
        return records
    }

    /// Parses the answer section; records of other types (a CNAME before the target) are skipped.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ type: DNSRecordType) -> Result<
        [DNSRecordData], DNSError
    > {
        guard let base = bytes.baseAddress else { return .failure(DNSError(.malformed, detail: "empty message")) }
        var msg = ns_msg()
        guard ns_initparse(base, Int32(bytes.count), &msg) == 0 else {
            return .failure(
                DNSError(.malformed, detail: "ns_initparse: the sections overrun the \(bytes.count)-byte message"))
        }
        let count = Int(trustmap_answer_count(&msg))
        var result: [DNSRecordData] = []
        for index in 0..<count {
            var rr = ns_rr()
            let offset = index == 0 ? msg._sections.1.map { $0 - base } ?? -1 : msg._msg_ptr - base
            guard trustmap_parse_answer(&msg, Int32(index), &rr) == 0 else {
                return .failure(
                    DNSError(
                        .malformed,
                        detail: "ns_parserr: answer record \(index) at offset \(offset) runs past the message"))
            }
            guard rr.rr_class == 1, rr.type == type.code else { continue }
            guard let rdata = rr.rdata else { continue }
            let at = rdata - base
            let length = Int(rr.rdlength)
            let where_ = "answer record \(index) (\(type), data at offset \(at), \(length) bytes)"
            switch type {
            case .a, .aaaa:
                let expected = type == .a ? 4 : 16
                guard length == expected else {
                    return .failure(DNSError(.malformed, detail: "\(where_): expected \(expected) address bytes"))
                }
                result.append(.address(Array(UnsafeBufferPointer(start: rdata, count: length))))
            case .srv:
                guard length >= 7 else {
                    return .failure(DNSError(.malformed, detail: "\(where_): shorter than an SRV record"))
                }
                guard let (target, used) = expand(msg: &msg, rdata + 6), 6 + used <= length else {
                    return .failure(DNSError(.malformed, detail: "\(where_): target name cannot be expanded"))
                }
                result.append(
                    .srv(
                        SRVRecord(
                            priority: be16(rdata), weight: be16(rdata + 2), port: be16(rdata + 4), target: target,
                            ttl: rr.ttl)))
            case .ns:
                guard let (host, used) = expand(msg: &msg, rdata), used <= length else {
                    return .failure(DNSError(.malformed, detail: "\(where_): name server cannot be expanded"))
                }
                result.append(.nameServer(host.lowercased()))
            case .soa:
                guard let (primary, used1) = expand(msg: &msg, rdata), used1 < length,
                    let (mailbox, used2) = expand(msg: &msg, rdata + used1), used1 + used2 + 20 <= length
                else {
                    return .failure(DNSError(.malformed, detail: "\(where_): SOA names or numbers run past the record"))
                }
                let numbers = rdata + used1 + used2
                result.append(
                    .soa(
                        SOARecord(
                            zone: String(cString: trustmap_rr_name(&rr)), primaryServer: primary,
                            responsible: mailbox, serial: be32(numbers), refresh: be32(numbers + 4),
                            retry: be32(numbers + 8), expire: be32(numbers + 12), minimum: be32(numbers + 16),
                            ttl: rr.ttl)))
            }
        }
        return .success(result)
    }

    /// Expands a possibly compressed name at `at`: the name (empty for the root) and the bytes it used there.
    private static func expand(msg: inout ns_msg, _ at: UnsafePointer<UInt8>) -> (String, Int)? {
        var name = [CChar](repeating: 0, count: Int(trustmap_maxdname()))
        let used = dn_expand(trustmap_msg_base(&msg), trustmap_msg_end(&msg), at, &name, Int32(name.count))
        guard used > 0 else { return nil }
        return (String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), Int(used))
    }

    private static func be16(_ p: UnsafePointer<UInt8>) -> UInt16 { UInt16(p[0]) << 8 | UInt16(p[1]) }
    private static func be32(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UInt32(p[0]) << 24 | UInt32(p[1]) << 16 | UInt32(p[2]) << 8 | UInt32(p[3])
    }
}
