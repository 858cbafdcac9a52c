import Foundation

extension LDAPConnection {
    /// libldap reports a failed LDAPS handshake (e.g. a certificate that does not verify) as
    /// "Can't contact LDAP server" with no further text. When the TCP port does answer, the
    /// failure was TLS: say so instead of calling the server unreachable.
    func explainingTLS<T>(_ result: Result<T, LDAPError>) -> Result<T, LDAPError> {
        guard transport == .ldaps, case .failure(let e) = result, e.code == -1, !e.isTLSFailure,
            TCPProbe.connects(host: host, port: port, timeout: timeout)
        else { return result }
        let detail =
            "the TCP port answers but the TLS handshake failed: the server certificate did not verify"
            + (caFile.map { " against CA file \($0)" } ?? " against the system CAs")
            + " or does not name \(host)"
        return .failure(
            LDAPError(
                code: e.code, name: e.name, diagnosticMessage: e.diagnosticMessage, matchedDN: e.matchedDN,
                operation: e.operation, server: e.server, detail: detail, isTLSFailure: true))
    }
}

/// A TCP connect with a timeout, to tell "nothing listens" from "TLS failed".
enum TCPProbe {
    static func connects(host: String, port: UInt16, timeout: Double) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let list else { return false }
        defer { freeaddrinfo(list) }
        var next: UnsafeMutablePointer<addrinfo>? = list
        while let ai = next {
            next = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return true }
            guard errno == EINPROGRESS else { continue }
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            guard poll(&poller, 1, Int32(max(timeout, 0.1) * 1000)) == 1 else { continue }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 { return true }
        }
        return false
    }
}
