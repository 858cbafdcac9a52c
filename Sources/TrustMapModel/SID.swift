/// A Windows security identifier (MS-DTYP 2.4.2), such as `S-1-5-21-1004336348-1177238915-682003330`.
///
/// Parsed from the binary form that LDAP returns (`objectSid`, `securityIdentifier`) or from
/// the string form. Encoded in snapshots as the string form.
public struct SID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The revision, always 1 in practice.
    public let revision: UInt8
    /// The 48-bit identifier authority (5 for NT authority).
    public let authority: UInt64
    /// The sub-authorities, in order.
    public let subAuthorities: [UInt32]

    /// Creates a SID from its parts.
    public init(revision: UInt8 = 1, authority: UInt64, subAuthorities: [UInt32]) {
        self.revision = revision
        self.authority = authority
        self.subAuthorities = subAuthorities
    }

    /// Parses the binary form: revision (1 byte), sub-authority count (1), identifier authority
    /// (6, big-endian), then count x 4-byte little-endian sub-authorities.
    public init<Bytes: Collection>(binary bytes: Bytes) throws(ModelError) where Bytes.Element == UInt8 {
        let b = Array(bytes)
        guard b.count >= 8 else {
            throw ModelError(.malformedSID, "binary SID is \(b.count) bytes, shorter than its 8-byte header")
        }
        let count = Int(b[1])
        guard count <= 15 else {
            throw ModelError(.malformedSID, "binary SID claims \(count) sub-authorities (at most 15)")
        }
        guard b.count == 8 + 4 * count else {
            throw ModelError(
                .malformedSID, "binary SID is \(b.count) bytes but its header announces \(8 + 4 * count)")
        }
        var authority: UInt64 = 0
        for i in 2..<8 { authority = authority << 8 | UInt64(b[i]) }
        var subs: [UInt32] = []
        subs.reserveCapacity(count)
        for i in 0..<count {
            let o = 8 + 4 * i
            subs.append(UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24)
        }
        self.init(revision: b[0], authority: authority, subAuthorities: subs)
    }

    /// Parses the string form `S-1-<authority>-<sub>...`.
    public init(string: String) throws(ModelError) {
        let parts = string.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "S" || parts[0] == "s",
            let rev = UInt8(parts[1]), let auth = UInt64(parts[2]), auth < 1 << 48
        else {
            throw ModelError(.malformedSID, "\"\(string)\" is not a SID of the form S-1-5-21-...")
        }
        var subs: [UInt32] = []
        for p in parts.dropFirst(3) {
            guard let v = UInt32(p) else {
                throw ModelError(.malformedSID, "\"\(string)\": sub-authority \"\(p)\" is not a 32-bit number")
            }
            subs.append(v)
        }
        guard subs.count <= 15 else {
            throw ModelError(.malformedSID, "\"\(string)\" has \(subs.count) sub-authorities (at most 15)")
        }
        self.init(revision: rev, authority: auth, subAuthorities: subs)
    }

    /// The binary form.
    public var binary: [UInt8] {
        var out: [UInt8] = [revision, UInt8(subAuthorities.count)]
        for shift in stride(from: 40, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: authority >> UInt64(shift)))
        }
        for s in subAuthorities {
            out += [
                UInt8(truncatingIfNeeded: s), UInt8(truncatingIfNeeded: s >> 8), UInt8(truncatingIfNeeded: s >> 16),
                UInt8(truncatingIfNeeded: s >> 24),
            ]
        }
        return out
    }

    /// The string form, `S-1-5-21-...`.
    public var description: String {
        "S-\(revision)-\(authority)" + subAuthorities.map { "-\($0)" }.joined()
    }

    public static func < (a: SID, b: SID) -> Bool { a.description < b.description }
}

extension SID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do { self = try SID(string: try container.decode(String.self)) } catch let error as ModelError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
