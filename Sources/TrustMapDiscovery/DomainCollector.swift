import TrustMapClients
import TrustMapModel
import TrustMapWire

/// Everything learnt about one domain.
struct DomainResult: Sendable {
    var domain: Domain
    var forestRoot: DNSName?
    var forestFunctionalLevel: Int?
    var crossRefs: [CrossRef] = []
    var sites: SiteTopology?
    var trusts: [Trust] = []
    var diagnostics: [Diagnostic] = []
    var answered: [String] = []
    var clientSite: String?
    var ldapOperations = 0
    var ldapPings = 0
    var dnsLookups = 0
    /// The DC the LDAP reads came from.
    var readFrom: String?
    var credentialsRefused = false
}

/// A DC candidate: what SRV and the LDAP ping said about it.
struct Candidate: Sendable {
    var host: DNSName
    var addresses: [String]
    var srvOrder: Int
    var ping: NetlogonResponse?
    var inClientSite = false
    /// Listed by the domain-wide `_ldap._tcp.dc._msdcs` record (not only by its site's).
    var inDomainSRV = true
}

/// Discovers one domain: DC location as the Windows locator does it (SRV, LDAP ping, the
/// client's site and its SRV records), then LDAP reads from the best DC that answers, falling
/// back to the next DC on any error.
struct DomainCollector: Sendable {
    let name: DNSName
    let depth: Int
    let options: DiscoveryOptions
    private let tally = OperationTally()

    init(name: DNSName, depth: Int, options: DiscoveryOptions) {
        self.name = name
        self.depth = depth
        self.options = options
    }

    private func diag(_ c: DiagnosticCategory, _ server: String?, _ op: String, _ msg: String) -> Diagnostic {
        Diagnostic(category: c, domain: name, server: server, operation: op, message: msg)
    }

    /// Asks each configured DNS server in turn until one gives an answer (an NXDOMAIN is an answer).
    private func srv(_ query: String) async -> (records: [SRVRecord], error: DNSError?, server: String) {
        var last: DNSError? = nil
        var lastServer = "system"
        for server in options.servers(for: name) {
            let resolver = DNSResolver(server: server, timeout: options.timeout, attempts: 2)
            lastServer = server.description
            tally.dnsLookup()
            do {
                return (try await resolver.srv(query), nil, lastServer)
            } catch {
                last = error
                if error.kind == .nxdomain || error.kind == .noData { break }
            }
        }
        return ([], last, lastServer)
    }

    /// The host names of the domain zone's name servers (empty when no server says).
    private func nameServers() async -> Set<String> {
        for server in options.servers(for: name) {
            let resolver = DNSResolver(server: server, timeout: options.timeout, attempts: 2)
            if let ns = try? await resolver.nameServers(name.value), !ns.isEmpty { return Set(ns) }
        }
        return []
    }

    private func addresses(_ host: DNSName) async -> [String] {
        for server in options.servers(for: host) {
            let resolver = DNSResolver(server: server, timeout: options.timeout, attempts: 2)
            tally.dnsLookup()
            if let a = try? await resolver.addresses(host.value), !a.isEmpty { return a }
        }
        return []
    }

    /// Resolves and pings candidates, all at once; the result keeps the candidates' order.
    private func locate(_ candidates: [Candidate]) async -> [Candidate] {
        await withTaskGroup(of: (Int, Candidate).self) { group in
            for (i, c) in candidates.enumerated() {
                group.addTask {
                    var c = c
                    c.addresses = await addresses(c.host)
                    for a in c.addresses {
                        tally.ldapPing()
                        if let reply = try? await LDAPPing.ping(
                            address: a, domain: name.value, timeout: options.timeout)
                        {
                            c.ping = reply
                            break
                        }
                    }
                    return (i, c)
                }
            }
            var out = candidates
            for await (i, c) in group { out[i] = c }
            return out
        }
    }

    /// The candidates an SRV answer names, skipping hosts already in `known`.
    private static func candidates(
        _ records: [SRVRecord], after known: [Candidate], inDomainSRV: Bool
    ) -> [Candidate] {
        var out: [Candidate] = []
        for r in records {
            guard let host = try? DNSName(parsing: r.target) else { continue }
            guard !known.contains(where: { $0.host == host }), !out.contains(where: { $0.host == host }) else {
                continue
            }
            out.append(
                Candidate(host: host, addresses: [], srvOrder: known.count + out.count, inDomainSRV: inDomainSRV))
        }
        return out
    }

    /// The order to try DCs for the LDAP reads: those that answered the ping, then those in the
    /// client's site, then writable ones, then SRV order.
    static func readingOrder(_ candidates: [Candidate]) -> [Candidate] {
        func key(_ c: Candidate) -> (Int, Int, Int, Int) {
            (
                c.ping == nil ? 1 : 0, c.inClientSite ? 0 : 1, c.ping?.flags.contains(.writable) == true ? 0 : 1,
                c.srvOrder
            )
        }
        return candidates.sorted { key($0) < key($1) }
    }

    func collect() async -> DomainResult {
        var result = await locateAndRead()
        let counts = tally.counts
        result.dnsLookups = counts.dnsLookups
        result.ldapPings = counts.ldapPings
        return result
    }

    private func locateAndRead() async -> DomainResult {
        var result = DomainResult(domain: Domain(dnsName: name, status: .unreachable, depth: depth))

        // 1. SRV: the domain's DCs.
        let located = await srv("_ldap._tcp.dc._msdcs.\(name.value)")
        if let error = located.error, located.records.isEmpty {
            let cat: DiagnosticCategory = error.kind == .timeout ? .timeout : .unreachable
            result.diagnostics.append(diag(cat, located.server, "srv-lookup", error.description))
            result.domain.statusReason = "no domain controller found in DNS: \(error.description)"
            return result
        }

        // 2. Addresses and LDAP pings, all DCs at once.
        var candidates = await locate(Self.candidates(located.records, after: [], inDomainSRV: true))

        // 3. The client's site: its DCs are preferred, and those only its site lists (read-only DCs
        //    register no domain-wide record) become candidates too.
        if let site = candidates.compactMap(\.ping).map(\.clientSiteName).first(where: { !$0.isEmpty }) {
            result.clientSite = site
            let siteRecords = await srv("_ldap._tcp.\(site)._sites.dc._msdcs.\(name.value)").records
            let names = Set(siteRecords.compactMap { try? DNSName(parsing: $0.target) })
            candidates += await locate(Self.candidates(siteRecords, after: candidates, inDomainSRV: false))
            for i in candidates.indices where names.contains(candidates[i].host) { candidates[i].inClientSite = true }
        }
        for c in candidates where c.ping == nil {
            let what =
                c.addresses.isEmpty
                ? "no address in DNS" : "no LDAP ping reply from \(c.addresses.joined(separator: ", "))"
            result.diagnostics.append(diag(.unreachable, c.host.value, "ldap-ping", what))
        }

        // Anonymous facts from the pings.
        let pings = candidates.compactMap(\.ping)
        if let p = pings.first {
            result.forestRoot = try? DNSName(parsing: p.dnsForestName)
            if let nb = try? NetBIOSName(parsing: p.netbiosDomainName) {
                result.domain.netbiosName = nb
                result.domain.nameSources = [.ldapPing]
            }
            result.domain.guid = p.domainGUID
            result.domain.forest = result.forestRoot
        }
        result.domain.domainControllers = candidates.map { c in
            DomainController(
                hostName: c.host, netbiosName: c.ping.flatMap { try? NetBIOSName(parsing: $0.netbiosComputerName) },
                addresses: c.addresses.sorted(), site: c.ping?.dcSiteName, roles: Self.roles(from: c.ping?.flags),
                pingFlags: c.ping?.flags, answered: c.ping != nil, sources: c.ping == nil ? ["srv"] : ["srv", "ping"])
        }
        result.answered = candidates.filter { $0.ping != nil }.map(\.host.value)

        // 4. LDAP from the best DC that answers.
        var reader = DirectoryRead(name: name, options: options)
        for c in Self.readingOrder(candidates) {
            if await reader.read(from: c, into: &result) != .nextDC { break }
        }

        // DCs learnt from LDAP only (not in SRV): their addresses, and an LDAP ping for their flags.
        let tried = Set(candidates.map(\.host))
        let unpinged = result.domain.domainControllers.filter { !tried.contains($0.hostName) }
        if !unpinged.isEmpty {
            let probed = await withTaskGroup(of: DomainController.self) { group in
                for dc in unpinged { group.addTask { await probe(dc) } }
                var out: [DNSName: DomainController] = [:]
                for await dc in group { out[dc.hostName] = dc }
                return out
            }
            for i in result.domain.domainControllers.indices {
                guard let p = probed[result.domain.domainControllers[i].hostName] else { continue }
                result.domain.domainControllers[i] = p
                if p.answered && !result.answered.contains(p.hostName.value) {
                    result.answered.append(p.hostName.value)
                }
                if p.pingFlags == nil {
                    let what =
                        p.addresses.isEmpty
                        ? "no address in DNS" : "no LDAP ping reply from \(p.addresses.joined(separator: ", "))"
                    result.diagnostics.append(diag(.unreachable, p.hostName.value, "ldap-ping", what))
                }
            }
        }
        // Writable DCs the domain-wide SRV record does not list: clients outside their site cannot
        // find them. Read-only DCs register only their site's records on purpose.
        let listed = Set(candidates.filter(\.inDomainSRV).map(\.host))
        let unlisted = result.domain.domainControllers
            .filter { $0.sources.contains("ldap") && !listed.contains($0.hostName) && !$0.has(.rodc) }
            .map(\.hostName.value)
        if !unlisted.isEmpty {
            result.diagnostics.append(
                diag(
                    .directory, nil, "srv-lookup",
                    "writable DC(s) with a DC account but no _ldap._tcp.dc._msdcs.\(name.value) SRV record: "
                        + unlisted.joined(separator: ", ")))
        }
        // DCs that serve the domain's DNS zone: its NS records.
        let nameServers = await nameServers()
        for i in result.domain.domainControllers.indices
        where nameServers.contains(result.domain.domainControllers[i].hostName.value) {
            var roles = Set(result.domain.domainControllers[i].roles)
            roles.insert(.dns)
            result.domain.domainControllers[i].roles = roles.sorted()
        }
        if result.domain.status == .unreachable && !pings.isEmpty {
            result.domain.status = .partial
            result.domain.statusReason = result.domain.statusReason ?? "only LDAP ping data: no LDAP read succeeded"
        }
        if result.domain.status == .unreachable && result.domain.statusReason == nil {
            result.domain.statusReason = "no domain controller answered"
        }
        return result
    }

    /// Resolves and pings a DC that SRV did not list, merging what the ping says into what LDAP said.
    private func probe(_ dc: DomainController) async -> DomainController {
        var dc = dc
        if dc.addresses.isEmpty { dc.addresses = await addresses(dc.hostName).sorted() }
        for a in dc.addresses {
            tally.ldapPing()
            guard let reply = try? await LDAPPing.ping(address: a, domain: name.value, timeout: options.timeout) else {
                continue
            }
            dc.pingFlags = reply.flags
            dc.answered = true
            dc.site = dc.site ?? reply.dcSiteName
            var roles = Set(dc.roles).union(Self.roles(from: reply.flags))
            // LDAP's account data decides PDC, GC and RODC; the ping adds KDC, writable and DNS.
            if !reply.flags.contains(.pdc) { roles.remove(.pdc) }
            if roles.contains(.rodc) { roles.remove(.writable) }
            dc.roles = roles.sorted()
            if !dc.sources.contains("ping") { dc.sources.append("ping") }
            break
        }
        return dc
    }

    /// Roles the LDAP ping flags show.
    static func roles(from flags: DSFlags?) -> [DCRole] {
        guard let f = flags else { return [] }
        var r: [DCRole] = []
        if f.contains(.pdc) { r.append(.pdc) }
        if f.contains(.gc) { r.append(.gc) }
        if !f.contains(.writable) { r.append(.rodc) }
        if f.contains(.kdc) { r.append(.kdc) }
        if f.contains(.writable) { r.append(.writable) }
        return r.sorted()
    }
}
