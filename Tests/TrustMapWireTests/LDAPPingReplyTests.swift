import Testing
import TrustMapModel
import TrustMapWire

@Suite struct LDAPPingReplyTests {
    @Test(arguments: Captured.all)
    func capturedRepliesDecode(_ capture: CapturedReply) throws {
        let reply = try LDAPPingReply(datagram: capture.datagram)
        #expect(reply.messageID == capture.messageID)
        #expect(reply.resultCode == 0)
        #expect(reply.matchedDN == "")
        #expect(reply.diagnosticMessage == "")
        #expect(try LDAPPingReply.messageID(in: capture.datagram) == capture.messageID)
        if capture.name == Captured.corpDC1WrongDomain.name {
            #expect(reply.netlogon == nil)
        } else {
            let blob = try #require(reply.netlogon)
            let offset = try #require(reply.netlogonOffset)
            #expect(Array(capture.datagram[offset..<(offset + blob.count)]) == blob)
        }
    }

    @Test(arguments: Captured.decodable)
    func capturedNetlogonValuesDecode(_ capture: CapturedReply) throws {
        let blob = try #require(try LDAPPingReply(datagram: capture.datagram).netlogon)
        let response = try NetlogonResponse(netlogonBlob: blob)
        #expect(response == capture.expected)
    }

    @Test func rodcIsNotWritableAndHoldsSomeSecrets() throws {
        let blob = try #require(try LDAPPingReply(datagram: Captured.corpRODC1.datagram).netlogon)
        let flags = try NetlogonResponse(netlogonBlob: blob).flags
        #expect(!flags.contains(.writable))
        #expect(flags.contains(.selectSecretDomain6))
        #expect(!flags.contains(.fullSecretDomain6))
        #expect(!flags.contains(.pdc))
    }

    @Test(arguments: Captured.all)
    func everyTruncationThrows(_ capture: CapturedReply) {
        let full = capture.datagram
        for length in 0..<full.count {
            #expect(throws: WireError.self, "prefix of \(length) bytes") {
                try LDAPPingReply(datagram: Array(full.prefix(length)))
            }
        }
    }

    @Test func trailingGarbageAfterTheResultIsRejected() {
        let bytes = Captured.corpDC1.datagram + [0x00]
        #expect { try LDAPPingReply(datagram: bytes) } throws: { error in
            (error as? WireError)?.code == .trailingBytes && (error as? WireError)?.offset == bytes.count - 1
        }
    }

    @Test func mismatchedMessageIDsAreRejected() {
        var bytes = Captured.corpDC1.datagram
        // The SearchResultDone's messageID (0x1234) is at the end: 30 0d 02 02 12 34 ...
        let done = bytes.count - 15
        #expect(Array(bytes[done..<(done + 6)]) == [0x30, 0x0D, 0x02, 0x02, 0x12, 0x34])
        bytes[done + 5] = 0x35
        #expect { try LDAPPingReply(datagram: bytes) } throws: { error in
            (error as? WireError)?.code == .badValue && (error as? WireError)?.offset == done
        }
    }

    @Test func missingSearchResultDoneIsReported() {
        let bytes = Array(Captured.corpDC1.datagram.dropLast(15))
        #expect { try LDAPPingReply(datagram: bytes) } throws: { error in
            (error as? WireError)?.code == .missingField && (error as? WireError)?.offset == bytes.count
        }
    }

    @Test func errorResultIsDecodedWithItsMessage() throws {
        var writer = BERWriter()
        writer.writeConstructed(.sequence) { message in
            message.writeInteger(42)
            message.writeConstructed(LDAPProtocolOp.searchResultDone) { done in
                done.writeEnumerated(1)
                done.writeOctetString("")
                done.writeOctetString("Invalid CLDAP scope")
            }
        }
        let reply = try LDAPPingReply(datagram: writer.bytes)
        #expect(reply.messageID == 42)
        #expect(reply.resultCode == 1)
        #expect(reply.diagnosticMessage == "Invalid CLDAP scope")
        #expect(reply.netlogon == nil)
    }

    @Test func rfc1798UserFieldIsSkipped() throws {
        var writer = BERWriter()
        writer.writeConstructed(.sequence) { message in
            message.writeInteger(3)
            message.writeOctetString("cn=anyone")
            message.writeConstructed(LDAPProtocolOp.searchResultDone) { done in
                done.writeEnumerated(0)
                done.writeOctetString("")
                done.writeOctetString("")
            }
        }
        #expect(try LDAPPingReply(datagram: writer.bytes).messageID == 3)
    }

    @Test func entryWithoutNetlogonIsReported() {
        var writer = BERWriter()
        writer.writeConstructed(.sequence) { message in
            message.writeInteger(5)
            message.writeConstructed(LDAPProtocolOp.searchResultEntry) { entry in
                entry.writeOctetString("")
                entry.writeConstructed(.sequence) { attributes in
                    attributes.writeConstructed(.sequence) { attribute in
                        attribute.writeOctetString("dnsHostName")
                        attribute.writeConstructed(.set) { $0.writeOctetString("dc1") }
                    }
                }
            }
        }
        #expect { try LDAPPingReply(datagram: writer.bytes) } throws: { error in
            (error as? WireError)?.code == .missingField && (error as? WireError)?.offset == 5
        }
    }

    @Test func otherProtocolOpIsRejected() {
        // A BindResponse ([APPLICATION 1]) instead of a search result.
        let bytes: [UInt8] = [0x30, 0x0C, 0x02, 0x01, 0x01, 0x61, 0x07, 0x0A, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00]
        #expect { try LDAPPingReply(datagram: bytes) } throws: { error in
            (error as? WireError)?.code == .unexpectedTag && (error as? WireError)?.offset == 5
        }
    }

    @Test func strayDatagramsHaveNoMessageID() {
        for junk: [UInt8] in [[], [0x00], [0x30], [0x04, 0x00], [0x30, 0x03, 0x04, 0x01, 0x00]] {
            #expect(throws: WireError.self) { try LDAPPingReply.messageID(in: junk) }
        }
    }
}
