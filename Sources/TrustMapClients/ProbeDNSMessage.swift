/// The DNS and NetBIOS name service messages of `trustmap probe`: an SOA query and a node status query,
/// and just enough reading of the replies to tell an answer from anything else.
enum ProbeDNSMessage {
    /// What a reply says.
    enum Reply: Equatable {
        /// A reply to another query (ignored on UDP).
        case otherID
        /// Not a DNS reply.
        case notDNS(String)
        /// A DNS reply: its response code, and the SOA's primary server when the answer holds an SOA record.
        case answer(rcode: Int, soaPrimary: String?, answers: Int)
    }

    /// An SOA query for `zone` with ID `id`, recursion desired.
    static func soaQuery(zone: String, id: UInt16) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        for label in zone.split(separator: ".") where !label.isEmpty {
            let utf8 = Array(label.utf8.prefix(63))
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes += [0, 0, 6, 0, 1]
        return bytes
    }

    /// A NetBIOS node status (NBSTAT) query for `*` with ID `id` (RFC 1002 4.2.17).
    static func nodeStatusQuery(id: UInt16) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x00, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0x20]
        let name: [UInt8] = [0x2A] + [UInt8](repeating: 0, count: 15)
        for b in name { bytes += [0x41 + (b >> 4), 0x41 + (b & 0x0F)] }
        bytes += [0, 0x00, 0x21, 0x00, 0x01]
        return bytes
    }

    /// Reads a DNS reply to query `id`.
    static func read(_ bytes: [UInt8], id: UInt16) -> Reply {
        guard bytes.count >= 12 else { return .notDNS("\(bytes.count) bytes, shorter than a DNS header") }
        guard UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == id else { return .otherID }
        guard bytes[2] & 0x80 != 0 else { return .notDNS("the QR bit is not set: not a reply") }
        let rcode = Int(bytes[3] & 0x0F)
        let questions = Int(bytes[4]) << 8 | Int(bytes[5])
        let answers = Int(bytes[6]) << 8 | Int(bytes[7])
        var at = 12
        for _ in 0..<questions {
            guard let next = skipName(bytes, at) else { return .notDNS("malformed question name") }
            at = next + 4
        }
        for _ in 0..<answers {
            guard let next = skipName(bytes, at), next + 10 <= bytes.count else {
                return .notDNS("malformed answer record at offset \(at)")
            }
            let type = Int(bytes[next]) << 8 | Int(bytes[next + 1])
            let length = Int(bytes[next + 8]) << 8 | Int(bytes[next + 9])
            let data = next + 10
            guard data + length <= bytes.count else { return .notDNS("answer record overruns the message") }
            if type == 6 { return .answer(rcode: rcode, soaPrimary: name(bytes, data) ?? "?", answers: answers) }
            at = data + length
        }
        return .answer(rcode: rcode, soaPrimary: nil, answers: answers)
    }

    /// What a node status reply says.
    enum NodeStatus: Equatable {
        /// A reply to another query, or too short to tell (ignored on UDP).
        case otherID
        /// Not a NetBIOS name service reply.
        case notNBNS
        /// A reply: the first name it lists ("?" when none can be read).
        case name(String)
    }

    /// Reads a node status reply to query `id`.
    static func readNodeStatus(_ bytes: [UInt8], id: UInt16) -> NodeStatus {
        guard bytes.count >= 12, UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == id else { return .otherID }
        guard bytes[2] & 0x80 != 0 else { return .notNBNS }
        // Header, the echoed 34-byte name, type, class, TTL, RDLENGTH, then NUM_NAMES and 18-byte entries.
        guard let end = skipName(bytes, 12), end + 11 + 15 <= bytes.count, bytes[end + 10] > 0 else {
            return .name("?")
        }
        let raw = bytes[(end + 11)..<(end + 11 + 15)]
        return .name(String(decoding: raw, as: UTF8.self).trimmingCharacters(in: " \0"))
    }

    /// The offset after the (possibly compressed) name at `at`, or nil.
    private static func skipName(_ bytes: [UInt8], _ at: Int) -> Int? {
        var i = at
        while i < bytes.count {
            let length = Int(bytes[i])
            if length == 0 { return i + 1 }
            if length & 0xC0 == 0xC0 { return i + 2 <= bytes.count ? i + 2 : nil }
            i += 1 + length
        }
        return nil
    }

    /// The dotted name at `at`, following compression pointers (at most 32), or nil.
    private static func name(_ bytes: [UInt8], _ at: Int) -> String? {
        var labels: [String] = []
        var i = at
        var jumps = 0
        while i < bytes.count {
            let length = Int(bytes[i])
            if length == 0 { return labels.joined(separator: ".") }
            if length & 0xC0 == 0xC0 {
                guard i + 1 < bytes.count, jumps < 32 else { return nil }
                i = (length & 0x3F) << 8 | Int(bytes[i + 1])
                jumps += 1
                continue
            }
            guard i + 1 + length <= bytes.count else { return nil }
            labels.append(String(decoding: bytes[(i + 1)..<(i + 1 + length)], as: UTF8.self))
            i += 1 + length
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing characters of `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        let unwanted = Set(set)
        return String(
            self.drop(while: { unwanted.contains($0) }).reversed().drop(while: { unwanted.contains($0) }).reversed())
    }
}
