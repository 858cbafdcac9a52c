import Testing
import TrustMapModel
import TrustMapWire

/// Random mutations of real replies: decoding may fail, but only with a `WireError`, never a crash.
@Suite struct FuzzTests {
    /// SplitMix64: a small deterministic generator, so a failure can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 1 where !bytes.isEmpty:
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[i] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
            case 2:
                bytes.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
            case 3 where !bytes.isEmpty:
                bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
            case 4 where !bytes.isEmpty:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            default:
                // Interesting values: pointer and length bytes.
                if !bytes.isEmpty {
                    let special: [UInt8] = [0x00, 0x3F, 0x40, 0x7F, 0x80, 0x81, 0x84, 0xC0, 0xFF]
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = special.randomElement(using: &rng)!
                }
            }
        }
        return bytes
    }

    @Test(arguments: Captured.all)
    func mutatedDatagramsNeverCrash(_ capture: CapturedReply) {
        var rng = SplitMix64(state: UInt64(capture.messageID) &* 7919 &+ UInt64(capture.hex.count))
        var decoded = 0
        for _ in 0..<2000 {
            let bytes = Self.mutate(capture.datagram, &rng)
            do {
                let reply = try LDAPPingReply(datagram: bytes)
                if let blob = reply.netlogon { _ = try NetlogonResponse(netlogonBlob: blob) }
                decoded += 1
            } catch {
                _ = error.description
            }
        }
        #expect(decoded < 2000)
    }

    @Test(arguments: Captured.decodable)
    func mutatedBlobsNeverCrash(_ capture: CapturedReply) throws {
        let blob = try #require(try LDAPPingReply(datagram: capture.datagram).netlogon)
        var rng = SplitMix64(state: UInt64(blob.count) &* 104_729)
        for _ in 0..<2000 {
            let bytes = Self.mutate(blob, &rng)
            do {
                let response = try NetlogonResponse(netlogonBlob: bytes)
                #expect(response.opcode == 23 || response.opcode == 25)
            } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count)
            }
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(state: 42)
        for _ in 0..<5000 {
            let bytes = (0..<Int.random(in: 0..<80, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? LDAPPingReply(datagram: bytes)
            _ = try? NetlogonResponse(netlogonBlob: bytes)
            var reader = BERReader(bytes)
            while let element = try? reader.read() {
                _ = try? element.integer("n")
                _ = try? element.children("c")
            }
        }
    }
}
