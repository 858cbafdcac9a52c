/// A BER identifier (X.690 8.1.2): the tag class, the constructed bit and the tag number.
public struct BERTag: Hashable, Sendable, CustomStringConvertible {
    /// The two class bits of an identifier octet.
    public enum TagClass: UInt8, Sendable, Hashable {
        /// Types defined by X.680 (INTEGER, SEQUENCE, ...).
        case universal = 0
        /// Types of one application, such as LDAP's protocol operations.
        case application = 1
        /// Tags whose meaning depends on where they appear (`[0]`, `[3]`, ...).
        case contextSpecific = 2
        /// Private-use tags.
        case privateUse = 3
    }

    /// The tag class.
    public let tagClass: TagClass
    /// True for a constructed encoding (the contents are further elements).
    public let isConstructed: Bool
    /// The tag number.
    public let number: UInt32

    /// Creates a tag.
    public init(_ tagClass: TagClass, _ number: UInt32, constructed: Bool) {
        self.tagClass = tagClass
        self.number = number
        self.isConstructed = constructed
    }

    /// BOOLEAN.
    public static let boolean = BERTag(.universal, 1, constructed: false)
    /// INTEGER.
    public static let integer = BERTag(.universal, 2, constructed: false)
    /// OCTET STRING (primitive).
    public static let octetString = BERTag(.universal, 4, constructed: false)
    /// NULL.
    public static let null = BERTag(.universal, 5, constructed: false)
    /// ENUMERATED.
    public static let enumerated = BERTag(.universal, 10, constructed: false)
    /// SEQUENCE and SEQUENCE OF (always constructed).
    public static let sequence = BERTag(.universal, 16, constructed: true)
    /// SET and SET OF (always constructed).
    public static let set = BERTag(.universal, 17, constructed: true)

    /// An application tag such as LDAP's `[APPLICATION 3]` SearchRequest.
    public static func application(_ number: UInt32, constructed: Bool = true) -> BERTag {
        BERTag(.application, number, constructed: constructed)
    }

    /// A context-specific tag such as a filter's `[3]` equalityMatch.
    public static func contextSpecific(_ number: UInt32, constructed: Bool = false) -> BERTag {
        BERTag(.contextSpecific, number, constructed: constructed)
    }

    /// The identifier octets (low-tag-number form below 31, high-tag-number form from 31).
    public var encoded: [UInt8] {
        let first = tagClass.rawValue << 6 | (isConstructed ? 0x20 : 0)
        if number < 31 { return [first | UInt8(number)] }
        var groups: [UInt8] = []
        var n = number
        repeat {
            groups.insert(UInt8(n & 0x7F), at: 0)
            n >>= 7
        } while n > 0
        for i in 0..<(groups.count - 1) { groups[i] |= 0x80 }
        return [first | 0x1F] + groups
    }

    /// The tag in ASN.1 notation, e.g. `[APPLICATION 4] constructed` or `INTEGER`.
    public var description: String {
        let form = isConstructed ? "constructed" : "primitive"
        switch tagClass {
        case .universal:
            let names: [UInt32: String] = [
                1: "BOOLEAN", 2: "INTEGER", 4: "OCTET STRING", 5: "NULL", 10: "ENUMERATED", 16: "SEQUENCE",
                17: "SET",
            ]
            return "\(names[number] ?? "[UNIVERSAL \(number)]") \(form)"
        case .application: return "[APPLICATION \(number)] \(form)"
        case .contextSpecific: return "[\(number)] \(form)"
        case .privateUse: return "[PRIVATE \(number)] \(form)"
        }
    }
}
