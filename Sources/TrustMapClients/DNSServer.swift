internal import Glibc

/// The DNS server a resolver asks: the system's (from /etc/resolv.conf) or one given by address.
///
/// Parsed from `IP[:PORT]`: `127.0.0.11`, `127.0.0.11:5353`, `[::1]:53`, or a bare IPv6 address
/// (`::1`). Host names are refused: the server is where names get resolved, so it must be an address.
public struct DNSServer: Sendable, Hashable, CustomStringConvertible {
    /// Where the server comes from.
    enum Address: Sendable, Hashable {
        /// The name servers listed in /etc/resolv.conf.
        case system
        /// Four bytes in network order.
        case ipv4([UInt8])
        /// Sixteen bytes in network order.
        case ipv6([UInt8])
    }

    /// The server's address.
    let address: Address
    /// The server's port (53 unless given); 53 for the system resolver.
    public let port: UInt16

    /// The name servers of /etc/resolv.conf, with its options (timeout and attempts are still the resolver's).
    public static let system = DNSServer(address: .system, port: 53)

    private init(address: Address, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Parses `IP[:PORT]`, `[IPv6]:PORT` or a bare IPv6 address; throws a `.configuration` error naming the text.
    public init(parsing text: String) throws(DNSError) {
        func bad(_ why: String) -> DNSError {
            DNSError(.configuration, detail: "DNS server \"\(text)\" \(why); expected IP[:PORT], [IPv6]:PORT or IPv6")
        }
        let s = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !s.isEmpty else { throw bad("is empty") }
        var host = s
        var portText: Substring?
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]") else { throw bad("has no closing ']'") }
            host = String(s[s.index(after: s.startIndex)..<close])
            let rest = s[s.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw bad("has text after ']' that is not :PORT") }
                portText = rest.dropFirst()
            }
            guard host.contains(":") else { throw bad("has brackets around something that is not an IPv6 address") }
        } else if s.filter({ $0 == ":" }).count == 1, let colon = s.firstIndex(of: ":") {
            host = String(s[..<colon])
            portText = s[s.index(after: colon)...]
        }
        var port: UInt16 = 53
        if let portText {
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let p = UInt16(portText), p > 0 else {
                throw bad("has port \"\(portText)\", not a number from 1 to 65535")
            }
            port = p
        }
        if host.contains("%") { throw bad("has an IPv6 zone index, which is not supported") }
        if !host.contains(":"), let bytes = Self.pton(AF_INET, host, count: 4) {
            self.init(address: .ipv4(bytes), port: port)
        } else if host.contains(":"), let bytes = Self.pton(AF_INET6, host, count: 16) {
            self.init(address: .ipv6(bytes), port: port)
        } else {
            throw bad("is not an IPv4 or IPv6 address (host names are not accepted)")
        }
    }

    /// inet_pton into `count` bytes, or nil.
    private static func pton(_ family: Int32, _ text: String, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) }
        return ok == 1 ? bytes : nil
    }

    /// True for the system resolver.
    public var isSystem: Bool { address == .system }

    /// The address in text form (`127.0.0.11`, `::1`), or nil for the system resolver.
    public var host: String? {
        switch address {
        case .system: nil
        case .ipv4(let bytes): Self.ntop(AF_INET, bytes)
        case .ipv6(let bytes): Self.ntop(AF_INET6, bytes)
        }
    }

    /// inet_ntop of address bytes.
    static func ntop(_ family: Int32, _ bytes: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        _ = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `127.0.0.11:53`, `[::1]:53`, or `system resolver (/etc/resolv.conf)`.
    public var description: String {
        switch address {
        case .system: "system resolver (/etc/resolv.conf)"
        case .ipv4: "\(host ?? ""):\(port)"
        case .ipv6: "[\(host ?? "")]:\(port)"
        }
    }
}
