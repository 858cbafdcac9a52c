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
    /// (prefix length, network -> answer), longest prefix first, IPv4 and IPv6 mixed.
    private var subnets: [(Int, Bool, [IPAddress: Answer])] = []

    /// Indexes a snapshot's computers, DCs, domains and sites.
    ///
    /// Each answer is built once and the same arrays are stored under every key that leads to it (copy on write
    /// shares them), and the one-domain arrays are shared by every answer in that domain.
    public init(snapshot: Snapshot) {
        var hostDomain: [DNSName: DNSName] = [:]
        for d in snapshot.domains {
            let only = [d.dnsName]
            byDomainSuffix[Substring(d.dnsName.value)] = Answer(
                domains: only, evidence: [Evidence(rule: .dnsSuffix, domain: d.dnsName)])
            byNetBIOS.reserveCapacity(byNetBIOS.count + d.computers.count)
            byHostName.reserveCapacity(byHostName.count + d.computers.count)
            for c in d.computers {
                let rule: Rule = c.isDomainController ? .domainControllerAccount : .computerAccount
                let e = Evidence(rule: rule, domain: d.dnsName, account: c.name.value + "$")
                let answer = Answer(domains: only, evidence: [e])
                if let h = c.dnsHostName { Self.insert(answer, e, at: h.value, into: &byHostName) }
                Self.insert(answer, e, at: c.name.value, into: &byNetBIOS)
            }
            for dc in d.domainControllers {
                hostDomain[dc.hostName] = d.dnsName
                let e = Evidence(rule: .domainControllerAccount, domain: d.dnsName, account: dc.hostName.value)
                let answer = Answer(domains: only, evidence: [e])
                if byHostName[dc.hostName.value]?.domains.contains(d.dnsName) != true {
                    Self.insert(answer, e, at: dc.hostName.value, into: &byHostName)
                }
                if let n = dc.netbiosName, byNetBIOS[n.value]?.domains.contains(d.dnsName) != true {
                    Self.insert(answer, e, at: n.value, into: &byNetBIOS)
                }
                for a in dc.addresses {
                    guard let ip = IPAddress(a) else { continue }
                    let ae = Evidence(rule: .domainControllerAddress, domain: d.dnsName, account: dc.hostName.value)
                    Self.insert(Answer(domains: only, evidence: [ae]), ae, at: ip, into: &byAddress)
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

    private static func insert<K: Hashable>(_ a: Answer, _ e: Evidence, at key: K, into table: inout [K: Answer]) {
        if table[key] == nil {
            table[key] = a
        } else {
            table[key]!.add(e)
        }
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

    /// `text` with its ASCII letters upper- or lower-cased, in one allocation; other bytes are copied as they are.
    private static func asciiMapped(_ text: Substring, upper: Bool) -> String {
        let utf8 = text.utf8
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var i = 0
            for b in utf8 {
                if upper { buffer[i] = b >= 0x61 && b <= 0x7a ? b - 0x20 : b } else {
                    buffer[i] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b
                }
                i += 1
            }
            return i
        }
    }

    /// Looks up one host name, NetBIOS computer name or IP address.
    ///
    /// One pass over the bytes classifies the query; then one dictionary lookup answers it (a few more for an
    /// IP in a subnet or a name known only by its DNS suffix).
    public func lookup(_ query: String) -> Result {
        var dots = 0
        var upper = false
        var lower = false
        var colon = false
        var digitsAndDotsOnly = true
        var forbidden = false
        var nonASCII = false
        var count = 0
        for b in query.utf8 {
            count += 1
            switch b {
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                upper = true
                digitsAndDotsOnly = false
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                lower = true
                digitsAndDotsOnly = false
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
            var name = upper && !nonASCII ? Self.asciiMapped(query[...], upper: false) : upper ? query.lowercased() : query
            if name.utf8.last == UInt8(ascii: ".") { name.removeLast() }
            if let a = byHostName[name] {
                return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
            }
            return suffixLookup(query, name)
        }
        let key: String?
        if nonASCII {
            key = (try? NetBIOSName(parsing: query))?.value
        } else {
            key = forbidden || count == 0 || count > 15 ? nil : lower ? Self.asciiMapped(query[...], upper: true) : query
        }
        guard let key else { return Result(query: query, kind: .invalid, domains: [], evidence: []) }
        if let a = byNetBIOS[key] {
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

    private func suffixLookup(_ query: String, _ name: String) -> Result {
        if let a = byDomainSuffix[name[...]] {
            return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
        }
        let utf8 = name.utf8
        var i = utf8.startIndex
        while let dot = utf8[i...].firstIndex(of: UInt8(ascii: ".")) {
            let after = utf8.index(after: dot)
            if let a = byDomainSuffix[name[after...]] {
                let first = Self.asciiMapped(name[..<dot], upper: true)
                if let d = a.domains.first, let e = byNetBIOS[first]?.evidence.first(where: { $0.domain == d }) {
                    return Result(query: query, kind: .dnsName, domains: [d], evidence: [e] + a.evidence)
                }
                return Result(query: query, kind: .dnsName, domains: a.domains, evidence: a.evidence)
            }
            i = after
        }
        return Result(query: query, kind: .dnsName, domains: [], evidence: [])
    }
}
