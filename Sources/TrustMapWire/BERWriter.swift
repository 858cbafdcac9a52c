/// Builds BER (definite-length) encodings, innermost element first.
///
/// Lengths use the short form below 128 and the shortest long form above; integers use the
/// shortest two's-complement form, as X.690 requires.
public struct BERWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    public init() {}

    /// Appends one element with the given identifier and contents.
    public mutating func write(_ tag: BERTag, contents: some Collection<UInt8>) {
        bytes += tag.encoded
        bytes += Self.lengthOctets(contents.count)
        bytes += contents
    }

    /// Appends a constructed element whose contents `body` writes.
    public mutating func writeConstructed(_ tag: BERTag, _ body: (inout BERWriter) -> Void) {
        var inner = BERWriter()
        body(&inner)
        write(tag, contents: inner.bytes)
    }

    /// Appends an INTEGER (or another integer-valued tag).
    public mutating func writeInteger(_ value: Int64, tag: BERTag = .integer) {
        write(tag, contents: Self.integerOctets(value))
    }

    /// Appends an ENUMERATED.
    public mutating func writeEnumerated(_ value: Int64) {
        writeInteger(value, tag: .enumerated)
    }

    /// Appends a BOOLEAN (TRUE as 0xFF).
    public mutating func writeBoolean(_ value: Bool) {
        write(.boolean, contents: [value ? 0xFF : 0x00])
    }

    /// Appends an OCTET STRING (or another primitive string tag) holding raw bytes.
    public mutating func writeOctetString(_ value: some Collection<UInt8>, tag: BERTag = .octetString) {
        write(tag, contents: value)
    }

    /// Appends an OCTET STRING holding UTF-8 text.
    public mutating func writeOctetString(_ value: String, tag: BERTag = .octetString) {
        write(tag, contents: Array(value.utf8))
    }

    /// The length octets for a contents length.
    public static func lengthOctets(_ length: Int) -> [UInt8] {
        precondition(length >= 0, "negative BER length")
        if length < 0x80 { return [UInt8(length)] }
        var octets: [UInt8] = []
        var n = length
        while n > 0 {
            octets.insert(UInt8(n & 0xFF), at: 0)
            n >>= 8
        }
        return [0x80 | UInt8(octets.count)] + octets
    }

    /// The shortest two's-complement contents octets of an integer.
    public static func integerOctets(_ value: Int64) -> [UInt8] {
        var octets = withUnsafeBytes(of: value.bigEndian, Array.init)
        while octets.count > 1 {
            let redundantZero = octets[0] == 0x00 && octets[1] & 0x80 == 0
            let redundantOnes = octets[0] == 0xFF && octets[1] & 0x80 != 0
            guard redundantZero || redundantOnes else { break }
            octets.removeFirst()
        }
        return octets
    }
}
