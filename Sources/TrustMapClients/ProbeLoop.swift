import TrustMapModel
import Glibc

/// One thread driving every probe's socket with `poll`: non-blocking connects, requests, replies, UDP
/// retransmissions and deadlines. At most `concurrency` sockets are open at once; each probe has its own
/// deadline `timeout` seconds after its socket was opened.
final class ProbeLoop {
    /// Where a probe is.
    private enum Phase {
        /// A TCP connect in progress.
        case connecting
        /// Sending the request over TCP, `sent` bytes so far.
        case writing(sent: Int)
        /// Reading a TCP reply.
        case reading
        /// Waiting for a UDP reply.
        case awaitingDatagram
    }

    /// A probe in flight.
    private struct Flight {
        let index: Int
        let fd: Int32
        let start: UInt64
        let deadline: UInt64
        var phase: Phase
        let exchange: ProbeExchange?
        var buffer: [UInt8] = []
        var sends = 0
        var nextSend: UInt64 = .max
    }

    /// A decided probe: outcome, detail, responder.
    private typealias Decision = (ProbeOutcome, String, String?)

    private static let udpAttempts = 3
    private let targets: [ProbeTarget]
    private let timeout: Double
    private let timeoutNanoseconds: UInt64
    private let concurrency: Int
    private let source: sockaddr_storage?
    private var results: [ProbeResult?]
    private var flights: [Flight] = []
    private var scratch = [UInt8](repeating: 0, count: 65_536)

    init(targets: [ProbeTarget], timeout: Double, concurrency: Int, source: String? = nil) {
        self.targets = targets
        self.source = source.flatMap { ProbeSocket.address($0, port: 0) }
        self.timeout = timeout
        self.timeoutNanoseconds = UInt64(max(timeout, 0.001) * 1e9)
        self.concurrency = max(1, concurrency)
        self.results = Array(repeating: nil, count: targets.count)
    }

    /// Probes every target and returns the results in the targets' order.
    func run() -> [ProbeResult] {
        var next = 0
        var fds: [pollfd] = []
        while next < targets.count || !flights.isEmpty {
            while flights.count < concurrency, next < targets.count {
                start(next)
                next += 1
            }
            if flights.isEmpty { continue }
            fds.removeAll(keepingCapacity: true)
            var wake = UInt64.max
            for f in flights {
                let events: Int32
                switch f.phase {
                case .connecting, .writing: events = Int32(POLLOUT)
                case .reading, .awaitingDatagram: events = Int32(POLLIN)
                }
                fds.append(pollfd(fd: f.fd, events: Int16(events), revents: 0))
                wake = min(wake, f.deadline, f.nextSend)
            }
            let now = Self.now()
            let waitMs = wake <= now ? 0 : Int32(clamping: (wake - now + 999_999) / 1_000_000)
            let ready = poll(&fds, nfds_t(fds.count), waitMs)
            if ready < 0 && errno != EINTR { break }
            step(fds)
        }
        // Anything left (a failed poll): give up honestly.
        for f in flights { finish(f, (.filtered, "poll failed: \(ProbeSocket.text(errno))", nil)) }
        flights.removeAll()
        return results.enumerated().map { i, r in
            r ?? ProbeResult(target: targets[i], outcome: .filtered, seconds: timeout, detail: "not probed")
        }
    }

    /// Handles the events of one poll and the deadlines and retransmissions due.
    private func step(_ fds: [pollfd]) {
        let now = Self.now()
        var keep: [Flight] = []
        keep.reserveCapacity(flights.count)
        for (i, var f) in flights.enumerated() {
            var decision: Decision?
            if fds[i].revents != 0 { decision = handle(&f, revents: Int32(fds[i].revents)) }
            if decision == nil, now >= f.deadline { decision = expired(f) }
            if decision == nil, f.sends < Self.udpAttempts, now >= f.nextSend { decision = send(&f) }
            if let decision { finish(f, decision) } else { keep.append(f) }
        }
        flights = keep
    }

    /// Opens the socket of target `index` and starts its probe.
    private func start(_ index: Int) {
        let target = targets[index]
        let begin = Self.now()
        func done(_ decision: Decision) {
            results[index] = ProbeResult(
                target: target, outcome: decision.0, seconds: Double(Self.now() - begin) / 1e9, detail: decision.1,
                responder: decision.2)
        }
        guard let address = ProbeSocket.address(target.address, port: target.port) else {
            done((.unreachable, "'\(target.address)' is not an IPv4 or IPv6 address", nil))
            return
        }
        let exchange = ProbeExchange.make(for: target)
        var flight: Flight
        switch ProbeSocket.open(address, source: source, transport: target.transport) {
        case .failed(let function, let code):
            done((ProbeSocket.outcome(of: code), "\(function): \(ProbeSocket.text(code))", nil))
            return
        case .inProgress(let fd):
            flight = Flight(
                index: index, fd: fd, start: begin, deadline: begin + timeoutNanoseconds, phase: .connecting,
                exchange: exchange)
        case .connected(let fd):
            let phase: Phase = target.transport == .udp ? .awaitingDatagram : .writing(sent: 0)
            flight = Flight(
                index: index, fd: fd, start: begin, deadline: begin + timeoutNanoseconds, phase: phase,
                exchange: exchange)
            if target.transport == .tcp && exchange == nil {
                finish(flight, (.open, "connection accepted", nil))
                return
            }
            if target.transport == .udp {
                flight.nextSend = begin
                if let decision = send(&flight) {
                    finish(flight, decision)
                    return
                }
            }
        }
        flights.append(flight)
    }

    /// Sends (or resends) the UDP request; schedules the next one.
    private func send(_ f: inout Flight) -> Decision? {
        guard let exchange = f.exchange else { return nil }
        let n = exchange.request.withUnsafeBytes { Glibc.send(f.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if n < 0, errno != EAGAIN, errno != EINTR {
            let code = errno
            return (ProbeSocket.outcome(of: code), "send: \(ProbeSocket.text(code))", nil)
        }
        f.sends += 1
        f.nextSend =
            f.sends < Self.udpAttempts
            ? f.start + timeoutNanoseconds / UInt64(Self.udpAttempts) * UInt64(f.sends) : .max
        return nil
    }

    /// Handles poll events for one flight.
    private func handle(_ f: inout Flight, revents: Int32) -> Decision? {
        switch f.phase {
        case .connecting:
            let code = ProbeSocket.pendingError(f.fd)
            if code != 0 { return (ProbeSocket.outcome(of: code), "connect: \(ProbeSocket.text(code))", nil) }
            if revents & Int32(POLLOUT) == 0 {
                // A hang-up with no error and no writability would wake every poll until the deadline.
                let closed = revents & (Int32(POLLHUP) | Int32(POLLERR)) != 0
                return closed ? (.refused, "the connection was closed during the handshake", nil) : nil
            }
            guard f.exchange != nil else { return (.open, "connection accepted", nil) }
            f.phase = .writing(sent: 0)
            return write(&f)
        case .writing:
            return write(&f)
        case .reading:
            return readStream(&f)
        case .awaitingDatagram:
            return readDatagram(&f)
        }
    }

    /// Writes the rest of the TCP request.
    private func write(_ f: inout Flight) -> Decision? {
        guard case .writing(let sent) = f.phase, let exchange = f.exchange else { return nil }
        let n = exchange.request.withUnsafeBytes { raw in
            Glibc.send(f.fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
        }
        if n < 0 {
            if errno == EAGAIN || errno == EINTR { return nil }
            let code = errno
            return (.wrongService, "connected, then send failed: \(ProbeSocket.text(code))", nil)
        }
        f.phase = sent + n >= exchange.request.count ? .reading : .writing(sent: sent + n)
        return nil
    }

    /// Reads TCP reply bytes; judges a complete frame.
    private func readStream(_ f: inout Flight) -> Decision? {
        guard let exchange = f.exchange else { return nil }
        let n = scratch.withUnsafeMutableBytes { recv(f.fd, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            if errno == EAGAIN || errno == EINTR { return nil }
            let code = errno
            return (.wrongService, "connected, then the request got \(ProbeSocket.text(code))", nil)
        }
        if n == 0 {
            return f.buffer.isEmpty
                ? (.wrongService, "connected, then the peer closed without replying", nil)
                : (.wrongService, "the peer closed after \(f.buffer.count) bytes that are not a complete reply", nil)
        }
        f.buffer += scratch[0..<n]
        let width = exchange.framing == .twoByteLength ? 2 : 4
        guard f.buffer.count >= width else { return nil }
        let length = f.buffer[0..<width].reduce(0) { $0 << 8 | Int($1) }
        guard length <= 1 << 20 else { return (.wrongService, "a reply announcing \(length) bytes", nil) }
        guard f.buffer.count >= width + length else { return nil }
        switch exchange.judge(Array(f.buffer[width..<(width + length)])) {
        case .done(let outcome, let detail, let responder): return (outcome, detail, responder)
        case .ignore: return (.wrongService, "a reply to another request", nil)
        }
    }

    /// Reads UDP datagrams (or the ICMP error queued on the socket) until one decides.
    private func readDatagram(_ f: inout Flight) -> Decision? {
        guard let exchange = f.exchange else { return nil }
        while true {
            let n = scratch.withUnsafeMutableBytes { recv(f.fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EAGAIN || errno == EINTR { return nil }
                let code = errno
                let what = code == ECONNREFUSED ? "ICMP port unreachable" : ProbeSocket.text(code)
                return (ProbeSocket.outcome(of: code), what, nil)
            }
            switch exchange.judge(Array(scratch[0..<n])) {
            case .done(let outcome, let detail, let responder): return (outcome, detail, responder)
            case .ignore: continue
            }
        }
    }

    /// The decision when a flight's deadline passes.
    private func expired(_ f: Flight) -> Decision {
        let seconds = String(format: "%g", timeout)
        switch f.phase {
        case .connecting:
            return (.filtered, "no answer to the connection request within \(seconds) s", nil)
        case .awaitingDatagram:
            let (outcome, why) = f.exchange?.silence ?? (.filtered, "no reply")
            return (outcome, "\(why) to \(f.sends) datagram\(f.sends == 1 ? "" : "s") within \(seconds) s", nil)
        case .writing, .reading:
            if f.buffer.isEmpty {
                let (outcome, why) = f.exchange?.silence ?? (.wrongService, "no reply")
                return (outcome, "\(why) within \(seconds) s", nil)
            }
            return (.wrongService, "\(f.buffer.count) bytes within \(seconds) s, not a complete reply", nil)
        }
    }

    /// Records a decided flight and closes its socket.
    private func finish(_ f: Flight, _ decision: Decision) {
        close(f.fd)
        results[f.index] = ProbeResult(
            target: targets[f.index], outcome: decision.0, seconds: Double(Self.now() - f.start) / 1e9,
            detail: decision.1, responder: decision.2)
    }

    /// Monotonic nanoseconds.
    private static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
