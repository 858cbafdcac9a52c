internal import CResolv
internal import Glibc

/// Owns one glibc resolver state (`res_state`) for one lookup: initialised by res_ninit from
/// /etc/resolv.conf, optionally pointed at one server, closed and freed (res_nclose + free) in `deinit`.
///
/// Queries go out with res_nmkquery + res_nsend rather than res_nquery, because res_nquery folds
/// SERVFAIL, REFUSED and a timeout into the same h_errno (TRY_AGAIN / NO_RECOVERY); the response
/// code is read from the answer's header instead. Not thread-safe: one state per lookup, on one thread.
final class DNSResolverState {
    /// The heap-allocated `struct __res_state`.
    private let handle: res_state
    /// Seconds to wait for each UDP answer (glibc's `retrans`).
    private let retrans: Int32
    /// UDP attempts per server (glibc's `retry`).
    private let retry: Int32
    /// True once res_ninit succeeded: only then is there anything for res_nclose to close.
    private var initialised = false

    /// The largest DNS message (a TCP length prefix is 16 bits), so no answer is cut by the buffer.
    private static let answerCapacity = 65_536

    /// Initialises a state from /etc/resolv.conf and, unless `server` is `.system`, replaces its name servers.
    init(server: DNSServer, retrans: Int32, retry: Int32) throws(DNSError) {
        guard let state = trustmap_res_new() else {
            throw DNSError(.configuration, server: server, detail: "cannot allocate a resolver state")
        }
        handle = state
        self.retrans = retrans
        self.retry = retry
        guard trustmap_res_init(state) == 0 else {
            throw DNSError(.configuration, server: server, detail: "res_ninit failed to read /etc/resolv.conf")
        }
        initialised = true
        switch server.address {
        case .system:
            guard trustmap_res_nscount(state) > 0 else {
                throw DNSError(.configuration, server: server, detail: "no nameserver in /etc/resolv.conf")
            }
        case .ipv4(let bytes), .ipv6(let bytes):
            let status = bytes.withUnsafeBufferPointer {
                trustmap_res_set_server(state, $0.baseAddress, Int32($0.count), server.port)
            }
            guard status == 0 else {
                throw DNSError(.configuration, server: server, detail: "cannot set the name server address")
            }
        }
    }

    deinit {
        if initialised { trustmap_res_free(handle) } else { trustmap_res_discard(handle) }
    }

    /// Asks for `type` records of `name` and returns the raw answer. A truncated UDP answer is
    /// asked again over TCP (glibc would do this by itself; TrustMap does it explicitly, with
    /// RES_IGNTC then RES_USEVC, so that a failed TCP retry is reported as `.truncated`).
    /// Throws for no answer at all, or for an answer glibc discarded (SERVFAIL, REFUSED, NOTIMP, lame).
    func exchange(name: String, type: DNSRecordType) throws(DNSError) -> [UInt8] {
        var query = [UInt8](repeating: 0, count: 512)
        let length = query.withUnsafeMutableBufferPointer {
            trustmap_res_mkquery(handle, name, Int32(type.code), $0.baseAddress, Int32($0.count))
        }
        guard length > 0 else {
            throw DNSError(.invalidName, detail: "res_nmkquery cannot encode the name (empty or over-long label?)")
        }
        query.removeSubrange(Int(length)...)
        let answer = try send(query, overTCP: false)
        guard Self.isTruncated(answer) else { return answer }
        let retried: [UInt8]
        do {
            retried = try send(query, overTCP: true)
        } catch {
            throw DNSError(
                .truncated, responseCode: error.responseCode,
                detail: "UDP answer truncated (TC bit), TCP retry failed: \(error.detail)")
        }
        guard !Self.isTruncated(retried) else {
            throw DNSError(.truncated, detail: "the answer over TCP is truncated too")
        }
        return retried
    }

    /// True when a header's TC bit is set.
    private static func isTruncated(_ message: [UInt8]) -> Bool { message.count >= 3 && message[2] & 0x02 != 0 }

    /// One res_nsend over UDP (truncated answers returned as they are) or over TCP.
    private func send(_ query: [UInt8], overTCP: Bool) throws(DNSError) -> [UInt8] {
        trustmap_res_configure(handle, retrans, retry, overTCP ? 1 : 0)
        // The header stays zero unless an answer arrives, so a left-over answer can be recognised below.
        var answer = [UInt8](repeating: 0, count: Self.answerCapacity)
        var savedErrno: Int32 = 0
        let length = query.withUnsafeBufferPointer { q in
            answer.withUnsafeMutableBufferPointer { a in
                let n = trustmap_res_send(handle, q.baseAddress, Int32(q.count), a.baseAddress, Int32(a.count))
                savedErrno = errno
                return n
            }
        }
        if length >= 0 {
            guard length >= 12 else {
                throw DNSError(.malformed, detail: "answer of \(length) bytes, shorter than a header")
            }
            guard Int(length) <= answer.count else {
                throw DNSError(.truncated, detail: "answer of \(length) bytes exceeds the \(answer.count)-byte buffer")
            }
            answer.removeSubrange(Int(length)...)
            return answer
        }
        // glibc's send_dg drops a UDP answer with SERVFAIL, REFUSED or NOTIMP (and a lame NOERROR answer
        // without data, authority or recursion), tries the next server and, when none is left, returns -1
        // with ETIMEDOUT. The dropped answer is still in the buffer: a header with the query's id and the
        // QR bit set tells what the server said, which a timeout is not.
        if !overTCP, answer[0] == query[0], answer[1] == query[1], answer[2] & 0x80 != 0 {
            let code = Int(answer[3] & 0x0F)
            if let failure = DNSAnswer.failure(responseCode: code) { throw failure }
            throw DNSError(
                .servfail, responseCode: code,
                detail: "lame answer (NOERROR without answer, authority, additional or recursion), glibc dropped it")
        }
        let message = String(cString: strerror(savedErrno))
        switch savedErrno {
        case ETIMEDOUT:
            throw DNSError(
                .timeout,
                detail: "res_nsend: \(message) (\(retry) attempt\(retry == 1 ? "" : "s") of \(retrans) s)")
        case ESRCH:
            throw DNSError(.configuration, detail: "res_nsend: no name server configured")
        case EINVAL, EAFNOSUPPORT:
            throw DNSError(.configuration, detail: "res_nsend: \(message)")
        default:
            throw DNSError(.network, detail: "res_nsend\(overTCP ? " over TCP" : ""): \(message)")
        }
    }
}
