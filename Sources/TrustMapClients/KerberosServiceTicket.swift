public import Foundation

extension KerberosCredentials {
    /// What a service ticket request produced: the realm that issued it, its encryption types
    /// and the realms the request went through.
    public struct ServiceTicket: Sendable, CustomStringConvertible {
        /// The service principal as issued, e.g. "cifs/dc1.partner.example.test@PARTNER.EXAMPLE.TEST".
        public let service: String
        /// The realm of the KDC that issued the ticket (the service's realm).
        public let realm: String
        /// The encryption type of the ticket itself (the service key's type, what `klist -e` shows second).
        public let ticketEncryptionType: KerberosEncryptionType
        /// The encryption type of the session key (what `klist -e` shows first).
        public let sessionKeyEncryptionType: KerberosEncryptionType
        /// The realms from the client's realm to the service's realm, both included: the realms
        /// whose KDCs issued a ticket on the way (a referral TGT or the service ticket), or, when
        /// the ticket came from the cache, the chain of cross-realm TGTs (`krbtgt/B@A`) the cache
        /// holds. One realm when no trust was crossed.
        public let realmsTraversed: [String]
        /// The realm of each KDC reply during this request, in order, including refusals (e.g. a
        /// failed referral before libkrb5's fallback to the host's realm); empty when the ticket
        /// came from the cache.
        public let realmsAsked: [String]
        /// When the ticket expires.
        public let expiresAt: Date

        /// "cifs/host@REALM via A -> B, aes256-cts-hmac-sha1-96 (18)".
        public var description: String {
            "\(service) via \(realmsTraversed.joined(separator: " -> ")), \(ticketEncryptionType)"
        }
    }
}
