import Glibc

/// A connected UDP socket to one IPv4 or IPv6 literal address; owns the descriptor and closes it.
///
/// Being connected, it only receives datagrams from that peer, and an ICMP port unreachable for
/// an earlier datagram comes back as ECONNREFUSED from `send` or `receive`.
final class UDPSocket {
    /// A failed system call: its name and errno.
    struct SystemError: Error {
        let function: String
        let errno: Int32
        /// The C library's message for the errno.
        var message: String { String(cString: strerror(errno)) }
        /// True for the answers of an ICMP unreachable: port (ECONNREFUSED), host or network.
        var isUnreachable: Bool { [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN].contains(errno) }
    }

    /// What `receive` got.
    enum Received {
        case datagram([UInt8])
        case timedOut
    }

    private let descriptor: Int32

    /// Parses a literal address (`[...]` brackets allowed around IPv6) and connects to it; returns
    /// nil when the text is not an address literal.
    init?(address: String, port: UInt16) throws(SystemError) {
        guard let fd = try Self.openConnected(address: address, port: port) else { return nil }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Sends one datagram.
    func send(_ bytes: [UInt8]) throws(SystemError) {
        while true {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
            if sent >= 0 { return }
            if errno == EINTR { continue }
            throw SystemError(function: "send", errno: errno)
        }
    }

    /// Waits up to `milliseconds` for one datagram.
    func receive(milliseconds: Int32) throws(SystemError) -> Received {
        var pfd = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pfd, 1, max(milliseconds, 0))
        if ready < 0 {
            if errno == EINTR { return .timedOut }
            throw SystemError(function: "poll", errno: errno)
        }
        if ready == 0 { return .timedOut }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return .timedOut }
            throw SystemError(function: "recv", errno: errno)
        }
        return .datagram(Array(buffer.prefix(count)))
    }

    /// A connected descriptor, or nil when `address` is no literal; closes it again on failure.
    private static func openConnected(address: String, port: UInt16) throws(SystemError) -> Int32? {
        var text = address
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            let fd = try open(AF_INET)
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = port.bigEndian
            sin.sin_addr = v4
            try connect(fd, &sin)
            return fd
        }
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let fd = try open(AF_INET6)
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = port.bigEndian
            sin6.sin6_addr = v6
            try connect(fd, &sin6)
            return fd
        }
        return nil
    }

    private static func open(_ family: Int32) throws(SystemError) -> Int32 {
        let fd = socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError(function: "socket", errno: errno) }
        return fd
    }

    private static func connect<Address>(_ fd: Int32, _ address: inout Address) throws(SystemError) {
        let size = socklen_t(MemoryLayout<Address>.size)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, size) }
        }
        if result != 0 {
            let failure = SystemError(function: "connect", errno: errno)
            close(fd)
            throw failure
        }
    }
}
