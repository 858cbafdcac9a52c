/// The reply datagram of an LDAP ping: an optional `SearchResultEntry` carrying the `Netlogon`
/// attribute, then a `SearchResultDone`, both LDAPv3 `LDAPMessage`s with the request's message ID,
/// concatenated in one datagram (Samba `libcli/cldap`, MS-ADTS 6.3.3).
///
/// A DC that will not answer for the asked domain sends the `SearchResultDone` alone (Samba
/// answers so with result code 0): then ``netlogon`` is nil.
public struct LDAPPingReply: Sendable, Hashable {
    /// The message ID of every message in the datagram.
    public let messageID: Int32
    /// The value of the `Netlogon` attribute (a NETLOGON_SAM_LOGON_RESPONSE_EX blob), if an entry came.
    public let netlogon: [UInt8]?
    /// Offset of the `Netlogon` value within the datagram (for error reports), if an entry came.
    public let netlogonOffset: Int?
    /// The LDAP result code of the `SearchResultDone` (0 is success).
    public let resultCode: Int
    /// The result's matchedDN.
    public let matchedDN: String
    /// The result's diagnosticMessage (the server's own words).
    public let diagnosticMessage: String

    /// Decodes a reply datagram.
    public init(datagram: [UInt8]) throws(WireError) {
        var reader = BERReader(datagram)
        var id: Int32?
        var netlogon: [UInt8]?
        var netlogonOffset: Int?
        while true {
            let message = try reader.read(.sequence, "LDAPMessage")
            var fields = try message.children("LDAPMessage")
            let thisID = try Self.readMessageID(&fields)
            if let id, id != thisID {
                throw WireError(.badValue, at: message.offset, "message ID \(thisID) differs from the first, \(id)")
            }
            id = thisID
            let op = try fields.read("protocolOp")
            switch op.tag {
            case LDAPProtocolOp.searchResultEntry:
                guard netlogon == nil else {
                    throw WireError(.badValue, at: op.offset, "a second SearchResultEntry")
                }
                let value = try Self.netlogonValue(of: op)
                netlogon = Array(value)
                netlogonOffset = value.startIndex
                try Self.skipControls(&fields)
            case LDAPProtocolOp.searchResultDone:
                var result = try op.children("SearchResultDone")
                let code = try result.read(.enumerated, "resultCode").integer("resultCode")
                let matched = try result.read(.octetString, "matchedDN").string("matchedDN")
                let diagnostic = try result.read(.octetString, "diagnosticMessage").string("diagnosticMessage")
                if try result.peekTag() == LDAPProtocolOp.referral { _ = try result.read("referral") }
                try result.expectEnd("the LDAPResult")
                try Self.skipControls(&fields)
                try reader.expectEnd("the SearchResultDone message")
                guard code >= 0, code <= Int64(Int32.max) else {
                    throw WireError(.badValue, at: op.contentsOffset, "resultCode \(code) is out of range")
                }
                self.messageID = thisID
                self.netlogon = netlogon
                self.netlogonOffset = netlogonOffset
                self.resultCode = Int(code)
                self.matchedDN = matched
                self.diagnosticMessage = diagnostic
                return
            default:
                throw WireError(
                    .unexpectedTag, at: op.offset,
                    "protocolOp must be SearchResultEntry or SearchResultDone, found \(op.tag)")
            }
            if reader.isAtEnd {
                throw WireError(.missingField, at: reader.position, "the SearchResultDone message is missing")
            }
        }
    }

    /// The message ID of the first message in a datagram, read without decoding the rest; used to
    /// tell a stray datagram from the reply.
    public static func messageID(in datagram: [UInt8]) throws(WireError) -> Int32 {
        var reader = BERReader(datagram)
        var fields = try reader.read(.sequence, "LDAPMessage").children("LDAPMessage")
        return try readMessageID(&fields)
    }

    private static func readMessageID(_ fields: inout BERReader) throws(WireError) -> Int32 {
        let element = try fields.read(.integer, "messageID")
        let value = try element.integer("messageID")
        guard value >= 0, value <= Int64(Int32.max) else {
            throw WireError(.badValue, at: element.contentsOffset, "messageID \(value) is outside 0...2^31-1")
        }
        // RFC 1798 CLDAP puts a `user` LDAPDN between the ID and the operation; skip it if present.
        if try fields.peekTag() == .octetString { _ = try fields.read("CLDAP user") }
        return Int32(value)
    }

    private static func skipControls(_ fields: inout BERReader) throws(WireError) {
        if try fields.peekTag() == LDAPProtocolOp.controls { _ = try fields.read("controls") }
        try fields.expectEnd("the LDAPMessage")
    }

    /// The single value of the entry's `Netlogon` attribute (name compared case-insensitively).
    private static func netlogonValue(of entry: BERElement) throws(WireError) -> ArraySlice<UInt8> {
        var entryFields = try entry.children("SearchResultEntry")
        _ = try entryFields.read(.octetString, "objectName")
        var attributes = try entryFields.read(.sequence, "attributes").children("attributes")
        try entryFields.expectEnd("the SearchResultEntry")
        var found: ArraySlice<UInt8>?
        while !attributes.isAtEnd {
            var attribute = try attributes.read(.sequence, "PartialAttribute").children("PartialAttribute")
            let type = try attribute.read(.octetString, "attribute type").string("attribute type")
            var values = try attribute.read(.set, "attribute values").children("attribute values")
            try attribute.expectEnd("the PartialAttribute")
            guard type.lowercased() == "netlogon" else { continue }
            let value = try values.read(.octetString, "Netlogon value")
            guard values.isAtEnd else {
                throw WireError(.badValue, at: values.position, "the Netlogon attribute has more than one value")
            }
            guard found == nil else {
                throw WireError(.badValue, at: value.offset, "the Netlogon attribute appears twice")
            }
            found = value.contents
        }
        guard let found else {
            throw WireError(.missingField, at: entry.offset, "the SearchResultEntry has no Netlogon attribute")
        }
        return found
    }
}
