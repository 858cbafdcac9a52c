/// Converts a GUID between its 16 wire bytes (Microsoft layout: the first three fields
/// little-endian, the last eight bytes in order) and its canonical lower-case string.
public enum MixedEndianGUID {
    /// The canonical string, e.g. `6f1c2b3a-...`; `bytes` must hold exactly 16 octets.
    public static func string(_ bytes: some Collection<UInt8>) -> String {
        let b = Array(bytes)
        precondition(b.count == 16, "a GUID has 16 bytes")
        let order = [3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15]
        var out = ""
        for i in order {
            if i < 0 {
                out += "-"
            } else {
                out += hex(b[i])
            }
        }
        return out
    }

    /// The 16 wire bytes of a canonical GUID string (braces and upper case accepted).
    public static func bytes(_ string: String) throws(WireError) -> [UInt8] {
        var text = Substring(string)
        if text.hasPrefix("{"), text.hasSuffix("}") { text = text.dropFirst().dropLast() }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else {
            throw WireError(.badValue, at: 0, "'\(string)' is not a GUID of the form 8-4-4-4-12 hex digits")
        }
        guard text.allSatisfy({ $0 == "-" || "0123456789abcdefABCDEF".contains($0) }) else {
            throw WireError(.badValue, at: 0, "'\(string)' has a character that is not a hex digit")
        }
        var raw: [UInt8] = []
        for group in groups {
            var chars = Array(group)
            while !chars.isEmpty {
                guard let octet = UInt8(String(chars.prefix(2)), radix: 16) else {
                    throw WireError(.badValue, at: 0, "'\(string)' has a non-hex digit")
                }
                raw.append(octet)
                chars.removeFirst(2)
            }
        }
        let order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15]
        return order.map { raw[$0] }
    }

    private static func hex(_ octet: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(octet >> 4)], digits[Int(octet & 0xF)]])
    }
}
