import Foundation

/// Reads the RFC 1035 compressed names of a Netlogon reply (MS-ADTS 6.3.1.9): labels of 1-63
/// bytes ended by a zero byte, or by a two-byte pointer (`11` + 14-bit offset from the start of
/// the blob) to the rest of the name elsewhere.
enum CompressedName {
    /// The longest name accepted, in wire bytes (RFC 1035 2.3.4).
    static let maxLength = 255

    /// Reads the name at `reader.position`, leaves the reader after the name's own bytes and
    /// returns its labels joined with dots ("" for the empty name).
    static func read(_ reader: inout LittleEndianReader, _ field: String) throws(WireError) -> String {
        let blob = reader.bytes
        var position = reader.position
        var resume: Int?
        var visited: Set<Int> = []
        var labels: [String] = []
        var length = 0
        while true {
            guard position < blob.count else {
                throw WireError(.truncated, at: position, "\(field) needs a label length byte, the data ends")
            }
            let octet = blob[position]
            switch octet & 0xC0 {
            case 0xC0:
                guard position + 1 < blob.count else {
                    throw WireError(.truncated, at: position, "\(field) pointer needs 2 bytes, 1 left")
                }
                let target = Int(octet & 0x3F) << 8 | Int(blob[position + 1])
                if resume == nil { resume = position + 2 }
                guard target < blob.count else {
                    throw WireError(
                        .badPointer, at: position, "\(field) pointer to \(target) is past the end (\(blob.count) bytes)"
                    )
                }
                guard visited.insert(target).inserted else {
                    throw WireError(.badPointer, at: position, "\(field) pointer to \(target) makes a loop")
                }
                position = target
            case 0x00:
                let count = Int(octet)
                if count == 0 {
                    reader.position = resume ?? position + 1
                    return labels.joined(separator: ".")
                }
                guard position + 1 + count <= blob.count else {
                    throw WireError(
                        .truncated, at: position,
                        "\(field) label needs \(count) bytes, \(blob.count - position - 1) left")
                }
                length += count + 1
                guard length + 1 <= maxLength else {
                    throw WireError(.badLabel, at: position, "\(field) is longer than \(maxLength) bytes")
                }
                guard let label = String(bytes: blob[(position + 1)...(position + count)], encoding: .utf8) else {
                    throw WireError(.badLabel, at: position + 1, "\(field) label is not valid UTF-8")
                }
                labels.append(label)
                position += 1 + count
            default:
                throw WireError(
                    .badLabel, at: position,
                    "\(field) label length byte 0x\(String(octet, radix: 16)) is over 63 (reserved label type)")
            }
        }
    }
}
