/// Reads consecutive BER elements (definite lengths only) from a buffer, with strict bounds checks.
///
/// Offsets in errors and in the returned elements count from the start of the buffer given to
/// ``init(_:)``; readers for nested elements keep counting in that buffer.
public struct BERReader: Sendable {
    /// The most length octets accepted in the long form (lengths up to 4 GiB - 1).
    public static let maxLengthOctets = 4

    private let bytes: ArraySlice<UInt8>
    /// Offset of the next unread octet.
    public private(set) var position: Int

    /// Creates a reader over a whole buffer.
    public init(_ bytes: [UInt8]) {
        self.init(slice: bytes[...])
    }

    /// Creates a reader over a slice; offsets are the slice's own indices.
    public init(slice: ArraySlice<UInt8>) {
        self.bytes = slice
        self.position = slice.startIndex
    }

    /// True when every element has been read.
    public var isAtEnd: Bool { position >= bytes.endIndex }

    /// The unread octets.
    public var remaining: ArraySlice<UInt8> { bytes[position...] }

    /// The identifier of the next element without consuming it, or nil at the end.
    public func peekTag() throws(WireError) -> BERTag? {
        guard !isAtEnd else { return nil }
        var copy = self
        return try copy.readTag()
    }

    /// Reads the next element.
    public mutating func read(_ what: String = "element") throws(WireError) -> BERElement {
        let start = position
        guard !isAtEnd else {
            throw WireError(.truncated, at: position, "\(what) expected, but the data ends")
        }
        let tag = try readTag()
        let length = try readLength(what)
        let available = bytes.endIndex - position
        guard length <= available else {
            throw WireError(
                .truncated, at: start, "\(what) (\(tag)) needs \(length) contents bytes, \(available) left")
        }
        let contents = bytes[position..<(position + length)]
        position += length
        return BERElement(tag: tag, offset: start, contents: contents)
    }

    /// Reads the next element and checks its identifier.
    public mutating func read(_ expected: BERTag, _ what: String) throws(WireError) -> BERElement {
        let element = try read(what)
        guard element.tag == expected else {
            throw WireError(.unexpectedTag, at: element.offset, "\(what) must be \(expected), found \(element.tag)")
        }
        return element
    }

    /// Checks that nothing is left.
    public func expectEnd(_ what: String) throws(WireError) {
        guard isAtEnd else {
            throw WireError(.trailingBytes, at: position, "\(bytes.endIndex - position) bytes follow \(what)")
        }
    }

    private mutating func readOctet(_ what: String) throws(WireError) -> UInt8 {
        guard position < bytes.endIndex else {
            throw WireError(.truncated, at: position, "\(what) is cut short")
        }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func readTag() throws(WireError) -> BERTag {
        let start = position
        let first = try readOctet("identifier")
        let tagClass = BERTag.TagClass(rawValue: first >> 6)!
        let constructed = first & 0x20 != 0
        guard first & 0x1F == 0x1F else { return BERTag(tagClass, UInt32(first & 0x1F), constructed: constructed) }
        var number: UInt32 = 0
        var count = 0
        while true {
            let octet = try readOctet("high tag number")
            if count == 0, octet == 0x80 {
                throw WireError(.unexpectedTag, at: start, "high tag number has a leading zero group")
            }
            count += 1
            guard count <= 4 else { throw WireError(.unexpectedTag, at: start, "tag number longer than 4 octets") }
            number = number << 7 | UInt32(octet & 0x7F)
            if octet & 0x80 == 0 { break }
        }
        guard number >= 31 else {
            throw WireError(.unexpectedTag, at: start, "tag number \(number) in the high-tag-number form")
        }
        return BERTag(tagClass, number, constructed: constructed)
    }

    private mutating func readLength(_ what: String) throws(WireError) -> Int {
        let start = position
        let first = try readOctet("length of \(what)")
        if first < 0x80 { return Int(first) }
        if first == 0x80 {
            throw WireError(.badLength, at: start, "indefinite length of \(what) is not allowed")
        }
        if first == 0xFF { throw WireError(.badLength, at: start, "reserved length octet 0xff in \(what)") }
        let count = Int(first & 0x7F)
        guard count <= Self.maxLengthOctets else {
            throw WireError(.badLength, at: start, "length of \(what) has \(count) octets, more than 4")
        }
        var length = 0
        for _ in 0..<count {
            let octet = try readOctet("length of \(what)")
            length = length << 8 | Int(octet)
        }
        return length
    }
}
