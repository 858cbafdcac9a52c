import Testing
import TrustMapModel
import TrustMapWire

@Suite struct NetlogonResponseTests {
    static func blob(_ capture: CapturedReply) -> [UInt8] {
        (try? LDAPPingReply(datagram: capture.datagram).netlogon) ?? []
    }

    static func expectError(
        _ bytes: [UInt8], _ code: WireError.Code, at offset: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sourceLocation: sourceLocation) { try NetlogonResponse(netlogonBlob: bytes) } throws: { error in
            guard let error = error as? WireError else { return false }
            return error.code == code && error.offset == offset
        }
    }

    /// A blob with uncompressed names, for building malformed cases: header, names, extras, trailer.
    static func build(
        opcode: UInt16 = 23, names: [[UInt8]] = Array(repeating: [0], count: 8), extras: [UInt8] = [],
        ntVersion: UInt32 = 5, tokens: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
    ) -> [UInt8] {
        var out: [UInt8] = [UInt8(opcode & 0xFF), UInt8(opcode >> 8), 0, 0, 0x01, 0x00, 0x00, 0x00]
        out += (0..<16).map { UInt8($0) }
        for name in names { out += name }
        out += extras
        out += withUnsafeBytes(of: ntVersion.littleEndian, Array.init)
        out += tokens
        return out
    }

    static func name(_ labels: String...) -> [UInt8] {
        labels.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }

    @Test func everyTruncationOfEveryCapturedBlobThrows() {
        for capture in Captured.decodable {
            let full = Self.blob(capture)
            #expect(!full.isEmpty)
            for length in 0..<full.count {
                #expect(throws: WireError.self, "\(capture.name): prefix of \(length) bytes") {
                    try NetlogonResponse(netlogonBlob: Array(full.prefix(length)))
                }
            }
        }
    }

    @Test func truncationIsReportedWhereTheDataEnds() {
        let full = Self.blob(Captured.corpDC1)
        Self.expectError(Array(full.prefix(1)), .truncated, at: 0)
        Self.expectError(Array(full.prefix(10)), .truncated, at: 8)  // inside DomainGuid
        Self.expectError(Array(full.prefix(30)), .truncated, at: 29)  // inside the "example" label
    }

    @Test func minimalBlobDecodes() throws {
        let response = try NetlogonResponse(netlogonBlob: Self.build())
        #expect(response.dnsForestName == "")
        #expect(response.clientSiteName == "")
        #expect(response.domainGUID == "03020100-0504-0706-0809-0a0b0c0d0e0f")
        #expect(response.flags == .pdc)
        #expect(response.dcSocketAddress == nil)
    }

    @Test func pointerLoopsAreCaught() {
        // DnsForestName at offset 24 points at itself.
        Self.expectError(Self.build(names: [[0xC0, 24]] + Array(repeating: [0], count: 7)), .badPointer, at: 24)
        // Two pointers pointing at each other: 24 -> 26 -> 24.
        var names: [[UInt8]] = [[0xC0, 26], [0xC0, 24]]
        names += Array(repeating: [0], count: 6)
        Self.expectError(Self.build(names: names), .badPointer, at: 24)
        // A label followed by a pointer back to the same label.
        names = [[0x01, 0x61, 0xC0, 24]] + Array(repeating: [0], count: 7)
        Self.expectError(Self.build(names: names), .badPointer, at: 26)
    }

    @Test func pointersOutOfRangeAreCaught() {
        Self.expectError(Self.build(names: [[0xC0, 0xFF]] + Array(repeating: [0], count: 7)), .badPointer, at: 24)
        Self.expectError(Self.build(names: [[0xFF, 0xFF]] + Array(repeating: [0], count: 7)), .badPointer, at: 24)
    }

    @Test func forwardPointersAreFollowed() throws {
        // DnsForestName points at DnsDomainName, which follows it.
        var names: [[UInt8]] = [[0xC0, 26], Self.name("corp", "test")]
        names += Array(repeating: [0], count: 6)
        let response = try NetlogonResponse(netlogonBlob: Self.build(names: names))
        #expect(response.dnsForestName == "corp.test")
        #expect(response.dnsDomainName == "corp.test")
    }

    @Test func reservedAndOverlongLabelsAreRejected() {
        Self.expectError(
            Self.build(names: [[0x40] + Array(repeating: 0x61, count: 64) + [0]] + Array(repeating: [0], count: 7)),
            .badLabel, at: 24)
        Self.expectError(Self.build(names: [[0x80, 0x00]] + Array(repeating: [0], count: 7)), .badLabel, at: 24)
        // A name over 255 bytes made of 63-byte labels: the fourth label makes it 257.
        let label = String(repeating: "a", count: 63)
        let long = Self.name(label, label, label, label)
        Self.expectError(Self.build(names: [long] + Array(repeating: [0], count: 7)), .badLabel, at: 24 + 3 * 64)
        // A 63-byte label is fine.
        #expect(throws: Never.self) {
            try NetlogonResponse(netlogonBlob: Self.build(names: [Self.name(label)] + Array(repeating: [0], count: 7)))
        }
    }

    @Test func invalidUTF8LabelIsRejected() {
        Self.expectError(
            Self.build(names: [[0x02, 0xC3, 0x28, 0]] + Array(repeating: [0], count: 7)), .badLabel, at: 25)
    }

    @Test func wrongOpcodesAreRejected() {
        Self.expectError(Self.blob(Captured.corpDC1V5Only), .unsupportedOpcode, at: 0)
        for opcode: UInt16 in [0, 19, 21, 24, 0xFFFF] {
            Self.expectError(Self.build(opcode: opcode), .unsupportedOpcode, at: 0)
        }
        #expect(throws: Never.self) { try NetlogonResponse(netlogonBlob: Self.build(opcode: 25)) }
    }

    @Test func tokensMustBeFFFF() {
        let ok = Self.build()
        Self.expectError(Self.build(tokens: [0xFE, 0xFF, 0xFF, 0xFF]), .badValue, at: ok.count - 4)
        Self.expectError(Self.build(tokens: [0xFF, 0xFF, 0x00, 0x00]), .badValue, at: ok.count - 2)
    }

    @Test func trailingBytesBeforeTheTrailerAreRejected() {
        let blob = Self.build(extras: [0xAA, 0xBB])
        Self.expectError(blob, .trailingBytes, at: 32)
        var captured = Self.blob(Captured.corpDC1)
        captured.insert(0x00, at: captured.count - 8)
        Self.expectError(captured, .trailingBytes, at: captured.count - 9)
    }

    @Test func socketAddressesDecode() throws {
        let v4: [UInt8] = [16, 0x02, 0x00, 0x01, 0x85, 192, 0, 2, 7] + Array(repeating: 0, count: 8)
        #expect(
            try NetlogonResponse(netlogonBlob: Self.build(extras: v4, ntVersion: 0xD)).dcSocketAddress == "192.0.2.7")
        var v6: [UInt8] = [28, 23, 0, 0, 0, 0, 0, 0, 0]
        v6 += [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 10) + [0, 1]
        v6 += [0, 0, 0, 0]
        #expect(
            try NetlogonResponse(netlogonBlob: Self.build(extras: v6, ntVersion: 0xD)).dcSocketAddress == "2001:db8::1")
        Self.expectError(Self.build(extras: [4, 2, 0, 0, 0], ntVersion: 0xD), .badValue, at: 32)
        Self.expectError(Self.build(extras: [8, 99, 0, 0, 0, 1, 2, 3, 4], ntVersion: 0xD), .badValue, at: 33)
        Self.expectError(Self.build(extras: [200, 2, 0], ntVersion: 0xD), .truncated, at: 33)
    }

    @Test func nextClosestSiteIsReadWhenNtVersionHasVCS() throws {
        let response = try NetlogonResponse(netlogonBlob: Self.build(extras: Self.name("Branch"), ntVersion: 0x15))
        #expect(response.nextClosestSiteName == "Branch")
        #expect(response.dcSocketAddress == nil)
        let both = Self.build(
            extras: [16, 2, 0, 0, 0, 10, 0, 0, 1] + Array(repeating: 0, count: 8) + [0xC0, 24],
            ntVersion: 0x1D)
        let decoded = try NetlogonResponse(netlogonBlob: both)
        #expect(decoded.dcSocketAddress == "10.0.0.1")
        #expect(decoded.nextClosestSiteName == "")
    }

    @Test func optionalFieldsRunningIntoTheTrailerAreTruncation() {
        Self.expectError(Self.build(extras: [16, 2, 0], ntVersion: 0xD), .truncated, at: 33)
    }

    @Test func errorsSayWhatAndWhere() {
        do {
            _ = try NetlogonResponse(netlogonBlob: Self.build(names: [[0xC0, 24]] + Array(repeating: [0], count: 7)))
            Issue.record("no error")
        } catch {
            #expect(error.description == "badPointer at offset 24: DnsForestName pointer to 24 makes a loop")
        }
    }
}
