import Testing
@testable import TrustMapAnalysis

@Suite struct NameTableTests {
    @Test func findsCaseInsensitivelyAfterGrowing() {
        var t = NameTable()
        for i in 0..<5000 { #expect(t.insert("Host\(i).Corp.Example").inserted) }
        #expect(t.count == 5000)
        #expect(t.insert("host17.corp.example") == (17, false))
        for i in stride(from: 0, to: 5000, by: 7) {
            #expect(t.find("HOST\(i).CORP.EXAMPLE") == i)
            #expect(t.find("host\(i).corp.example") == i)
        }
        #expect(t.find("host5000.corp.example") == nil)
        #expect(t.find("host1.corp.exampl") == nil)
        #expect(t.find("") == nil)
    }

    @Test func nonASCIIBytesCompareExactly() {
        var t = NameTable()
        _ = t.insert("ÉCOLE")
        #expect(t.find("ÉCOLE") == 0)
        #expect(t.find("école") == nil)
        #expect(t.find("École") == 0)
    }
}
