import Foundation
import Testing
@testable import TrustMapModel

@Suite struct SIDTests {
    @Test func binaryRoundTrip() throws {
        // S-1-5-21-1004336348-1177238915-682003330 as LDAP returns it.
        let sid = try SID(string: "S-1-5-21-1004336348-1177238915-682003330")
        let again = try SID(binary: sid.binary)
        #expect(again == sid)
        #expect(sid.binary.count == 8 + 4 * 4)
        #expect(Array(sid.binary.prefix(8)) == [1, 4, 0, 0, 0, 0, 0, 5])
        #expect(sid.description == "S-1-5-21-1004336348-1177238915-682003330")
    }

    @Test func truncatedBinaryIsRejected() {
        let full = try! SID(string: "S-1-5-21-1-2-3").binary
        for n in 0..<full.count {
            #expect(throws: ModelError.self) { try SID(binary: full.prefix(n)) }
        }
    }

    @Test func badStrings() {
        for s in ["", "S-1", "X-1-5-21", "S-1-5-21-abc", "S-1-5-21-4294967296"] {
            #expect(throws: ModelError.self) { try SID(string: s) }
        }
    }

    @Test func codableAsString() throws {
        let sid = try SID(string: "S-1-5-32-544")
        let data = try JSONEncoder().encode([sid])
        #expect(String(decoding: data, as: UTF8.self) == "[\"S-1-5-32-544\"]")
        #expect(try JSONDecoder().decode([SID].self, from: data) == [sid])
    }
}
