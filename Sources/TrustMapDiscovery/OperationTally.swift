import Foundation

/// Counts the network requests one domain's discovery sends (DNS lookups and LDAP pings run
/// concurrently, so the counts are behind a lock).
final class OperationTally: @unchecked Sendable {
    private let lock = NSLock()
    private var dns = 0
    private var pings = 0

    /// Records one DNS lookup (one name and record type, asked of one server).
    func dnsLookup() { lock.withLock { dns += 1 } }

    /// Records one LDAP ping (one CLDAP exchange with one address).
    func ldapPing() { lock.withLock { pings += 1 } }

    /// The counts so far.
    var counts: (dnsLookups: Int, ldapPings: Int) { lock.withLock { (dns, pings) } }
}
