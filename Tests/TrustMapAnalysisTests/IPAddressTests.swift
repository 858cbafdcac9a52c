import Testing
import TrustMapAnalysis

@Suite struct IPAddressTests {
    @Test func ipv4() {
        #expect(IPAddress("10.1.2.3") == .v4(0x0A01_0203))
        #expect(IPAddress("255.255.255.255") == .v4(.max))
        for bad in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4 ", "a.b.c.d", "1.2.3."] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func ipv6() {
        #expect(IPAddress("::") == .v6(0, 0))
        #expect(IPAddress("::1") == .v6(0, 1))
        #expect(IPAddress("fd00:1::5") == .v6(0xfd00_0001_0000_0000, 5))
        #expect(IPAddress("FD00:1:0:0:0:0:0:5") == IPAddress("fd00:1::5"))
        #expect(IPAddress("::ffff:10.1.2.3") == .v6(0, 0xffff_0a01_0203))
        #expect(IPAddress("fe80::1%eth0") == .v6(0xfe80_0000_0000_0000, 1))
        for bad in [":", ":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "g::", "1:", "::1.2.3"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func descriptionsRoundTrip() {
        for s in ["10.0.0.1", "::", "::1", "fd00:1::5", "2001:db8::1:0:0:1", "1:0:2:0:3:0:4:0", "fe80::"] {
            #expect(IPAddress(s)?.description == s)
        }
    }

    @Test func ranges() throws {
        let net = try #require(IPRange(parsing: "10.1.2.3/16"))
        #expect(net.first == IPAddress("10.1.0.0") && net.last == IPAddress("10.1.255.255"))
        #expect(net.description == "10.1.0.0/16")
        #expect(IPRange(parsing: "10.0.0.5-10.0.0.1") == nil)
        #expect(IPRange(parsing: "10.0.0.1-::1") == nil)
        #expect(IPRange(parsing: "10.0.0.1/33") == nil)
        let v6 = try #require(IPRange(parsing: "fd00:1::/48"))
        #expect(v6.contains(IPAddress("fd00:1:0:ffff::1")!))
        #expect(!v6.contains(IPAddress("fd00:2::1")!))
        #expect(IPRange(parsing: "0.0.0.0/0")?.contains(IPAddress("1.2.3.4")!) == true)
        #expect(IPRange(parsing: "::/0")?.overlaps(IPRange(parsing: "10.0.0.0/8")!) == false)
    }
}
