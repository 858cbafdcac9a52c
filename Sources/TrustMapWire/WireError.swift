/// A malformed or unsupported byte sequence met while decoding a wire format (BER, an LDAP message,
/// a Netlogon reply blob).
///
/// Every error names what was wrong and the byte offset where the decoder found it, counted from
/// the start of the buffer handed to the outermost decoder (the datagram, or the Netlogon blob).
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of defect.
    public enum Code: String, Sendable, Hashable, Codable {
        /// The input ended before a field was complete.
        case truncated
        /// A BER length was malformed (indefinite, reserved, too many octets, or overflowing its parent).
        case badLength
        /// A BER identifier octet (tag) was not the one expected here, or was malformed.
        case unexpectedTag
        /// A value was out of range or had the wrong size (an INTEGER, a GUID, a token).
        case badValue
        /// Bytes were left over where the format ends.
        case trailingBytes
        /// A compressed name pointer pointed outside the data or back into a loop.
        case badPointer
        /// A compressed name label was too long, reserved, not UTF-8, or the name was too long.
        case badLabel
        /// The Netlogon reply had an opcode this decoder does not read.
        case unsupportedOpcode
        /// An LDAP reply lacked a part it must have (the Netlogon attribute, the result).
        case missingField
    }

    /// The kind of defect.
    public let code: Code
    /// The byte offset where the defect was found.
    public let offset: Int
    /// A sentence naming the field and what was wrong with it.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, at offset: Int, _ reason: String) {
        self.code = code
        self.offset = offset
        self.reason = reason
    }

    /// The reason with its offset, e.g. `truncated at offset 12: DnsForestName label needs 9 bytes, 3 left`.
    public var description: String { "\(code.rawValue) at offset \(offset): \(reason)" }
}
