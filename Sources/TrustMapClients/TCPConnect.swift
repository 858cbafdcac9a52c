import Glibc

/// A TCP connection to an address literal within a timeout, for clients that hand the socket to
/// a C library (`LDAPConnection` over `ldap_init_fd`). Uses `ProbeSocket`'s non-blocking open,
/// waits with poll, and returns the socket in blocking mode.
enum TCPConnect {
    /// Why the connection failed, in words.
    struct Failure: Error { let reason: String }

    /// The connected socket, or why there is none (in words, with the errno text).
    static func connect(address: String, port: UInt16, timeout: Double) -> Result<Int32, Failure> {
        guard let target = ProbeSocket.address(address, port: port) else {
            return .failure(Failure(reason: "\"\(address)\" is not an IPv4 or IPv6 address"))
        }
        let fd: Int32
        switch ProbeSocket.open(target, source: nil, transport: .tcp) {
        case .connected(let s): fd = s
        case .failed(let function, let code): return .failure(Failure(reason: "\(function): \(ProbeSocket.text(code))"))
        case .inProgress(let s):
            var poller = pollfd(fd: s, events: Int16(POLLOUT), revents: 0)
            let ms = Int32(max(1, min(timeout, 3600) * 1000))
            let ready = poll(&poller, 1, ms)
            if ready == 0 {
                close(s)
                return .failure(Failure(reason: "connecting to \(address) port \(port): no answer within \(timeout) s"))
            }
            let code = ready < 0 ? errno : ProbeSocket.pendingError(s)
            if code != 0 {
                close(s)
                return .failure(Failure(reason: "connecting to \(address) port \(port): \(ProbeSocket.text(code))"))
            }
            fd = s
        }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        return .success(fd)
    }
}
