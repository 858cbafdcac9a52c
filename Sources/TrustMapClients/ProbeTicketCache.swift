public import Foundation
internal import CKerberos

extension KerberosCredentials {
    /// One ticket held in the private credential cache: a TGT (local or cross-realm) or a service ticket.
    public struct CachedTicket: Sendable, Hashable {
        /// The server principal, e.g. "krbtgt/PARTNER.EXAMPLE.TEST@CORP.EXAMPLE.TEST".
        public let server: String
        /// The server principal's name components, e.g. ["krbtgt", "PARTNER.EXAMPLE.TEST"].
        public let components: [String]
        /// The realm that issued the ticket (the server principal's realm).
        public let issuingRealm: String
        /// The encryption type of the ticket itself (what the issuing KDC encrypted it with).
        public let ticketEncryptionType: KerberosEncryptionType?
        /// The encryption type of the session key.
        public let sessionKeyEncryptionType: KerberosEncryptionType
        /// When it expires.
        public let expiresAt: Date

        /// True for a cross-realm TGT `krbtgt/B@A` with B different from A.
        public var isCrossRealm: Bool {
            components.count == 2 && components[0] == "krbtgt"
                && components[1].caseInsensitiveCompare(issuingRealm) != .orderedSame
        }
    }

    /// The tickets the private cache holds, in cache order (configuration entries left out): what
    /// `kerberos-check` reads the enctype of each hop from.
    public func cachedTickets() async -> [CachedTicket] {
        await Blocking.run {
            self.withLocked { context, cache in
                var out: [CachedTicket] = []
                var cursor: krb5_cc_cursor?
                guard krb5_cc_start_seq_get(context, cache, &cursor) == 0 else { return out }
                var creds = krb5_creds()
                while krb5_cc_next_cred(context, cache, &cursor, &creds) == 0 {
                    defer { krb5_free_cred_contents(context, &creds) }
                    guard let server = creds.server else { continue }
                    let realm = KerberosLibrary.realm(server)
                    if realm.hasPrefix("X-CACHECONF:") { continue }
                    var ticketType: KerberosEncryptionType?
                    var decoded: UnsafeMutablePointer<krb5_ticket>?
                    if krb5_decode_ticket(&creds.ticket, &decoded) == 0, let decoded {
                        ticketType = KerberosLibrary.encryptionType(decoded.pointee.enc_part.enctype)
                        krb5_free_ticket(context, decoded)
                    }
                    out.append(
                        CachedTicket(
                            server: KerberosLibrary.unparse(context, server),
                            components: KerberosLibrary.components(server), issuingRealm: realm,
                            ticketEncryptionType: ticketType,
                            sessionKeyEncryptionType: KerberosLibrary.encryptionType(creds.keyblock.enctype),
                            expiresAt: KerberosLibrary.date(creds.times.endtime)))
                }
                krb5_cc_end_seq_get(context, cache, &cursor)
                return out
            }
        }
    }
}
