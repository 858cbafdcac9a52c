public import Foundation
internal import CKerberos

/// Kerberos credentials of one principal, held in a private in-memory credential cache.
///
/// The object owns a krb5 library context and a `MEMORY:trustmap-<random>` credential cache;
/// both are destroyed when it goes away. Nothing is written to disk and `KRB5CCNAME` is
/// neither read (except by `fromDefaultCache()`) nor set. GSSAPI users (SASL binds) select
/// this cache per thread through `cacheName`. Access to the context is serialised.
public final class KerberosCredentials: @unchecked Sendable {
    /// The credential cache's full name, e.g. "MEMORY:trustmap-3F2A...", for GSSAPI.
    public let cacheName: String
    /// The client principal, e.g. "alice@CORP.EXAMPLE.TEST".
    public let principal: String
    /// The client principal's realm.
    public let realm: String
    /// When the ticket-granting ticket expires.
    public let expiresAt: Date

    let lock = NSLock()
    let context: krb5_context
    let cache: krb5_ccache
    private let configDirectory: String?

    private init(
        context: krb5_context, cache: krb5_ccache, cacheName: String, principal: String, realm: String,
        expiresAt: Date, configDirectory: String?
    ) {
        self.context = context
        self.cache = cache
        self.cacheName = cacheName
        self.principal = principal
        self.realm = realm
        self.expiresAt = expiresAt
        self.configDirectory = configDirectory
    }

    deinit {
        krb5_cc_destroy(context, cache)
        krb5_free_context(context)
        if let configDirectory { try? FileManager.default.removeItem(atPath: configDirectory) }
    }

    /// Obtains a TGT for `principal` with a password (AS exchange in-process; no `kinit`, no file).
    ///
    /// - Parameters:
    ///   - principal: "user@REALM" (or "user" for the default realm).
    ///   - password: the password; passed to libkrb5 as a C string and never kept or reported.
    ///   - kdc: a KDC host or address (`host[:port]`) to use instead of the realm's configured ones.
    ///   - timeout: seconds after which to give up waiting (nil: libkrb5's own retry schedule).
    public static func obtain(
        principal: String, password: Secret, kdc: String? = nil, timeout: Double? = nil
    ) async throws(KerberosError) -> KerberosCredentials {
        let operation = "get initial credentials for \(principal)"
        return try await KerberosBlocking.run(timeout: timeout, operation: operation) {
            acquire(principal: principal, kdc: kdc, operation: operation) { context, client, options, creds in
                password.withCString { pw in
                    krb5_get_init_creds_password(
                        context, creds, client, UnsafeMutablePointer(mutating: pw), nil, nil, 0, nil, options)
                }
            }
        }
    }

    /// Obtains a TGT for `principal` with its key from a keytab file (`FILE:path` or a path).
    public static func obtain(
        principal: String, keytab: String, kdc: String? = nil, timeout: Double? = nil
    ) async throws(KerberosError) -> KerberosCredentials {
        let operation = "get initial credentials for \(principal) from keytab \(keytab)"
        return try await KerberosBlocking.run(timeout: timeout, operation: operation) {
            acquire(principal: principal, kdc: kdc, operation: operation) { context, client, options, creds in
                var table: krb5_keytab?
                let rc = krb5_kt_resolve(context, keytab, &table)
                guard rc == 0, let table else { return rc }
                defer { krb5_kt_close(context, table) }
                return krb5_get_init_creds_keytab(context, creds, client, table, 0, nil, options)
            }
        }
    }

    /// Copies the credentials of the default credential cache (`KRB5CCNAME`, else the system
    /// default) into a private memory cache.
    public static func fromDefaultCache() async throws(KerberosError) -> KerberosCredentials {
        let operation = "read the default credential cache"
        return try await KerberosBlocking.run(timeout: nil, operation: operation) { copyDefaultCache(operation) }
    }

    /// Runs `body` with the context and cache, one caller at a time.
    func withLocked<T>(_ body: (krb5_context, krb5_ccache) -> T) -> T {
        lock.withLock { body(context, cache) }
    }

    // MARK: - Construction

    private typealias InitialCredentials = (
        krb5_context, krb5_principal, UnsafeMutablePointer<krb5_get_init_creds_opt>, UnsafeMutablePointer<krb5_creds>
    ) -> krb5_error_code

    /// A fresh, unique memory cache name.
    private static func newCacheName() -> String { "MEMORY:trustmap-\(UUID().uuidString)" }

    /// The shared AS-exchange path: context, client principal, memory cache, options, then `get`.
    private static func acquire(
        principal: String, kdc: String?, operation: String, _ get: InitialCredentials
    ) -> Result<KerberosCredentials, KerberosError> {
        // The realm for a KDC override: explicit, else the default realm.
        var realm = KerberosLibrary.explicitRealm(principal)
        if kdc != nil, realm == nil {
            var probe: krb5_context?
            if krb5_init_context(&probe) == 0, let probe {
                var name: UnsafeMutablePointer<CChar>?
                if krb5_get_default_realm(probe, &name) == 0, let name {
                    realm = String(cString: name)
                    krb5_free_default_realm(probe, name)
                }
                krb5_free_context(probe)
            }
        }
        let made = KerberosLibrary.makeContext(kdc: kdc, realm: realm, operation: operation)
        guard case .success(let (context, directory)) = made else {
            if case .failure(let e) = made { return .failure(e) }
            fatalError("unreachable")
        }
        func fail(_ rc: krb5_error_code, _ what: String? = nil) -> Result<KerberosCredentials, KerberosError> {
            let e = KerberosLibrary.error(context, rc, what.map { "\(operation) (\($0))" } ?? operation)
            krb5_free_context(context)
            if let directory { try? FileManager.default.removeItem(atPath: directory) }
            return .failure(e)
        }
        var client: krb5_principal?
        var rc = krb5_parse_name(context, principal, &client)
        guard rc == 0, let client else { return fail(rc, "parse the principal") }
        defer { krb5_free_principal(context, client) }

        let name = newCacheName()
        var cache: krb5_ccache?
        rc = krb5_cc_resolve(context, name, &cache)
        guard rc == 0, let cache else { return fail(rc, "create the memory cache") }

        var options: UnsafeMutablePointer<krb5_get_init_creds_opt>?
        rc = krb5_get_init_creds_opt_alloc(context, &options)
        guard rc == 0, let options else {
            krb5_cc_destroy(context, cache)
            return fail(rc)
        }
        defer { krb5_get_init_creds_opt_free(context, options) }
        rc = krb5_get_init_creds_opt_set_out_ccache(context, options, cache)
        guard rc == 0 else {
            krb5_cc_destroy(context, cache)
            return fail(rc)
        }

        var creds = krb5_creds()
        rc = get(context, client, options, &creds)
        guard rc == 0 else {
            krb5_cc_destroy(context, cache)
            return fail(rc)
        }
        defer { krb5_free_cred_contents(context, &creds) }
        let canonical = creds.client.map { KerberosLibrary.unparse(context, $0) } ?? principal
        let clientRealm = creds.client.map { KerberosLibrary.realm($0) } ?? (realm ?? "")
        return .success(
            KerberosCredentials(
                context: context, cache: cache, cacheName: name, principal: canonical, realm: clientRealm,
                expiresAt: KerberosLibrary.date(creds.times.endtime), configDirectory: directory))
    }

    /// Copies the default cache into a new memory cache.
    private static func copyDefaultCache(_ operation: String) -> Result<KerberosCredentials, KerberosError> {
        var context: krb5_context?
        var rc = krb5_init_context(&context)
        guard rc == 0, let context else { return .failure(KerberosLibrary.error(nil, rc, operation)) }
        func fail(_ rc: krb5_error_code) -> Result<KerberosCredentials, KerberosError> {
            let e = KerberosLibrary.error(context, rc, operation)
            krb5_free_context(context)
            return .failure(e)
        }
        var source: krb5_ccache?
        rc = krb5_cc_default(context, &source)
        guard rc == 0, let source else { return fail(rc) }
        defer { krb5_cc_close(context, source) }
        var client: krb5_principal?
        rc = krb5_cc_get_principal(context, source, &client)
        guard rc == 0, let client else { return fail(rc) }
        defer { krb5_free_principal(context, client) }

        let name = newCacheName()
        var cache: krb5_ccache?
        rc = krb5_cc_resolve(context, name, &cache)
        guard rc == 0, let cache else { return fail(rc) }
        rc = krb5_cc_initialize(context, cache, client)
        if rc == 0 { rc = krb5_cc_copy_creds(context, source, cache) }
        guard rc == 0 else {
            krb5_cc_destroy(context, cache)
            return fail(rc)
        }
        // The TGT's end time, when the copied cache holds one.
        var expires = Date.distantPast
        let realm = KerberosLibrary.realm(client)
        var cursor: krb5_cc_cursor?
        if krb5_cc_start_seq_get(context, cache, &cursor) == 0 {
            var creds = krb5_creds()
            while krb5_cc_next_cred(context, cache, &cursor, &creds) == 0 {
                if let server = creds.server, KerberosLibrary.components(server) == ["krbtgt", realm] {
                    expires = KerberosLibrary.date(creds.times.endtime)
                }
                krb5_free_cred_contents(context, &creds)
            }
            krb5_cc_end_seq_get(context, cache, &cursor)
        }
        return .success(
            KerberosCredentials(
                context: context, cache: cache, cacheName: name, principal: KerberosLibrary.unparse(context, client),
                realm: realm, expiresAt: expires, configDirectory: nil))
    }
}
