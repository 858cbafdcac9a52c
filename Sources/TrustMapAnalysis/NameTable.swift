/// An open-addressing hash table from names to entry numbers, comparing names ASCII case-insensitively, so that
/// `Membership` looks a query up straight from its UTF-8 bytes: no lower-casing copy, no SipHash, and a stored hash
/// compared before any byte.
///
/// Keys live in one byte array; entries are numbered in insertion order (the caller keeps the values in an array
/// indexed by that number). Bytes outside ASCII are compared exactly.
struct NameTable: Sendable {
    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private var hashes: [UInt64] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var bytes: [UInt8] = []

    /// The number of entries.
    var count: Int { hashes.count }

    @inline(__always)
    private static func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5a ? b | 0x20 : b }

    /// FNV-1a over the case-folded bytes, with a final mix so that the low bits (the slot) depend on every byte.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(fold(b))) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }

    /// The entry number of `key`, when present.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let e = Int(slots[i])
                if e < 0 { return nil }
                if hashes[e] == h && equal(e, key) { return e }
                i = (i + 1) & mask
            }
        }
    }

    /// The entry number of `key`, when present.
    func find(_ key: String) -> Int? {
        var k = key
        return k.withUTF8 { find($0) }
    }

    /// Inserts `key` when absent; returns its entry number and whether it was new.
    mutating func insert(_ key: String) -> (entry: Int, inserted: Bool) {
        var k = key
        return k.withUTF8 { key in
            if let e = find(key) { return (e, false) }
            let e = hashes.count
            let h = Self.hash(key)
            hashes.append(h)
            starts.append(Int32(bytes.count))
            lengths.append(Int32(key.count))
            bytes.append(contentsOf: key)
            if hashes.count * 2 > slots.count {
                rehash(slots.count * 2)
            } else {
                place(e, h)
            }
            return (e, true)
        }
    }

    private mutating func place(_ e: Int, _ h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(e)
    }

    private mutating func rehash(_ size: Int) {
        slots = Array(repeating: -1, count: size)
        for e in hashes.indices { place(e, hashes[e]) }
    }

    private func equal(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = Int(lengths[e])
        guard n == key.count else { return false }
        let s = Int(starts[e])
        return bytes.withUnsafeBufferPointer { stored in
            for j in 0..<n where Self.fold(stored[s + j]) != Self.fold(key[j]) { return false }
            return true
        }
    }
}
