public import TrustMapModel

/// NetBIOS domain names and the DNS names they map to, with where each mapping came from.
///
/// Mappings are learnt from the domains themselves (crossRef `nETBIOSName`, LDAP ping `NetbiosDomainName`, as listed
/// in `Domain.nameSources`) and from trust objects (`flatName` next to a DNS `trustPartner`). A NetBIOS name claimed by
/// two DNS domains is a collision (rule `name-collision`) and maps to neither; a NetBIOS name seen only as a
/// downlevel trust partner is unmapped (rule `unmapped-name`). The first DNS label is never taken as the NetBIOS name.
public struct NameMapping: Sendable {
    /// One NetBIOS-to-DNS mapping.
    public struct Entry: Hashable, Sendable, Codable {
        /// The NetBIOS domain name.
        public var netbiosName: NetBIOSName
        /// The DNS domain name.
        public var dnsName: DNSName
        /// Where the mapping was learnt, sorted.
        public var sources: [NameSource]
        /// The objects that said so, in words ("crossRef of corp.example.test", "trust object held by ...").
        public var evidence: [String]
    }

    /// A NetBIOS name claimed by more than one DNS domain.
    public struct Collision: Hashable, Sendable, Codable {
        /// The NetBIOS name.
        public var netbiosName: NetBIOSName
        /// The mappings that claim it, sorted by DNS name.
        public var claims: [Entry]
    }

    /// A NetBIOS name with no DNS name.
    public struct Unmapped: Hashable, Sendable, Codable {
        /// The NetBIOS name.
        public var netbiosName: NetBIOSName
        /// Where it was seen.
        public var seenIn: [String]
    }

    /// What a NetBIOS name resolves to.
    public enum Resolution: Hashable, Sendable {
        /// Exactly one DNS domain.
        case mapped(Entry)
        /// Several DNS domains claim it.
        case collision(Collision)
        /// No DNS domain is known for it.
        case unmapped
    }

    /// Every mapping, sorted by NetBIOS name then DNS name (colliding ones included).
    public private(set) var entries: [Entry] = []
    /// NetBIOS names claimed by several domains, sorted.
    public private(set) var collisions: [Collision] = []
    /// NetBIOS names with no DNS name, sorted.
    public private(set) var unmapped: [Unmapped] = []
    /// Domains of the snapshot with no known NetBIOS name, sorted.
    public private(set) var domainsWithoutNetBIOS: [DNSName] = []

    private var byNetBIOS: [NetBIOSName: [Entry]] = [:]
    private var byDNS: [DNSName: NetBIOSName] = [:]

    /// Builds the mapping from a snapshot's domains and trust objects.
    public init(snapshot: Snapshot) {
        var found: [NetBIOSName: [DNSName: Entry]] = [:]
        func add(_ n: NetBIOSName, _ d: DNSName, _ sources: [NameSource], _ why: String) {
            var e = found[n, default: [:]][d] ?? Entry(netbiosName: n, dnsName: d, sources: [], evidence: [])
            e.sources = Array(Set(e.sources + sources)).sorted()
            if !e.evidence.contains(why) { e.evidence.append(why) }
            found[n, default: [:]][d] = e
        }
        for d in snapshot.domains {
            guard let n = d.netbiosName else {
                domainsWithoutNetBIOS.append(d.dnsName)
                continue
            }
            let sources = d.nameSources.isEmpty ? [NameSource.fixture] : d.nameSources
            add(n, d.dnsName, sources, "domain \(d.dnsName) (" + sources.map(\.rawValue).joined(separator: ", ") + ")")
        }
        var flatOnly: [NetBIOSName: [String]] = [:]
        for t in snapshot.trusts {
            if let dns = t.partnerDNSName {
                if let n = t.flatName { add(n, dns, [.trustObject], "trust object for \(dns) held by \(t.domain)") }
            } else if let n = t.flatName ?? (try? NetBIOSName(parsing: t.partner)) {
                flatOnly[n, default: []].append("trust object for \(t.partner) held by \(t.domain)")
            }
        }
        for (n, byDomain) in found {
            let list = byDomain.values.sorted { $0.dnsName < $1.dnsName }
            byNetBIOS[n] = list
            entries += list
            for e in list { byDNS[e.dnsName] = n }
            if list.count > 1 { collisions.append(Collision(netbiosName: n, claims: list)) }
        }
        for (n, seen) in flatOnly where found[n] == nil {
            unmapped.append(Unmapped(netbiosName: n, seenIn: seen.sorted()))
        }
        entries.sort { ($0.netbiosName, $0.dnsName) < ($1.netbiosName, $1.dnsName) }
        collisions.sort { $0.netbiosName < $1.netbiosName }
        unmapped.sort { $0.netbiosName < $1.netbiosName }
        domainsWithoutNetBIOS.sort()
    }

    /// Resolves a NetBIOS domain name.
    public func resolve(_ name: NetBIOSName) -> Resolution {
        guard let list = byNetBIOS[name], let first = list.first else { return .unmapped }
        return list.count == 1 ? .mapped(first) : .collision(Collision(netbiosName: name, claims: list))
    }

    /// The DNS name a NetBIOS name maps to, when it maps to exactly one.
    public func dnsName(for name: NetBIOSName) -> DNSName? {
        if case .mapped(let e) = resolve(name) { return e.dnsName }
        return nil
    }

    /// The NetBIOS name of a DNS domain, when known.
    public func netbiosName(of name: DNSName) -> NetBIOSName? { byDNS[name] }
}
