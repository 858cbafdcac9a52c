public import TrustMapModel
public import TrustMapWire

/// The LDAP ping (MS-ADTS 6.3.3): one CLDAP search for the rootDSE's `Netlogon` attribute over
/// UDP, answered by a DC with its NETLOGON_SAM_LOGON_RESPONSE_EX (flags, names, sites, GUID).
///
/// Debian's libldap has no CLDAP, so the request is built by ``LDAPPingRequest`` and sent on a
/// connected UDP socket of our own; the blocking socket calls run off the cooperative pool.
public enum LDAPPing {
    /// Pings one DC and decodes its reply.
    ///
    /// - Parameters:
    ///   - address: an IPv4 or IPv6 literal (`[...]` brackets allowed); names are not resolved here.
    ///   - port: the CLDAP port.
    ///   - domain: `DnsDomain` to ask about; nil lets the DC answer for its own domain.
    ///   - host: `Host`, the NetBIOS name of this client.
    ///   - user: `User`, an account whose existence the DC reports (opcode 25 if unknown).
    ///   - accountControl: `AAC`, the userAccountControl bits `user` must match (Samba needs one,
    ///     e.g. 0x10 for a normal account, or it reports every user unknown).
    ///   - ntVersion: `NtVer`; must include ``NetlogonNtVersion/v5ex`` for the reply to be decodable.
    ///   - timeout: seconds to wait in total for a reply.
    ///   - attempts: how many times the request is sent, spread evenly over the timeout (the same
    ///     message ID each time, as Samba does).
    /// - Returns: the decoded reply.
    /// - Throws: ``LDAPPingError`` for a bad address, a timeout, an unreachable port, a malformed
    ///   reply, an LDAP error result, or a reply without a Netlogon entry.
    public static func ping(
        address: String, port: UInt16 = 389, domain: String? = nil, host: String? = nil, user: String? = nil,
        accountControl: UInt32? = nil, ntVersion: NetlogonNtVersion = .locatorDefault, timeout: Double = 2,
        attempts: Int = 3
    ) async throws(LDAPPingError) -> NetlogonResponse {
        let request = LDAPPingRequest(
            messageID: Int32.random(in: 1...Int32.max), dnsDomain: domain, host: host, user: user,
            accountControl: accountControl, ntVersion: ntVersion)
        return try await ping(request, address: address, port: port, timeout: timeout, attempts: attempts)
    }

    /// Sends a prepared request to one DC and decodes its reply; see
    /// ``ping(address:port:domain:host:user:accountControl:ntVersion:timeout:attempts:)``.
    public static func ping(
        _ request: LDAPPingRequest, address: String, port: UInt16 = 389, timeout: Double = 2, attempts: Int = 3
    ) async throws(LDAPPingError) -> NetlogonResponse {
        let result = await Blocking.run {
            Result { () throws(LDAPPingError) -> NetlogonResponse in
                try exchange(request, address: address, port: port, timeout: timeout, attempts: max(attempts, 1))
            }
        }
        return try result.get()
    }

    /// The blocking exchange: send, wait, retransmit, match the message ID, decode.
    private static func exchange(
        _ request: LDAPPingRequest, address: String, port: UInt16, timeout: Double, attempts: Int
    ) throws(LDAPPingError) -> NetlogonResponse {
        let server = address.contains(":") && !address.hasPrefix("[") ? "[\(address)]:\(port)" : "\(address):\(port)"
        func fail(_ kind: LDAPPingError.Kind, _ reason: String) -> LDAPPingError {
            LDAPPingError(kind, server: server, reason: reason)
        }
        func systemFailure(_ error: UDPSocket.SystemError) -> LDAPPingError {
            let reason = "\(error.function): \(error.message)"
            if error.isUnreachable { return fail(.unreachable(errno: error.errno), "unreachable (\(reason))") }
            return fail(.system(function: error.function, errno: error.errno), reason)
        }

        let socket: UDPSocket
        do {
            guard let connected = try UDPSocket(address: address, port: port) else {
                throw fail(.invalidAddress, "'\(address)' is not an IPv4 or IPv6 address literal")
            }
            socket = connected
        } catch let error as UDPSocket.SystemError {
            throw systemFailure(error)
        } catch let error as LDAPPingError {
            throw error
        } catch {
            throw fail(.system(function: "socket", errno: 0), "\(error)")
        }

        let datagram = request.encoded()
        let clock = ContinuousClock()
        let start = clock.now
        let total = Duration.milliseconds(Int64(max(timeout, 0) * 1000))
        let interval = total / attempts
        var sent = 0
        var strayMalformed: WireError?
        while true {
            let elapsed = clock.now - start
            if elapsed >= total { break }
            if sent < attempts, elapsed >= interval * sent {
                do { try socket.send(datagram) } catch { throw systemFailure(error) }
                sent += 1
            }
            let nextEvent = sent < attempts ? min(interval * sent, total) : total
            let wait = max(nextEvent - (clock.now - start), .zero)
            let received: UDPSocket.Received
            do {
                received = try socket.receive(milliseconds: Int32(clamping: wait.milliseconds + 1))
            } catch {
                throw systemFailure(error)
            }
            guard case .datagram(let bytes) = received else { continue }
            guard let id = try? LDAPPingReply.messageID(in: bytes) else {
                // Not even an LDAP message: remember it, keep waiting for the real reply.
                do { _ = try LDAPPingReply.messageID(in: bytes) } catch { strayMalformed = error }
                continue
            }
            guard id == request.messageID else { continue }  // a late reply to someone else
            return try decode(bytes, fail: fail)
        }
        if let strayMalformed {
            throw fail(.malformedReply(strayMalformed), "only an undecodable datagram came back: \(strayMalformed)")
        }
        throw fail(
            .timeout, "no reply within \(timeout) s after \(sent) request\(sent == 1 ? "" : "s")")
    }

    /// Decodes a reply datagram that carries our message ID.
    private static func decode(
        _ bytes: [UInt8], fail: (LDAPPingError.Kind, String) -> LDAPPingError
    ) throws(LDAPPingError) -> NetlogonResponse {
        let reply: LDAPPingReply
        do {
            reply = try LDAPPingReply(datagram: bytes)
        } catch {
            throw fail(.malformedReply(error), "malformed reply: \(error)")
        }
        guard reply.resultCode == 0 else {
            let message = reply.diagnosticMessage.isEmpty ? "" : ": \(reply.diagnosticMessage)"
            throw fail(
                .ldapResult(code: reply.resultCode, diagnosticMessage: reply.diagnosticMessage),
                "LDAP result \(reply.resultCode)\(message)")
        }
        guard let blob = reply.netlogon else {
            throw fail(.noNetlogonEntry, "the DC answered without a Netlogon entry (it does not serve that domain)")
        }
        do {
            return try NetlogonResponse(netlogonBlob: blob)
        } catch {
            let at = reply.netlogonOffset.map { " (the Netlogon value starts at datagram offset \($0))" } ?? ""
            throw fail(.malformedReply(error), "malformed Netlogon value: \(error)\(at)")
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    fileprivate var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
