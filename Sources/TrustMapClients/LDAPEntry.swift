/// One entry of an LDAP search result: its DN and its attribute values as raw bytes.
///
/// Attribute names are case-insensitive in LDAP: they are stored lower-cased and every
/// accessor lower-cases the name it is given.
public struct LDAPEntry: Sendable, Hashable {
    /// The entry's distinguished name, as the server wrote it.
    public let dn: String
    /// Values by lower-cased attribute name (AD returns binary attributes like objectSid raw).
    public let attributes: [String: [[UInt8]]]

    /// Creates an entry; attribute names are lower-cased and values of names differing only
    /// in case are merged.
    public init(dn: String, attributes: [String: [[UInt8]]]) {
        self.dn = dn
        var lowered: [String: [[UInt8]]] = [:]
        for (name, values) in attributes { lowered[name.lowercased(), default: []].append(contentsOf: values) }
        self.attributes = lowered
    }

    /// The attribute names present (lower-cased), sorted.
    public var attributeNames: [String] { attributes.keys.sorted() }

    /// All values of `name` as bytes (empty when absent).
    public func values(_ name: String) -> [[UInt8]] { attributes[name.lowercased()] ?? [] }

    /// The first value of `name` as bytes.
    public func bytes(_ name: String) -> [UInt8]? { values(name).first }

    /// The first value of `name` as UTF-8 text.
    public func string(_ name: String) -> String? { bytes(name).map { String(decoding: $0, as: UTF8.self) } }

    /// All values of `name` as UTF-8 text.
    public func strings(_ name: String) -> [String] { values(name).map { String(decoding: $0, as: UTF8.self) } }

    /// The first value of `name` as a decimal integer (AD writes integers as signed decimal text);
    /// nil when absent or not an integer.
    public func int(_ name: String) -> Int? {
        string(name).flatMap { Int($0) }
    }

    /// True when the attribute is present.
    public func contains(_ name: String) -> Bool { attributes[name.lowercased()] != nil }
}
