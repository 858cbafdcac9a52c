import TrustMapModel
import Glibc

/// The system calls of `trustmap probe`: non-blocking sockets connected to address literals, errno texts and
/// the open-file limit. Every descriptor opened here is closed by `ProbeLoop`.
enum ProbeSocket {
    /// A socket address for an IPv4 or IPv6 literal (`[...]` allowed), or nil.
    static func address(_ text: String, port: UInt16) -> sockaddr_storage? {
        var literal = text
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        var storage = sockaddr_storage()
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    sin.pointee.sin_family = sa_family_t(AF_INET)
                    sin.pointee.sin_port = port.bigEndian
                    sin.pointee.sin_addr = v4
                }
            }
            return storage
        }
        if inet_pton(AF_INET6, literal, &v6) == 1 {
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                    sin6.pointee.sin6_family = sa_family_t(AF_INET6)
                    sin6.pointee.sin6_port = port.bigEndian
                    sin6.pointee.sin6_addr = v6
                }
            }
            return storage
        }
        return nil
    }

    /// What opening and connecting gave.
    enum Opened {
        /// Connected (UDP always; TCP on loopback sometimes at once).
        case connected(Int32)
        /// A TCP connect in progress.
        case inProgress(Int32)
        /// Failed with errno in the named call.
        case failed(function: String, errno: Int32)
    }

    /// The size of the socket address in `storage`.
    private static func length(_ storage: sockaddr_storage) -> socklen_t {
        socklen_t(
            Int32(storage.ss_family) == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
    }

    /// Opens a non-blocking socket, binds it to `source` when given (same family, any port) and starts
    /// connecting it.
    static func open(_ address: sockaddr_storage, source: sockaddr_storage?, transport: ProbeTransport) -> Opened {
        let type =
            (transport == .tcp ? Int32(SOCK_STREAM.rawValue) : Int32(SOCK_DGRAM.rawValue))
            | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(Int32(address.ss_family), type, 0)
        guard fd >= 0 else { return .failed(function: "socket", errno: errno) }
        if var source, source.ss_family == address.ss_family {
            let size = length(source)
            let rc = withUnsafePointer(to: &source) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
            }
            if rc != 0 {
                let e = errno
                close(fd)
                return .failed(function: "bind", errno: e)
            }
        }
        var copy = address
        let size = length(address)
        let rc = withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, size) }
        }
        if rc == 0 { return .connected(fd) }
        let e = errno
        if e == EINPROGRESS { return .inProgress(fd) }
        close(fd)
        return .failed(function: "connect", errno: e)
    }

    /// The pending error of a socket (SO_ERROR), 0 when none.
    static func pendingError(_ fd: Int32) -> Int32 {
        var value: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &size) != 0 { return errno }
        return value
    }

    /// The outcome an errno means for a connect, send or receive.
    static func outcome(of code: Int32) -> ProbeOutcome {
        switch code {
        case ECONNREFUSED: .refused
        case ETIMEDOUT, EPERM, EACCES: .filtered
        case ENETUNREACH, EHOSTUNREACH, EHOSTDOWN, ENONET, EADDRNOTAVAIL: .unreachable
        case ECONNRESET, EPIPE: .wrongService
        default: .unreachable
        }
    }

    /// The C library's text for `code`, and what it means for a probe when that is not obvious.
    static func text(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return code == EPERM || code == EACCES ? "\(text) (a firewall rule on this machine dropped it)" : text
    }

    /// Raises the soft limit on open files to the hard limit and returns the soft limit now in force.
    static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return limit.rlim_cur == rlim_t.max ? 1 << 20 : Int(clamping: limit.rlim_cur)
    }
}
