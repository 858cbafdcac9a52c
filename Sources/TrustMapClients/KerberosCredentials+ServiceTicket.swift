internal import CKerberos

extension KerberosCredentials {
    /// Requests a service ticket for `spn` (e.g. "cifs/dc1.partner.example.test", with or
    /// without "@REALM") and reports where it came from.
    ///
    /// Without a realm the request uses the referral realm, so MIT krb5 asks the client's own
    /// KDC with canonicalisation and follows the KDC referrals across trusts; when the referral
    /// chain fails, libkrb5 falls back to the host's realm (domain_realm mapping, else the
    /// host's DNS domain upper-cased) and walks to it. With a realm, that realm is used as given.
    /// The traversed realms are read from the cross-realm TGTs the cache holds afterwards.
    ///
    /// - Parameter timeout: seconds after which to give up waiting (nil: libkrb5's own schedule).
    public func serviceTicket(for spn: String, timeout: Double? = nil) async throws(KerberosError) -> ServiceTicket {
        let operation = "get a service ticket for \(spn) as \(principal)"
        return try await KerberosBlocking.run(timeout: timeout, operation: operation) {
            self.withLocked { context, cache in
                Self.fetchServiceTicket(context, cache, spn: spn, clientRealm: self.realm, operation: operation)
            }
        }
    }

    private static func fetchServiceTicket(
        _ context: krb5_context, _ cache: krb5_ccache, spn: String, clientRealm: String, operation: String
    ) -> Result<ServiceTicket, KerberosError> {
        let explicit = KerberosLibrary.explicitRealm(spn) != nil
        var server: krb5_principal?
        let flags = explicit ? 0 : Int32(KRB5_PRINCIPAL_PARSE_IGNORE_REALM)
        var rc = krb5_parse_name_flags(context, spn, flags, &server)
        guard rc == 0, let server else { return .failure(KerberosLibrary.error(context, rc, operation)) }
        defer { krb5_free_principal(context, server) }
        // "service/host" is host-based: that is what lets libkrb5 fall back to the host's realm.
        if server.pointee.length == 2 { server.pointee.type = krb5_int32(KRB5_NT_SRV_HST) }

        var client: krb5_principal?
        rc = krb5_cc_get_principal(context, cache, &client)
        guard rc == 0, let client else { return .failure(KerberosLibrary.error(context, rc, operation)) }
        defer { krb5_free_principal(context, client) }

        var request = krb5_creds()
        request.client = client
        request.server = server
        // Watch the KDC replies: each TGS-REP is one hop (a referral TGT or the ticket itself).
        let exchanges = KDCExchanges()
        krb5_set_kdc_recv_hook(context, KDCExchanges.hook, Unmanaged.passUnretained(exchanges).toOpaque())
        defer { krb5_set_kdc_recv_hook(context, nil, nil) }
        var reply: UnsafeMutablePointer<krb5_creds>?
        rc = krb5_get_credentials(context, 0, cache, &request, &reply)
        guard rc == 0, let reply else { return .failure(KerberosLibrary.error(context, rc, operation)) }
        defer { krb5_free_creds(context, reply) }

        var ticket: UnsafeMutablePointer<krb5_ticket>?
        rc = krb5_decode_ticket(&reply.pointee.ticket, &ticket)
        guard rc == 0, let ticket else {
            return .failure(KerberosLibrary.error(context, rc, operation + " (decode the ticket)"))
        }
        defer { krb5_free_ticket(context, ticket) }
        let issued = ticket.pointee.server.map { KerberosLibrary.unparse(context, $0) } ?? spn
        let realm = ticket.pointee.server.map { KerberosLibrary.realm($0) } ?? ""
        return .success(
            ServiceTicket(
                service: issued, realm: realm,
                ticketEncryptionType: KerberosLibrary.encryptionType(ticket.pointee.enc_part.enctype),
                sessionKeyEncryptionType: KerberosLibrary.encryptionType(reply.pointee.keyblock.enctype),
                realmsTraversed: exchanges.path(from: clientRealm, to: realm)
                    ?? realmPath(context, cache, from: clientRealm, to: realm),
                realmsAsked: exchanges.asked,
                expiresAt: KerberosLibrary.date(reply.pointee.times.endtime)))
    }

    /// Records, per KDC reply, the realm that answered and whether it issued a ticket.
    private final class KDCExchanges {
        /// Realms whose KDC answered, one per reply, in order.
        var asked: [String] = []
        /// Realms whose KDC issued a ticket (TGS-REP), in order.
        var issued: [String] = []

        /// The post-receive hook: never changes the reply.
        static let hook: krb5_post_recv_fn = { _, data, code, realm, _, reply, _ in
            guard let data, let realm else { return code }
            let me = Unmanaged<KDCExchanges>.fromOpaque(data).takeUnretainedValue()
            let name = KerberosLibrary.string(realm.pointee)
            me.asked.append(name)
            // TGS-REP is [APPLICATION 13]: first byte 0x6D.
            if code == 0, let reply, reply.pointee.length > 0, let bytes = reply.pointee.data,
                UInt8(bitPattern: bytes[0]) == 0x6D
            {
                me.issued.append(name)
            }
            return code
        }

        /// The issuing realms as a path from the client's realm to the ticket's, when the KDCs
        /// were asked at all (nil when the ticket came from the cache).
        func path(from: String, to: String) -> [String]? {
            guard !issued.isEmpty else { return nil }
            var path = [from]
            for realm in issued where path.last != realm { path.append(realm) }
            if path.last != to { path.append(to) }
            return path
        }
    }

    /// The shortest chain of realms from `from` to `to` along the cross-realm TGTs
    /// (`krbtgt/B@A`: an edge A -> B) in the cache; `[from, to]` when the cache shows no chain.
    private static func realmPath(_ context: krb5_context, _ cache: krb5_ccache, from: String, to: String) -> [String] {
        if from.caseInsensitiveCompare(to) == .orderedSame { return [from] }
        var edges: [String: Set<String>] = [:]
        var cursor: krb5_cc_cursor?
        if krb5_cc_start_seq_get(context, cache, &cursor) == 0 {
            var creds = krb5_creds()
            while krb5_cc_next_cred(context, cache, &cursor, &creds) == 0 {
                if let s = creds.server {
                    let parts = KerberosLibrary.components(s)
                    let issuer = KerberosLibrary.realm(s)
                    if parts.count == 2, parts[0] == "krbtgt", parts[1] != issuer, !issuer.isEmpty,
                        !issuer.hasPrefix("X-CACHECONF:")
                    {
                        edges[issuer, default: []].insert(parts[1])
                    }
                }
                krb5_free_cred_contents(context, &creds)
            }
            krb5_cc_end_seq_get(context, cache, &cursor)
        }
        // Breadth-first search from the client's realm.
        var previous: [String: String] = [from: from]
        var queue = [from]
        while !queue.isEmpty {
            let realm = queue.removeFirst()
            if realm == to { break }
            for next in (edges[realm] ?? []).sorted() where previous[next] == nil {
                previous[next] = realm
                queue.append(next)
            }
        }
        guard previous[to] != nil else { return [from, to] }
        var path = [to]
        while let last = path.last, last != from, let p = previous[last] { path.append(p) }
        return path.reversed()
    }
}
