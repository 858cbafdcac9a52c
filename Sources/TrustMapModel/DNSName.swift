/// A DNS domain name, compared case-insensitively and kept in lower case without a trailing dot.
public struct DNSName: Hashable, Sendable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name in lower case, without a trailing dot.
    public let value: String

    /// Normalises a name; throws for an empty name, an empty label, a label over 63 bytes,
    /// a name over 253 bytes or a character outside letters, digits, `-` and `_`.
    public init(parsing raw: String) throws(ModelError) {
        var s = raw.lowercased()
        if s.hasSuffix(".") { s.removeLast() }
        guard !s.isEmpty else { throw ModelError(.malformedName, "empty DNS name") }
        guard s.utf8.count <= 253 else {
            throw ModelError(.malformedName, "DNS name \"\(raw)\" is longer than 253 bytes")
        }
        for label in s.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.utf8.count <= 63 else {
                throw ModelError(.malformedName, "DNS name \"\(raw)\" has an empty or over-long label")
            }
            guard
                label.utf8.allSatisfy({
                    ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d || $0 == 0x5f
                })
            else {
                throw ModelError(.malformedName, "DNS name \"\(raw)\" has a character outside a-z, 0-9, '-' and '_'")
            }
        }
        value = s
    }

    /// For literals in code and tests; traps on an invalid name.
    public init(stringLiteral: String) {
        do { try self.init(parsing: stringLiteral) } catch { preconditionFailure("invalid DNS name literal: \(error)") }
    }

    /// The labels, left to right.
    public var labels: [Substring] { value.split(separator: ".") }

    /// True when this name is `other` or below it (`a.corp.example` is under `corp.example`).
    public func isWithin(_ other: DNSName) -> Bool {
        value == other.value || value.hasSuffix("." + other.value)
    }

    /// The parent name (the name without its first label), or nil for a single label.
    public var parent: DNSName? {
        guard let dot = value.firstIndex(of: ".") else { return nil }
        return try? DNSName(parsing: String(value[value.index(after: dot)...]))
    }

    public var description: String { value }
    public static func < (a: DNSName, b: DNSName) -> Bool { a.value < b.value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do { try self.init(parsing: try container.decode(String.self)) } catch let error as ModelError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

/// A NetBIOS domain or computer name: 1 to 15 characters, upper-cased, none of `\/:*?"<>|`
/// nor a leading dot; compared case-insensitively.
public struct NetBIOSName: Hashable, Sendable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral
{
    /// The name in upper case.
    public let value: String

    /// Characters a NetBIOS name may not contain.
    public static let forbidden: Set<Character> = [
        "\\", "/", ":", "*", "?", "\"", "<", ">", "|", ",", "~", "!", "@", "#", "$", "%", "^", "&", "'", "(", ")", "{",
        "}", " ", "=",
    ]

    /// Validates and upper-cases a name.
    public init(parsing raw: String) throws(ModelError) {
        let s = raw.uppercased()
        guard !s.isEmpty, s.count <= 15 else {
            throw ModelError(.malformedName, "NetBIOS name \"\(raw)\" must be 1 to 15 characters (it has \(s.count))")
        }
        if let bad = s.first(where: { Self.forbidden.contains($0) || $0.asciiValue.map { $0 < 0x20 } == true }) {
            throw ModelError(.malformedName, "NetBIOS name \"\(raw)\" contains the character \"\(bad)\"")
        }
        guard !s.hasPrefix(".") else {
            throw ModelError(.malformedName, "NetBIOS name \"\(raw)\" begins with a dot")
        }
        value = s
    }

    /// For literals in code and tests; traps on an invalid name.
    public init(stringLiteral: String) {
        do { try self.init(parsing: stringLiteral) } catch {
            preconditionFailure("invalid NetBIOS name literal: \(error)")
        }
    }

    public var description: String { value }
    public static func < (a: NetBIOSName, b: NetBIOSName) -> Bool { a.value < b.value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do { try self.init(parsing: try container.decode(String.self)) } catch let error as ModelError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}
