import Testing
import TrustMapWire

@Suite struct MixedEndianGUIDTests {
    // The bytes of {00112233-4455-6677-8899-aabbccddeeff} as Windows stores a GUID.
    let wire: [UInt8] = [
        0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF,
    ]

    @Test func rendersFirstThreeFieldsLittleEndian() {
        #expect(MixedEndianGUID.string(wire) == "00112233-4455-6677-8899-aabbccddeeff")
    }

    @Test func parsesBackToTheSameBytes() throws {
        #expect(try MixedEndianGUID.bytes("00112233-4455-6677-8899-aabbccddeeff") == wire)
        #expect(try MixedEndianGUID.bytes("{00112233-4455-6677-8899-AABBCCDDEEFF}") == wire)
    }

    @Test(arguments: [
        "", "00112233-4455-6677-8899", "0011223g-4455-6677-8899-aabbccddeeff",
        "+0112233-4455-6677-8899-aabbccddeeff", "001122334455-6677-8899-aabbccddeeff-",
    ])
    func rejectsNonGUIDs(_ text: String) {
        #expect(throws: WireError.self) { try MixedEndianGUID.bytes(text) }
    }
}
