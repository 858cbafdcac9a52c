import Foundation

/// One decoded BER element: its identifier and a view of its contents.
///
/// `contents` is a slice of the buffer handed to the outermost ``BERReader``, so its indices are
/// offsets in that buffer, and errors raised from it name offsets in that buffer.
public struct BERElement: Sendable, Hashable {
    /// The identifier.
    public let tag: BERTag
    /// Offset of the identifier's first octet.
    public let offset: Int
    /// The contents octets (indices are offsets in the outer buffer).
    public let contents: ArraySlice<UInt8>

    /// Creates an element view.
    public init(tag: BERTag, offset: Int, contents: ArraySlice<UInt8>) {
        self.tag = tag
        self.offset = offset
        self.contents = contents
    }

    /// Offset of the first contents octet.
    public var contentsOffset: Int { contents.startIndex }

    /// A reader over the elements inside a constructed element.
    public func children(_ what: String) throws(WireError) -> BERReader {
        guard tag.isConstructed else {
            throw WireError(.unexpectedTag, at: offset, "\(what) must be constructed, found \(tag)")
        }
        return BERReader(slice: contents)
    }

    /// The value of an INTEGER or ENUMERATED (two's complement, at most 8 octets).
    public func integer(_ what: String) throws(WireError) -> Int64 {
        guard !tag.isConstructed else {
            throw WireError(.unexpectedTag, at: offset, "\(what) must be primitive, found \(tag)")
        }
        guard !contents.isEmpty else {
            throw WireError(.badValue, at: contentsOffset, "\(what) has no contents octets")
        }
        guard contents.count <= 8 else {
            throw WireError(.badValue, at: contentsOffset, "\(what) has \(contents.count) octets, more than 8")
        }
        var value: Int64 = contents.first! & 0x80 != 0 ? -1 : 0
        for octet in contents { value = value << 8 | Int64(octet) }
        return value
    }

    /// The value of a BOOLEAN (any non-zero octet is TRUE).
    public func boolean(_ what: String) throws(WireError) -> Bool {
        guard !tag.isConstructed, contents.count == 1 else {
            throw WireError(.badValue, at: contentsOffset, "\(what) must be one primitive octet, has \(contents.count)")
        }
        return contents.first! != 0
    }

    /// The octets of a primitive OCTET STRING (or other primitive string).
    public func octets(_ what: String) throws(WireError) -> [UInt8] {
        guard !tag.isConstructed else {
            throw WireError(.unexpectedTag, at: offset, "\(what) must be a primitive string, found \(tag)")
        }
        return Array(contents)
    }

    /// The UTF-8 text of a primitive OCTET STRING.
    public func string(_ what: String) throws(WireError) -> String {
        let raw = try octets(what)
        guard let text = String(bytes: raw, encoding: .utf8) else {
            throw WireError(.badValue, at: contentsOffset, "\(what) is not valid UTF-8")
        }
        return text
    }
}
