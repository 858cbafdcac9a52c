import Foundation
internal import CKerberos
internal import CLDAP

/// A connection to one LDAP server (an AD domain controller), owning a libldap handle.
///
/// LDAPv3, referrals not chased, network and operation timeouts from `timeout`. TLS
/// (LDAPS or StartTLS) always verifies the server certificate, against `caFile` when given.
/// Every blocking libldap call runs off the cooperative pool (`Blocking`), one at a time per
/// connection. The handle is unbound when the connection goes away.
public final class LDAPConnection: @unchecked Sendable {
    /// The server's host name or address.
    public let host: String
    /// The TCP port.
    public let port: UInt16
    /// The transport: plain, LDAPS or StartTLS.
    public let transport: LDAPTransport
    /// The server URI, e.g. "ldap://dc1.corp.example.test:389".
    public let uri: String
    /// Seconds allowed for connecting and for each operation.
    public let timeout: Double

    /// Serialises use of the handle: libldap handles are not safe across threads at once.
    private let lock = NSLock()
    private let counterLock = NSLock()
    private var requests = 0
    private var tlsStarted = false
    private var handle: OpaquePointer?
    private var setupError: LDAPError?
    /// The address to connect to instead of resolving `host` (nil: libldap resolves it).
    public let address: String?
    /// The CA file given, for messages.
    let caFile: String?

    /// Prepares a connection (nothing is sent until the first operation).
    ///
    /// - Parameters:
    ///   - host: DNS name (needed for GSSAPI and certificate checks) or address of the server.
    ///   - port: the port; 636 for LDAPS, 389 otherwise when nil.
    ///   - transport: plain, LDAPS or StartTLS.
    ///   - caFile: PEM file of the CA(s) to verify the server certificate with (system CAs when nil).
    ///   - timeout: seconds for connecting and for each operation.
    ///   - address: connect to this IP address instead of resolving `host` through the system's
    ///     resolver; `host` still names the server for GSSAPI and the certificate check. For DCs
    ///     that only a per-domain DNS server knows (`--dns-server-for`).
    public init(
        host: String, port: UInt16? = nil, transport: LDAPTransport, caFile: String? = nil, timeout: Double,
        address: String? = nil
    ) {
        self.host = host
        self.port = port ?? transport.defaultPort
        self.transport = transport
        self.timeout = timeout
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let uri = "\(transport.scheme)://\(hostPart):\(self.port)"
        self.uri = uri
        self.caFile = caFile
        self.address = address
        if address == nil {
            let (handle, error) = LDAPConnection.open(
                uri: uri, host: host, transport: transport, caFile: caFile, timeout: timeout)
            self.handle = handle
            self.setupError = error
        }
    }

    deinit {
        if let handle { ldap_unbind_ext_s(handle, nil, nil) }
    }

    /// The number of LDAP requests sent so far (StartTLS, binds, each page of a search).
    public var operationCount: Int { counterLock.withLock { requests } }

    /// Authenticates the connection.
    ///
    /// A simple bind is refused by TrustMap itself over a cleartext transport, before any packet
    /// is sent. GSSAPI uses the given credentials' memory cache, chosen for this bind only (per
    /// thread in MIT GSSAPI, so `KRB5CCNAME` is neither needed nor changed), and asks for SASL
    /// integrity and confidentiality over cleartext (TLS protects the other transports).
    public func bind(_ authentication: LDAPAuthentication) async throws(LDAPError) {
        let operation = "bind (\(authentication.mechanism))"
        switch authentication {
        case .anonymous:
            try await perform(operation) { ld in
                self.count()
                let rc = trustmap_ldap_simple_bind(ld, "", "", 0)
                return rc == LDAP_SUCCESS ? .success(()) : .failure(self.error(ld, rc, operation))
            }
        case .simple(let user, let password):
            guard transport.isEncrypted else {
                throw LDAPError(
                    code: 13, name: "Confidentiality required (refused by TrustMap)", operation: operation, server: uri,
                    detail: "TrustMap refuses to send a password over cleartext LDAP: use --ldaps or --starttls",
                    isRefusedLocally: true)
            }
            guard !password.isEmpty else {
                throw LDAPError(
                    code: 53, operation: operation, server: uri,
                    detail: "empty password: a simple bind without a password is an unauthenticated bind",
                    isRefusedLocally: true)
            }
            try await perform(operation) { ld in
                self.count()
                let rc = password.withCString { trustmap_ldap_simple_bind(ld, user, $0, password.bytes.count) }
                return rc == LDAP_SUCCESS ? .success(()) : .failure(self.error(ld, rc, operation))
            }
        case .gssapi(let credentials):
            let secprops = transport.isEncrypted ? "maxssf=0" : "minssf=1"
            try await perform(operation) { (ld: OpaquePointer) -> Result<Void, LDAPError> in
                let rc = secprops.withCString { ldap_set_option(ld, LDAP_OPT_X_SASL_SECPROPS, $0) }
                guard rc == LDAP_OPT_SUCCESS else {
                    return .failure(self.error(ld, rc, operation + " (SASL security properties)"))
                }
                return withExtendedLifetime(credentials) { self.gssapiBind(ld, credentials?.cacheName, operation) }
            }
        }
    }

    /// Reads the rootDSE (base "", scope base), which AD serves anonymously.
    public func rootDSE() async throws(LDAPError) -> LDAPEntry {
        let entries = try await search(base: "", scope: .base, filter: "(objectClass=*)", attributes: [], pageSize: nil)
        guard let entry = entries.first else {
            throw LDAPError(code: 32, operation: "search", server: uri, detail: "the rootDSE returned no entry")
        }
        return entry
    }

    // MARK: - Internals shared with the search

    /// Runs `body` with the handle on a blocking thread, one operation at a time, after
    /// StartTLS when the transport needs it.
    func perform<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (OpaquePointer) -> Result<T, LDAPError>
    ) async throws(LDAPError) -> T {
        if let setupError { throw setupError }
        let result: Result<T, LDAPError> = await Blocking.run {
            self.lock.withLock {
                if self.handle == nil, self.setupError == nil, let address = self.address {
                    (self.handle, self.setupError) = self.connect(to: address)
                }
                if let setupError = self.setupError { return .failure(setupError) }
                guard let ld = self.handle else {
                    return .failure(LDAPError(code: -9, operation: operation, server: self.uri))
                }
                if self.transport == .startTLS && !self.tlsStarted {
                    self.count()
                    let rc = ldap_start_tls_s(ld, nil, nil)
                    guard rc == LDAP_SUCCESS else {
                        let detail =
                            rc == -1 || rc == -5
                            ? nil
                            : "the server answered but TLS could not be set up: the certificate did not verify"
                                + (self.caFile.map { " against CA file \($0)" } ?? " against the system CAs")
                                + " or does not name \(self.host)"
                        return .failure(self.error(ld, rc, "starttls", detail: detail))
                    }
                    self.tlsStarted = true
                }
                return self.explainingTLS(body(ld))
            }
        }
        return try result.get()
    }

    /// Counts one request sent.
    func count() { counterLock.withLock { requests += 1 } }

    /// An error for `rc` with the handle's diagnostic message and matched DN.
    func error(_ ld: OpaquePointer, _ rc: Int32, _ operation: String, detail: String? = nil) -> LDAPError {
        LDAPError(
            code: rc, name: ldap_err2string(rc).map { String(cString: $0) },
            diagnosticMessage: LDAPConnection.stringOption(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE),
            matchedDN: LDAPConnection.stringOption(ld, LDAP_OPT_MATCHED_DN),
            operation: operation, server: uri, detail: detail)
    }

    // MARK: - Private

    /// SASL GSSAPI with `cacheName` as this thread's GSSAPI credential cache for the bind only.
    private func gssapiBind(_ ld: OpaquePointer, _ cacheName: String?, _ operation: String) -> Result<Void, LDAPError> {
        var previous: UnsafeMutablePointer<CChar>?
        if let cacheName {
            var status: OM_uint32 = 0
            previous = trustmap_gss_swap_ccache_name(cacheName, &status)
            guard status == 0 else {
                return .failure(
                    LDAPError(
                        code: -6, operation: operation, server: uri,
                        detail: "gss_krb5_ccache_name(\(cacheName)) failed with GSS status \(status)"))
            }
        }
        defer { if cacheName != nil { trustmap_gss_restore_ccache_name(previous) } }
        count()
        let rc = trustmap_ldap_sasl_gssapi_bind(ld)
        return rc == LDAP_SUCCESS ? .success(()) : .failure(error(ld, rc, operation))
    }

    private static func stringOption(_ ld: OpaquePointer, _ option: Int32) -> String? {
        guard let p = trustmap_ldap_get_string(ld, option) else { return nil }
        defer { ldap_memfree(p) }
        return String(cString: p)
    }

    /// Connects a TCP socket to `address` within the timeout and builds the handle over it
    /// (`ldap_init_fd`), with the host name in the URL; for LDAPS, TLS is set up at once.
    private func connect(to address: String) -> (OpaquePointer?, LDAPError?) {
        let fd: Int32
        switch TCPConnect.connect(address: address, port: port, timeout: timeout) {
        case .success(let socket): fd = socket
        case .failure(let failure):
            return (
                nil, LDAPError(code: -1, operation: "connect", server: "\(uri) at \(address)", detail: failure.reason)
            )
        }
        var handle: OpaquePointer?
        let rc = ldap_init_fd(fd, trustmap_ldap_proto_tcp(), uri, &handle)
        guard rc == LDAP_SUCCESS, let ld = handle else {
            close(fd)
            return (nil, LDAPError(code: rc, operation: "connect", server: uri, detail: "ldap_init_fd failed"))
        }
        let configured = Self.configure(ld, uri: uri, transport: transport, caFile: caFile, timeout: timeout)
        if let error = configured.1 { return (ld, error) }
        if transport == .ldaps {
            let tls = ldap_install_tls(ld)
            if tls != LDAP_SUCCESS {
                let detail =
                    "TLS could not be set up: the certificate did not verify"
                    + (caFile.map { " against CA file \($0)" } ?? " against the system CAs")
                    + " or does not name \(host)"
                return (ld, error(ld, tls, "connect", detail: detail))
            }
        }
        return (ld, nil)
    }

    /// Creates and configures the handle; nothing goes on the wire.
    private static func open(
        uri: String, host: String, transport: LDAPTransport, caFile: String?, timeout: Double
    ) -> (OpaquePointer?, LDAPError?) {
        var handle: OpaquePointer?
        let rc = ldap_initialize(&handle, uri)
        guard rc == LDAP_SUCCESS, let ld = handle else {
            return (nil, LDAPError(code: rc, operation: "connect", server: uri, detail: "ldap_initialize failed"))
        }
        return configure(ld, uri: uri, transport: transport, caFile: caFile, timeout: timeout)
    }

    /// Sets LDAPv3, no referrals, the timeouts, SASL_NOCANON and the TLS options on a handle.
    private static func configure(
        _ ld: OpaquePointer, uri: String, transport: LDAPTransport, caFile: String?, timeout: Double
    ) -> (OpaquePointer?, LDAPError?) {
        func fail(_ rc: Int32, _ what: String) -> (OpaquePointer?, LDAPError?) {
            (ld, LDAPError(code: rc == 0 ? -9 : rc, operation: "connect", server: uri, detail: what))
        }
        if trustmap_ldap_set_int(ld, LDAP_OPT_PROTOCOL_VERSION, LDAP_VERSION3) != LDAP_OPT_SUCCESS {
            return fail(-9, "cannot set LDAPv3")
        }
        if ldap_set_option(ld, LDAP_OPT_REFERRALS, trustmap_ldap_opt_off()) != LDAP_OPT_SUCCESS {
            return fail(-9, "cannot turn referral chasing off")
        }
        if timeout > 0 {
            if trustmap_ldap_set_timeout(ld, LDAP_OPT_NETWORK_TIMEOUT, timeout) != LDAP_OPT_SUCCESS
                || trustmap_ldap_set_timeout(ld, LDAP_OPT_TIMEOUT, timeout) != LDAP_OPT_SUCCESS
            {
                return fail(-9, "cannot set the timeouts")
            }
        }
        // GSSAPI must name the service after the host as given, not after a reverse lookup.
        if ldap_set_option(ld, LDAP_OPT_X_SASL_NOCANON, trustmap_ldap_opt_on()) != LDAP_OPT_SUCCESS {
            return fail(-9, "cannot set SASL_NOCANON")
        }
        guard transport.isEncrypted else { return (ld, nil) }
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                return fail(-12, "CA file \(caFile) is not readable")
            }
            let rc = caFile.withCString { ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, $0) }
            if rc != LDAP_OPT_SUCCESS { return fail(rc, "cannot use CA file \(caFile)") }
        }
        if trustmap_ldap_set_int(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, LDAP_OPT_X_TLS_DEMAND) != LDAP_OPT_SUCCESS {
            return fail(-9, "cannot require certificate verification")
        }
        // A TLS context of this handle's own, built from the options above.
        let ctx = trustmap_ldap_set_int(ld, LDAP_OPT_X_TLS_NEWCTX, 0)
        if ctx != LDAP_OPT_SUCCESS {
            return fail(ctx, "cannot create the TLS context" + (caFile.map { " from CA file \($0)" } ?? ""))
        }
        return (ld, nil)
    }
}
