public import TrustMapModel

/// Which domain a host belongs to, and the evidence, from a snapshot: looked up by DNS host name, NetBIOS computer
/// name or IP address.
///
/// Evidence, strongest first:
/// - `dc-account` / `computer-account`: a DC or computer account whose dNSHostName or NetBIOS name is the host;
///   for a DNS name with no such account, an account whose NetBIOS name is the first label in the domain the name
///   falls under (the dNSHostName may simply be unset);
/// - `dc-address`: the address is a DC's;
/// - `dns-suffix`: the name is below a domain's DNS name (the longest such domain);
/// - `subnet-site`: the address is in a site's subnet (longest prefix); the site's DCs' domains are candidates, or
///   every domain of the forest when no DC is in the site.
///
/// Everything is precomputed into dictionaries, so a lookup hashes the query once or twice and returns stored
/// arrays: no allocation beyond the result (and lower-casing a query that is not in lower case already).
public struct Membership: Sendable {
    /// What the query looked like.
    public enum QueryKind: String, Sendable, Codable {
        case ip
        case dnsName = "dns-name"
        case netbiosName = "netbios-name"
        case invalid
    }

    /// One piece of evidence placing the host in a domain.
    public struct Evidence: Hashable, Sendable, Codable {
        /// What kind of evidence.
        public var rule: Rule
        /// The domain it points to.
        public var domain: DNSName
        /// The account (`NAME$`) or DC host name, for account and address evidence.
        public var account: String?
        /// The site, for subnet evidence.
        public var site: String?
        /// The subnet, for subnet evidence.
        public var subnet: String?

        /// The evidence in words.
        public var detail: String {
            switch rule {
            case .computerAccount: "computer account \(account ?? "?") in \(domain)"
            case .domainControllerAccount: "domain controller \(account ?? "?") of \(domain)"
            case .domainControllerAddress: "address of domain controller \(account ?? "?") of \(domain)"
            case .dnsSuffix: "the name is below \(domain)"
            case .subnetSite: "subnet \(subnet ?? "?") of site \(site ?? "?"), served by \(domain)"
            default: rule.summary
            }
        }
    }

    /// The answer for one host.
    public struct Result: Hashable, Sendable, Codable {
        /// The query as given.
        public var query: String
        /// What the query looked like.
        public var kind: QueryKind
        /// The candidate domains, sorted (one when the evidence is conclusive).
        public var domains: [DNSName]
        /// The evidence, strongest first.
        public var evidence: [Evidence]

        /// The single domain, when there is exactly one candidate.
        public var domain: DNSName? { domains.count == 1 ? domains[0] : nil }
        /// The address, when the query was one.
        public var address: IPAddress? { kind == .ip ? IPAddress(query) : nil }
    }

    private struct Answer: Sendable {
        var domains: [DNSName]
        var evidence: [Evidence]

        mutating func add(_ e: Evidence) {
            if !domains.contains(e.domain) {
                domains.append(e.domain)
                domains.sort()
            }
            evidence.append(e)
        }
    }

    private var byHostName: [String: Answer] = [:]
    private var byNetBIOS: [String: Answer] = [:]
    private var byAddress: [IPAddress: Answer] = [:]
    private var byDomainSuffix: [Substring: Answer] = [:]
    private var accountsByDomain: [DNSName: [String: Evidence]] = [:]
    /// (prefix length, network -> answer), longest prefix first, IPv4 and IPv6 mixed.
    private var subnets: [(Int, Bool, [IPAddress: Answer])] = []

    /// Indexes a snapshot's computers, DCs, domains and sites.
    public init(snapshot: Snapshot) {
        var hostDomain: [DNSName: DNSName] = [:]
        for d in snapshot.domains {
            byDomainSuffix[Substring(d.dnsName.value)] = Answer(
                domains: [d.dnsName], evidence: [Evidence(rule: .dnsSuffix, domain: d.dnsName)])
            for c in d.computers {
                let rule: Rule = c.isDomainController ? .domainControllerAccount : .computerAccount
                let e = Evidence(rule: rule, domain: d.dnsName, account: c.name.value + "$")
                if let h = c.dnsHostName { byHostName[h.value, default: Answer(domains: [], evidence: [])].add(e) }
                byNetBIOS[c.name.value, default: Answer(domains: [], evidence: [])].add(e)
                accountsByDomain[d.dnsName, default: [:]][c.name.value] = e
            }
            for dc in d.domainControllers {
                hostDomain[dc.hostName] = d.dnsName
                let e = Evidence(rule: .domainControllerAccount, domain: d.dnsName, account: dc.hostName.value)
                if byHostName[dc.hostName.value]?.domains.contains(d.dnsName) != true {
                    byHostName[dc.hostName.value, default: Answer(domains: [], evidence: [])].add(e)
                }
                if let n = dc.netbiosName, byNetBIOS[n.value]?.domains.contains(d.dnsName) != true {
                    byNetBIOS[n.value, default: Answer(domains: [], evidence: [])].add(e)
                    accountsByDomain[d.dnsName, default: [:]][n.value] = e
                }
                for a in dc.addresses {
                    guard let ip = IPAddress(a) else { continue }
                    let ae = Evidence(rule: .domainControllerAddress, domain: d.dnsName, account: dc.hostName.value)
                    byAddress[ip, default: Answer(domains: [], evidence: [])].add(ae)
                }
            }
        }
        var tables: [Int: [IPAddress: Answer]] = [:]
        for f in snapshot.forests {
            for s in f.sites {
                var domains = Set(s.domainControllers.compactMap { hostDomain[$0] })
                for d in snapshot.domains {
                    for dc in d.domainControllers where dc.site == s.name && (d.forest ?? f.root) == f.root {
                        domains.insert(d.dnsName)
                    }
                }
                if domains.isEmpty { domains = Set(f.domains) }
                for text in s.subnets {
                    guard let r = IPRange(parsing: text), let p = r.prefixLength else { continue }
                    let key = (r.first.isV4 ? 0 : 1000) + p
                    for d in domains.sorted() {
                        tables[key, default: [:]][r.first, default: Answer(domains: [], evidence: [])].add(
                            Evidence(rule: .subnetSite, domain: d, site: s.name, subnet: text))
                    }
                }
            }
        }
        subnets = tables.map { key, t in (key % 1000, key < 1000, t) }.sorted { $0.0 > $1.0 }
    }

    /// Looks up one host name, NetBIOS computer name or IP address.
    public func lookup(_ query: String) -> Result {
        if let ip = IPAddress(query) {
            if let a = byAddress[ip] { return Result(query: query, kind: .ip, domains: a.domains, evidence: a.evidence) }
            for (prefix, v4, table) in subnets where v4 == ip.isV4 {
                if let a = table[ip.masked(prefix)] {
                    return Result(query: query, kind: .ip, domains: a.domains, evidence: a.evidence)
                }
            }
            return Result(query: query, kind: .ip, domains: [], evidence: [])
        }
        if query.utf8.contains(UInt8(ascii: ".")) {
            var name = query.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5a }) ? query.lowercased() : query
            if name.utf8.last == UInt8(ascii: ".") { name.removeLast() }
            if let a = byHostName[name] {
                return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
            }
            return suffixLookup(query, name)
        }
        guard let n = try? NetBIOSName(parsing: query) else {
            return Result(query: query, kind: .invalid, domains: [], evidence: [])
        }
        if let a = byNetBIOS[n.value] {
            return Result(query: query, kind: .netbiosName, domains: a.domains, evidence: a.evidence)
        }
        return Result(query: query, kind: .netbiosName, domains: [], evidence: [])
    }

    private func suffixLookup(_ query: String, _ name: String) -> Result {
        if let a = byDomainSuffix[name[...]] {
            return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
        }
        var i = name.startIndex
        while let dot = name[i...].firstIndex(of: ".") {
            let suffix = name[name.index(after: dot)...]
            if let a = byDomainSuffix[suffix] {
                let first = name[..<dot].uppercased()
                if let d = a.domains.first, let e = accountsByDomain[d]?[first] {
                    return Result(query: query, kind: .dnsName, domains: [d], evidence: [e] + a.evidence)
                }
                return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
            }
            i = name.index(after: dot)
        }
        return Result(query: query, kind: .dnsName, domains: [], evidence: [])
    }
}
