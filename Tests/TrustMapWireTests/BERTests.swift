import Testing
import TrustMapWire

@Suite struct BERTests {
    @Test(
        arguments: [
            (Int64(0), [0x00]), (127, [0x7F]), (128, [0x00, 0x80]), (256, [0x01, 0x00]), (-1, [0xFF]),
            (-128, [0x80]), (-129, [0xFF, 0x7F]), (Int64(Int32.max), [0x7F, 0xFF, 0xFF, 0xFF]),
            (Int64.min, [0x80, 0, 0, 0, 0, 0, 0, 0]),
        ] as [(Int64, [UInt8])])
    func integerRoundTrip(value: Int64, octets: [UInt8]) throws {
        #expect(BERWriter.integerOctets(value) == octets)
        var writer = BERWriter()
        writer.writeInteger(value)
        #expect(writer.bytes == [0x02, UInt8(octets.count)] + octets)
        var reader = BERReader(writer.bytes)
        #expect(try reader.read(.integer, "n").integer("n") == value)
        try reader.expectEnd("n")
    }

    @Test(
        arguments: [
            (0, [0x00]), (127, [0x7F]), (128, [0x81, 0x80]), (255, [0x81, 0xFF]), (256, [0x82, 0x01, 0x00]),
            (65_536, [0x83, 0x01, 0x00, 0x00]),
        ] as [(Int, [UInt8])])
    func lengthRoundTrip(length: Int, octets: [UInt8]) throws {
        #expect(BERWriter.lengthOctets(length) == octets)
        var writer = BERWriter()
        writer.writeOctetString([UInt8](repeating: 0xAB, count: length))
        var reader = BERReader(writer.bytes)
        let element = try reader.read(.octetString, "s")
        #expect(element.contents.count == length)
        #expect(element.contentsOffset == 1 + octets.count)
    }

    @Test func nonMinimalLongFormLengthsAreAccepted() throws {
        // Windows encodes every LDAP length in the 4-octet form: 0x84 00 00 00 03.
        var reader = BERReader([0x30, 0x84, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x07])
        var inner = try reader.read(.sequence, "seq").children("seq")
        #expect(try inner.read(.integer, "n").integer("n") == 7)
    }

    @Test func tagsRoundTrip() throws {
        let tags: [BERTag] = [
            .integer, .octetString, .enumerated, .sequence, .set, .boolean, .application(3), .application(4),
            .contextSpecific(0, constructed: true), .contextSpecific(3, constructed: true), .contextSpecific(7),
            BERTag(.privateUse, 31, constructed: false), BERTag(.application, 200, constructed: true),
            BERTag(.contextSpecific, 0xFFFF, constructed: false),
        ]
        for tag in tags {
            var writer = BERWriter()
            writer.write(tag, contents: [1, 2])
            var reader = BERReader(writer.bytes)
            let element = try reader.read(tag, "t")
            #expect(element.tag == tag)
            #expect(Array(element.contents) == [1, 2])
        }
        #expect(BERTag.application(3).encoded == [0x63])
        #expect(BERTag.contextSpecific(3, constructed: true).encoded == [0xA3])
        #expect(BERTag(.application, 200, constructed: true).encoded == [0x7F, 0x81, 0x48])
    }

    @Test func nestedOffsetsCountFromTheOuterBuffer() throws {
        var writer = BERWriter()
        writer.writeConstructed(.sequence) { seq in
            seq.writeInteger(5)
            seq.writeOctetString("ab")
        }
        var reader = BERReader(writer.bytes)
        var seq = try reader.read(.sequence, "seq").children("seq")
        _ = try seq.read(.integer, "n")
        let string = try seq.read(.octetString, "s")
        #expect(string.offset == 5)
        #expect(string.contentsOffset == 7)
        #expect(try string.string("s") == "ab")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let code: WireError.Code
        let offset: Int
        var testDescription: String { name }
    }

    @Test(arguments: [
        Bad(name: "empty", bytes: [], code: .truncated, offset: 0),
        Bad(name: "no length", bytes: [0x02], code: .truncated, offset: 1),
        Bad(name: "indefinite length", bytes: [0x30, 0x80, 0x00, 0x00], code: .badLength, offset: 1),
        Bad(name: "reserved length", bytes: [0x04, 0xFF], code: .badLength, offset: 1),
        Bad(name: "five length octets", bytes: [0x04, 0x85, 0, 0, 0, 0, 1, 0], code: .badLength, offset: 1),
        Bad(name: "cut long length", bytes: [0x04, 0x82, 0x01], code: .truncated, offset: 3),
        Bad(name: "contents past end", bytes: [0x04, 0x05, 0x61, 0x62], code: .truncated, offset: 0),
        Bad(name: "huge length", bytes: [0x04, 0x84, 0xFF, 0xFF, 0xFF, 0xFF], code: .truncated, offset: 0),
        Bad(name: "cut high tag", bytes: [0x7F, 0x81], code: .truncated, offset: 2),
        Bad(name: "high tag leading zero", bytes: [0x7F, 0x80, 0x01, 0x00], code: .unexpectedTag, offset: 0),
        Bad(name: "small number in high form", bytes: [0x7F, 0x05, 0x00], code: .unexpectedTag, offset: 0),
        Bad(
            name: "tag over 4 octets", bytes: [0x7F, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00], code: .unexpectedTag,
            offset: 0),
    ])
    func malformedElements(_ bad: Bad) {
        var reader = BERReader(bad.bytes)
        #expect { _ = try reader.read("element") } throws: { error in
            guard let error = error as? WireError else { return false }
            return error.code == bad.code && error.offset == bad.offset
        }
    }

    @Test func wrongTagNamesBothTags() {
        var reader = BERReader([0x04, 0x00])
        #expect { _ = try reader.read(.integer, "messageID") } throws: { error in
            let e = error as? WireError
            return e?.code == .unexpectedTag && e?.offset == 0 && e!.reason.contains("INTEGER")
                && e!.reason.contains("OCTET STRING")
        }
    }

    @Test func integerContentsAreChecked() throws {
        var empty = BERReader([0x02, 0x00])
        #expect(throws: WireError.self) { try empty.read(.integer, "n").integer("n") }
        var long = BERReader([0x02, 0x09] + [UInt8](repeating: 1, count: 9))
        #expect(throws: WireError.self) { try long.read(.integer, "n").integer("n") }
        var constructed = BERReader([0x22, 0x00])
        #expect(throws: WireError.self) { try constructed.read("n").integer("n") }
    }

    @Test func trailingBytesAreReported() throws {
        var reader = BERReader([0x05, 0x00, 0xAA])
        _ = try reader.read(.null, "null")
        #expect { try reader.expectEnd("null") } throws: { error in
            (error as? WireError) == WireError(.trailingBytes, at: 2, "1 bytes follow null")
        }
    }

    @Test func primitiveElementHasNoChildren() {
        var reader = BERReader([0x04, 0x00])
        #expect(throws: WireError.self) { try reader.read("s").children("s") }
    }
}
