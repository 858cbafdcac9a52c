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

    /// Names (host names, NetBIOS names or domain names) to answers.
    private struct NameIndex: Sendable {
        var table = NameTable()
        var answers: [Answer] = []

        mutating func add(_ key: String, _ a: Answer, _ e: Evidence) {
            let (entry, inserted) = table.insert(key)
            if inserted {
                answers.append(a)
            } else if !answers[entry].domains.contains(e.domain) {
                answers[entry].add(e)
            }
        }

        func find(_ key: UnsafeBufferPointer<UInt8>) -> Answer? { table.find(key).map { answers[$0] } }
    }

    private var byHostName = NameIndex()
    private var byNetBIOS = NameIndex()
    private var byDomain = NameIndex()
    private var byAddress: [IPAddress: Answer] = [:]
    /// (prefix length, network -> answer), longest prefix first, IPv4 and IPv6 mixed.
    private var subnets: [(Int, Bool, [IPAddress: Answer])] = []

    /// Indexes a snapshot's computers, DCs, domains and sites.
    ///
    /// Each answer is built once and stored under every key that leads to it (copy on write shares the arrays),
    /// and the one-domain arrays are shared by every answer in that domain.
    public init(snapshot: Snapshot) {
        var hostDomain: [DNSName: DNSName] = [:]
        for d in snapshot.domains {
            let only = [d.dnsName]
            let suffix = Evidence(rule: .dnsSuffix, domain: d.dnsName)
            byDomain.add(d.dnsName.value, Answer(domains: only, evidence: [suffix]), suffix)
            for c in d.computers {
                let rule: Rule = c.isDomainController ? .domainControllerAccount : .computerAccount
                let e = Evidence(rule: rule, domain: d.dnsName, account: c.name.value + "$")
                let answer = Answer(domains: only, evidence: [e])
                if let h = c.dnsHostName { byHostName.add(h.value, answer, e) }
                byNetBIOS.add(c.name.value, answer, e)
            }
            for dc in d.domainControllers {
                hostDomain[dc.hostName] = d.dnsName
                let e = Evidence(rule: .domainControllerAccount, domain: d.dnsName, account: dc.hostName.value)
                let answer = Answer(domains: only, evidence: [e])
                byHostName.add(dc.hostName.value, answer, e)
                if let n = dc.netbiosName { byNetBIOS.add(n.value, answer, e) }
                for a in dc.addresses {
                    guard let ip = IPAddress(a) else { continue }
                    let ae = Evidence(rule: .domainControllerAddress, domain: d.dnsName, account: dc.hostName.value)
                    if byAddress[ip] == nil {
                        byAddress[ip] = Answer(domains: only, evidence: [ae])
                    } else {
                        byAddress[ip]!.add(ae)
                    }
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

    /// True for the ASCII bytes a NetBIOS name may not contain (`NetBIOSName.forbidden` and control characters).
    @inline(__always)
    private static func isForbiddenInNetBIOS(_ b: UInt8) -> Bool {
        switch b {
        case 0..<0x20, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2C, 0x2F, 0x3A, 0x3C, 0x3D,
            0x3E, 0x3F, 0x40, 0x5C, 0x5E, 0x7B, 0x7C, 0x7D, 0x7E:
            true
        default: false
        }
    }

    /// Looks up one host name, NetBIOS computer name or IP address.
    ///
    /// One pass over the UTF-8 bytes classifies the query; then one hash table probe, on the bytes themselves,
    /// answers it (a few more for an IP in a subnet or a name known only by its DNS suffix).
    public func lookup(_ query: String) -> Result {
        var q = query
        return q.withUTF8 { lookup(query, $0) }
    }

    private func lookup(_ query: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        var dots = 0
        var colon = false
        var digitsAndDotsOnly = true
        var forbidden = false
        var nonASCII = false
        for b in bytes {
            switch b {
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): digitsAndDotsOnly = false
            case UInt8(ascii: ":"):
                colon = true
                forbidden = true
                digitsAndDotsOnly = false
            case 0x80...:
                nonASCII = true
                digitsAndDotsOnly = false
            default:
                digitsAndDotsOnly = false
                if Self.isForbiddenInNetBIOS(b) { forbidden = true }
            }
        }
        if (digitsAndDotsOnly && dots == 3) || colon, let ip = IPAddress(query) { return lookup(query, ip) }
        if dots > 0 {
            let end = bytes.last == UInt8(ascii: ".") ? bytes.count - 1 : bytes.count
            let name = UnsafeBufferPointer(rebasing: bytes[..<end])
            if let a = byHostName.find(name) {
                return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
            }
            return suffixLookup(query, name)
        }
        if nonASCII {
            guard var key = (try? NetBIOSName(parsing: query))?.value else {
                return Result(query: query, kind: .invalid, domains: [], evidence: [])
            }
            return key.withUTF8 { netbiosLookup(query, $0) }
        }
        guard !forbidden, !bytes.isEmpty, bytes.count <= 15 else {
            return Result(query: query, kind: .invalid, domains: [], evidence: [])
        }
        return netbiosLookup(query, bytes)
    }

    private func netbiosLookup(_ query: String, _ key: UnsafeBufferPointer<UInt8>) -> Result {
        if let a = byNetBIOS.find(key) {
            return Result(query: query, kind: .netbiosName, domains: a.domains, evidence: a.evidence)
        }
        return Result(query: query, kind: .netbiosName, domains: [], evidence: [])
    }

    private func lookup(_ query: String, _ ip: IPAddress) -> Result {
        if let a = byAddress[ip] { return Result(query: query, kind: .ip, domains: a.domains, evidence: a.evidence) }
        for (prefix, v4, table) in subnets where v4 == ip.isV4 {
            if let a = table[ip.masked(prefix)] {
                return Result(query: query, kind: .ip, domains: a.domains, evidence: a.evidence)
            }
        }
        return Result(query: query, kind: .ip, domains: [], evidence: [])
    }

    private func suffixLookup(_ query: String, _ name: UnsafeBufferPointer<UInt8>) -> Result {
        if let a = byDomain.find(name) {
            return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
        }
        for dot in name.indices where name[dot] == UInt8(ascii: ".") {
            guard let a = byDomain.find(UnsafeBufferPointer(rebasing: name[(dot + 1)...])) else { continue }
            let first = UnsafeBufferPointer(rebasing: name[..<dot])
            if let d = a.domains.first, first.count <= 15,
                let e = byNetBIOS.find(first)?.evidence.first(where: { $0.domain == d })
            {
                return Result(query: query, kind: .dnsName, domains: [d], evidence: [e] + a.evidence)
            }
            return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
        }
        return Result(query: query, kind: .dnsName, domains: [], evidence: [])
    }
}
