/// An IPv4 or IPv6 address, parsed in Swift (no C), compared numerically; IPv4 sorts before IPv6.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// An IPv4 address as a 32-bit number.
    case v4(UInt32)
    /// An IPv6 address as its high and low 64 bits.
    case v6(UInt64, UInt64)

    /// Parses dotted-quad IPv4 (no leading zeros) or IPv6 (with `::`, an embedded IPv4 tail and an ignored
    /// `%zone`); nil for anything else.
    public init?<S: StringProtocol>(_ text: S) {
        if let v4 = Self.parseV4(text.utf8) {
            self = .v4(v4)
            return
        }
        guard text.utf8.contains(UInt8(ascii: ":")) else { return nil }
        var utf8 = Array(text.utf8)
        if let pct = utf8.firstIndex(of: UInt8(ascii: "%")) { utf8.removeSubrange(pct...) }
        guard let (hi, lo) = Self.parseV6(utf8[...]) else { return nil }
        self = .v6(hi, lo)
    }

    /// True for IPv4.
    public var isV4: Bool { if case .v4 = self { true } else { false } }
    /// The number of bits (32 or 128).
    public var bitWidth: Int { isV4 ? 32 : 128 }

    /// The address with only its first `prefix` bits kept.
    public func masked(_ prefix: Int) -> IPAddress {
        switch self {
        case .v4(let a):
            return .v4(prefix <= 0 ? 0 : prefix >= 32 ? a : a & ~(UInt32.max >> UInt32(prefix)))
        case .v6(let h, let l):
            if prefix <= 0 { return .v6(0, 0) }
            if prefix >= 128 { return self }
            if prefix <= 64 { return .v6(prefix == 64 ? h : h & ~(UInt64.max >> UInt64(prefix)), 0) }
            return .v6(h, l & ~(UInt64.max >> UInt64(prefix - 64)))
        }
    }

    /// The last address of the network of length `prefix` containing this address.
    public func broadcast(_ prefix: Int) -> IPAddress {
        switch self {
        case .v4(let a):
            return .v4(prefix <= 0 ? .max : prefix >= 32 ? a : a | (UInt32.max >> UInt32(prefix)))
        case .v6(let h, let l):
            if prefix <= 0 { return .v6(.max, .max) }
            if prefix >= 128 { return self }
            if prefix <= 64 { return .v6(prefix == 64 ? h : h | (UInt64.max >> UInt64(prefix)), .max) }
            return .v6(h, l | (UInt64.max >> UInt64(prefix - 64)))
        }
    }

    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        switch (a, b) {
        case (.v4(let x), .v4(let y)): x < y
        case (.v4, .v6): true
        case (.v6, .v4): false
        case (.v6(let h1, let l1), .v6(let h2, let l2)): (h1, l1) < (h2, l2)
        }
    }

    /// Dotted quad, or RFC 5952 compressed IPv6.
    public var description: String {
        switch self {
        case .v4(let a):
            return "\(a >> 24).\(a >> 16 & 0xff).\(a >> 8 & 0xff).\(a & 0xff)"
        case .v6(let h, let l):
            let groups = (0..<8).map { i in
                UInt16(truncatingIfNeeded: (i < 4 ? h : l) >> UInt64(48 - 16 * (i % 4)))
            }
            var best = (start: -1, length: 0)
            var i = 0
            while i < 8 {
                if groups[i] == 0 {
                    var j = i
                    while j < 8 && groups[j] == 0 { j += 1 }
                    if j - i > best.length && j - i > 1 { best = (i, j - i) }
                    i = j
                } else {
                    i += 1
                }
            }
            let hex = groups.map { String($0, radix: 16) }
            if best.start < 0 { return hex.joined(separator: ":") }
            let head = hex[..<best.start].joined(separator: ":")
            let tail = hex[(best.start + best.length)...].joined(separator: ":")
            return head + "::" + tail
        }
    }

    private static func parseV4<C: Collection<UInt8>>(_ b: C) -> UInt32? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var parts = 0
        var leadingZero = false
        for c in b {
            if c == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
            } else if c >= 0x30 && c <= 0x39 {
                if digits == 0 { leadingZero = c == 0x30 } else if leadingZero { return nil }
                part = part * 10 + UInt32(c - 0x30)
                digits += 1
                guard digits <= 3, part <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | part
    }

    private static func parseV6(_ b: ArraySlice<UInt8>) -> (UInt64, UInt64)? {
        guard b.count >= 2 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var compressed = false
        var i = b.startIndex
        if b[i] == UInt8(ascii: ":") {
            guard b[i + 1] == UInt8(ascii: ":") else { return nil }
            compressed = true
            i += 2
        }
        while i < b.endIndex {
            var j = i
            while j < b.endIndex && b[j] != UInt8(ascii: ":") { j += 1 }
            let piece = b[i..<j]
            if piece.contains(UInt8(ascii: ".")) {
                guard j == b.endIndex, let v4 = parseV4(piece) else { return nil }
                let groups = [UInt16(v4 >> 16), UInt16(v4 & 0xffff)]
                if compressed { tail += groups } else { head += groups }
            } else {
                guard (1...4).contains(piece.count) else { return nil }
                var g: UInt16 = 0
                for c in piece {
                    let d: UInt8
                    switch c {
                    case 0x30...0x39: d = c - 0x30
                    case 0x61...0x66: d = c - 0x61 + 10
                    case 0x41...0x46: d = c - 0x41 + 10
                    default: return nil
                    }
                    g = g << 4 | UInt16(d)
                }
                if compressed { tail.append(g) } else { head.append(g) }
            }
            if j == b.endIndex { break }
            // j is a colon.
            if j + 1 < b.endIndex && b[j + 1] == UInt8(ascii: ":") {
                guard !compressed else { return nil }
                compressed = true
                i = j + 2
            } else {
                guard j + 1 < b.endIndex else { return nil }
                i = j + 1
            }
        }
        let total = head.count + tail.count
        guard compressed ? total <= 7 : total == 8 else { return nil }
        let groups = head + [UInt16](repeating: 0, count: 8 - total) + tail
        var hi: UInt64 = 0
        var lo: UInt64 = 0
        for k in 0..<4 { hi = hi << 16 | UInt64(groups[k]) }
        for k in 4..<8 { lo = lo << 16 | UInt64(groups[k]) }
        return (hi, lo)
    }
}

/// An inclusive range of addresses of one family: a single address, a CIDR network or `first-last`.
public struct IPRange: Hashable, Sendable, CustomStringConvertible {
    /// The first address.
    public let first: IPAddress
    /// The last address.
    public let last: IPAddress
    /// The prefix length when written as a network.
    public let prefixLength: Int?

    /// Creates a range; nil when the ends are of different families or out of order.
    public init?(first: IPAddress, last: IPAddress) {
        guard first.isV4 == last.isV4, first <= last else { return nil }
        self.first = first
        self.last = last
        prefixLength = nil
    }

    /// The network `address/prefix` (host bits cleared).
    public init?(network address: IPAddress, prefixLength: Int) {
        guard prefixLength >= 0, prefixLength <= address.bitWidth else { return nil }
        first = address.masked(prefixLength)
        last = address.broadcast(prefixLength)
        self.prefixLength = prefixLength
    }

    /// Parses `ADDRESS`, `ADDRESS/PREFIX` or `FIRST-LAST`.
    public init?(parsing text: String) {
        let s = text.trimmingSpaces
        if let slash = s.firstIndex(of: "/") {
            guard let a = IPAddress(s[..<slash]), let p = Int(s[s.index(after: slash)...]) else { return nil }
            self.init(network: a, prefixLength: p)
        } else if let dash = s.firstIndex(of: "-") {
            guard let a = IPAddress(s[..<dash]), let b = IPAddress(s[s.index(after: dash)...]) else { return nil }
            self.init(first: a, last: b)
        } else {
            guard let a = IPAddress(s) else { return nil }
            self.init(first: a, last: a)
        }
    }

    /// True when `address` is in the range.
    public func contains(_ address: IPAddress) -> Bool { first <= address && address <= last }

    /// True when the two ranges share an address.
    public func overlaps(_ other: IPRange) -> Bool {
        first.isV4 == other.first.isV4 && first <= other.last && other.first <= last
    }

    public var description: String {
        if let p = prefixLength { return "\(first)/\(p)" }
        return first == last ? "\(first)" : "\(first)-\(last)"
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = self[...]
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
