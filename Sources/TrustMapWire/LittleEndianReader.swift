/// Reads little-endian integers and fixed-size fields from a byte buffer with bounds checks.
///
/// Offsets in errors count from the start of the buffer.
struct LittleEndianReader {
    let bytes: [UInt8]
    var position: Int = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remainingCount: Int { bytes.count - position }

    mutating func take(_ count: Int, _ what: String) throws(WireError) -> ArraySlice<UInt8> {
        guard count <= remainingCount else {
            throw WireError(.truncated, at: position, "\(what) needs \(count) bytes, \(remainingCount) left")
        }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func uint8(_ what: String) throws(WireError) -> UInt8 {
        try take(1, what).first!
    }

    mutating func uint16(_ what: String) throws(WireError) -> UInt16 {
        let b = try take(2, what)
        return UInt16(b[b.startIndex]) | UInt16(b[b.startIndex + 1]) << 8
    }

    mutating func uint32(_ what: String) throws(WireError) -> UInt32 {
        let b = try take(4, what)
        return b.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// The little-endian UInt32 at an absolute offset, without moving.
    func uint32(at offset: Int, _ what: String) throws(WireError) -> UInt32 {
        var copy = self
        copy.position = offset
        return try copy.uint32(what)
    }
}
